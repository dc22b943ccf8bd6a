/** The bottom line: host, sampling, PAUSED marker, the newest message, and key hints. */
import { formatTime } from '../src/text/format.js';
import { Text } from 'ink';
import { sanitize } from '../src/text/sanitize.js';
import { fitMessage } from '../src/text/fit-message.js';
import { displayWidth, truncate } from '../src/text/width.js';

/** Props of the status bar. */
export interface StatusBarProps {
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
 * that is not an alert),
 * then its paths are shortened in the middle; only then is its end cut, with
 * "[m]" saying the message log (m) has the whole text.
 */
export function StatusBar({ width, host, intervalMs, paused, message, sampleAt, banner = null, readOnly = false }: StatusBarProps) {
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
  return (
    <Text wrap="truncate">
      <Text inverse>{left}</Text>
      {marker ? <Text inverse bold color="yellow">{marker}</Text> : null}
      {flag ? <Text inverse bold color={banner?.alert ? 'red' : 'magenta'}>{flag}</Text> : null}
      <Text color={message?.type === 'error' ? 'red' : 'green'}>{middle}</Text>
      {pad}
      <Text dimColor>{hints}</Text>
    </Text>
  );
}
