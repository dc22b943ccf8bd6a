/**
 * The lines around the panes: the status line, the compact layout's tab bar
 * and a pane's top edge with its title. Both renderers draw these.
 */
import { formatTime } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';
import { fitMessage } from '../text/fit-message.js';
import { displayWidth, truncate } from '../text/width.js';
import type { PaneId } from '../core/types.js';
import { tabLabel } from './tab-labels.js';
import { spansLine, type Span, type StyledLine } from './styled.js';

/** What the status line shows. */
export interface StatusArgs {
  readonly width: number;
  readonly host: string;
  readonly intervalMs: number;
  readonly paused: boolean;
  /** The newest action result, notice or error. */
  readonly message: { readonly type: 'note' | 'error'; readonly text: string } | null;
  /** Time of the sample on screen, ms since the epoch. */
  readonly sampleAt: number | null;
  /** Actions are off: a READ-ONLY marker. */
  readonly readOnly?: boolean;
  /** A standing marker (recording, replay position), or null. */
  readonly banner?: { readonly text: string; readonly alert: boolean; readonly short?: string } | null;
}

function clock(t: number | null): string {
  return t === null ? '--:--:--' : formatTime(t, t);
}

/**
 * One line, exactly `width` cells. A message that does not fit first gets the
 * room of the fixed parts (host, interval, the long hints, most of a banner
 * that is not an alert), then its paths are shortened in the middle; only then
 * is its end cut, with "[m]" saying the message log (m) has the whole text.
 */
export function statusLine({ width, host, intervalMs, paused, message, sampleAt, banner = null, readOnly = false }: StatusArgs): StyledLine {
  const marker = `${readOnly ? ' READ-ONLY ' : ''}${paused ? ' PAUSED ' : ''}`;
  const text = message ? sanitize(message.text) : '';
  let hints = ' ? help  q quit';
  let left = ` sitrep ${sanitize(host)}  ${clock(sampleAt)}  every ${intervalMs / 1000}s `;
  let flag = banner ? truncate(` ${sanitize(banner.text)} `, Math.max(0, Math.floor(width / 2))) : '';
  const roomNow = () => Math.max(0, width - displayWidth(left) - marker.length - displayWidth(flag) - hints.length);
  if (text && displayWidth(text) + 1 > roomNow()) {
    left = ` ${clock(sampleAt)} `;
    hints = ' ? help';
    // a banner's short form if it has one ("ALERT 2": the outcome the admin asked for comes first);
    // else an alert (a stale link) keeps its start, up to 32 cells ("SSH host · STALE 12s"); a plain banner 16
    if (banner) flag = truncate(` ${sanitize(banner.short ?? banner.text)} `, Math.min(displayWidth(flag), banner.alert ? 32 : 16));
  }
  const room = roomNow();
  const fitted = text ? ` ${fitMessage(text, room - 1)}` : '';
  // A message cut short says where its whole text is: the message log (m).
  const middle = displayWidth(fitted) <= room ? fitted : `${truncate(fitted, Math.max(0, room - 4))} [m]`;
  const pad = ' '.repeat(Math.max(0, room - displayWidth(middle)));
  const spans: Span[] = [{ text: left, look: { inverse: true } }];
  if (marker) spans.push({ text: marker, look: { inverse: true, bold: true, color: 'yellow' } });
  if (flag) spans.push({ text: flag, look: { inverse: true, bold: true, color: banner?.alert ? 'red' : 'magenta' } });
  spans.push({ text: middle, look: { color: message?.type === 'error' ? 'red' : 'green' } }, { text: pad }, { text: hints, look: { dim: true } });
  return spansLine(spans);
}

/** The compact layout's tab bar: each present pane with its number key; the shown one highlighted. */
export function tabBarLine(panes: readonly PaneId[], focus: PaneId): StyledLine {
  const spans: Span[] = panes.map((p) => (p === focus ? { text: tabLabel(p), look: { inverse: true, bold: true, color: 'cyan' } } : { text: tabLabel(p) }));
  return spansLine([...spans, { text: '  Tab: next', look: { dim: true } }]);
}

/** A pane's top edge with its title (and a note); focus shows in the colour. */
export function paneTopLine(title: string, note: string | undefined, width: number, focused: boolean): StyledLine {
  const color = focused ? 'cyan' : 'gray';
  const label = truncate(` ${title}${note ? ` · ${note}` : ''} `, Math.max(0, width - 4));
  const fill = '─'.repeat(Math.max(0, width - 3 - displayWidth(label)));
  return spansLine([{ text: '╭─', look: { color } }, { text: label, look: focused ? { bold: true, color: 'cyanBright' } : undefined }, { text: `${fill}╮`, look: { color } }]);
}
