/** Text of the Log pane: the summary lines (volatile warning, crashes, OOM, ranges) and one line per entry. */
import { logSender } from '../model/log-classify.js';
import { formatTime } from '../text/format.js';
import type { LogLine, LogState } from '../model/log.js';
import { memoByState } from '../model/memo.js';
import { countWindow, selectCrashes, selectKernelEvents, selectOomKills, selectTopRanges } from '../model/log-selectors.js';
import { sanitize } from '../text/sanitize.js';
import { fit } from '../text/width.js';
import type { ModelState } from '../model/model.js';
import type { LogView } from '../core/types.js';

/** A summary line and how it is coloured. */
export interface SummaryLine {
  readonly text: string;
  readonly tone: 'warn' | 'alert' | 'plain';
}

/** The standing warning of a volatile journal. */
export const VOLATILE_WARNING = 'journal is volatile: logs are lost on reboot or crash — press J to keep them';

/** The lines above the tail: what the logs say over 1 and 10 minutes up to the newest batch (memoized: layout and pane both ask). */
export function summaryLines(log: LogState, width: number): SummaryLine[] {
  return summaryFor(log, String(width));
}

const summaryFor = memoByState((log: LogState, width: string) => buildSummary(log, log.lastAt, Number(width)));

function buildSummary(log: LogState, now: number, width: number): SummaryLine[] {
  const out: SummaryLine[] = [];
  if (log.journal?.volatile) for (const row of wrap(`⚠ ${VOLATILE_WARNING}`, width, 2)) out.push({ text: fit(row, width), tone: 'warn' });
  const window = countWindow(log, now);
  if (window.partial) out.push({ text: fit(`counts over ${window.label}${log.readBack?.bound ? `: the read at start stopped at ${log.readBack.bound}` : ''}`, width), tone: 'warn' });
  const crashes = selectCrashes(log, now);
  if (crashes.length) {
    const list = crashes.slice(0, 4).map((c) => `${sanitize(c.unit, 40)} ${c.count1m}/${c.count10m}${c.restarts !== null ? ` (restart #${c.restarts})` : ''}`);
    out.push({ text: fit(`crashes 1m/10m: ${list.join(' · ')}`, width), tone: 'alert' });
  }
  const ooms = selectOomKills(log, now);
  if (ooms.length) out.push({ text: fit(`OOM kills 10m: ${ooms.length} · ${ooms.slice(-3).map((o) => `${sanitize(o.victim, 30)}${o.pid ? ` (${o.pid})` : ''}`).join(', ')}`, width), tone: 'alert' });
  const kernel = selectKernelEvents(log, now);
  if (kernel.length) out.push({ text: fit(`kernel 10m: ${kernel.slice(0, 3).map((k) => `${k.kind} ${sanitize(k.subject, 30)}${k.count10m > 1 ? ` ×${k.count10m}` : ''}`).join(' · ')}`, width), tone: 'alert' });
  const ranges = selectTopRanges(log, now, 3);
  if (ranges.length) {
    const list = ranges.map((r) => `${r.range}${r.private ? ' (private)' : ''} ${r.count} (${r.perMinute}/min)`);
    out.push({ text: fit(`top sources 10m: ${list.join(' · ')}`, width), tone: 'plain' });
  }
  return out;
}

/** Word-wraps plain text into at most `rows` rows of `width`. */
function wrap(text: string, width: number, rows: number): string[] {
  const out: string[] = [];
  let row = '';
  for (const word of text.split(' ')) {
    if (row && row.length + 1 + word.length > width) {
      out.push(row);
      row = word;
    } else row = row ? `${row} ${word}` : word;
  }
  out.push(row);
  return out.length > rows ? [...out.slice(0, rows - 1), out.slice(rows - 1).join(' ')] : out;
}

/** Each entry's last line, with what it was made from: the Log pane draws the same entries frame after frame. */
const madeLines = new WeakMap<LogLine, { readonly width: number; readonly hscroll: number; readonly time: string; readonly text: string }>();

/** One entry as a line: time (with the date when not from `now`'s day), unit[pid], message — sanitized and cut to the width. */
export function entryLine(line: LogLine, width: number, now: number = line.t, hscroll = 0): string {
  const time = formatTime(line.t, now);
  const made = madeLines.get(line);
  if (made && made.width === width && made.hscroll === hscroll && made.time === time) return made.text;
  const name = logSender(line);
  const who = name ? `${sanitize(name, 40)}${line.pid ? `[${line.pid}]` : ''}: ` : '';
  // Scrolled right (← →): the time stays, the rest moves; a marker says so.
  const rest = [...`${who}${sanitize(line.message, width * 2 + hscroll)}`];
  const shifted = hscroll > 0 ? `«${rest.slice(hscroll + 1).join('')}` : rest.join('');
  const text = fit(`${time} ${shifted}`, width);
  madeLines.set(line, { width, hscroll, time, text });
  return text;
}

/** `text` cut into plain and matching parts (case-insensitive), for highlighting a search. */
export function searchParts(text: string, search: string): Array<{ readonly text: string; readonly match: boolean }> {
  if (!search) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const q = search.toLowerCase();
  const out: Array<{ text: string; match: boolean }> = [];
  let at = 0;
  for (let i = lower.indexOf(q); i >= 0 && q.length > 0; i = lower.indexOf(q, i + q.length)) {
    if (i > at) out.push({ text: text.slice(at, i), match: false });
    out.push({ text: text.slice(i, i + q.length), match: true });
    at = i + q.length;
  }
  if (at < text.length) out.push({ text: text.slice(at), match: false });
  return out;
}

/** Ink colour for a syslog priority. */
export function priorityColor(priority: number | null): { color?: string; dim?: boolean; bold?: boolean } {
  if (priority === null) return {};
  if (priority <= 2) return { color: 'redBright', bold: true };
  if (priority === 3) return { color: 'red' };
  if (priority === 4) return { color: 'yellow' };
  if (priority === 5) return { bold: true };
  if (priority === 7) return { dim: true };
  return {};
}

/** Rows left for the tail under the summary (and the search line). */
export function logTailRows(model: ModelState, log: LogView, width: number, height: number): number {
  const summary = model.log ? summaryLines(model.log, width).length + problemLines(model.log, width).length : 0;
  return Math.max(1, height - summary - (log.draft !== null ? 1 : 0));
}

/** What is missing (no journal, no syslog file), sanitized and wrapped to at most three lines of `width`. */
export function problemLines(state: LogState, width: number): string[] {
  if (!state.problem || width < 1) return [];
  return wrap(sanitize(state.problem, 600), width, 3).map((row) => fit(row, width));
}
