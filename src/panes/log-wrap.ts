/** The zoomed Log's entries: each one whole, wrapped to the pane's width. Pure. */
import { logSender } from '../model/log-classify.js';
import type { LogLine } from '../model/log.js';
import { formatTime } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';
import { fit, graphemes, graphemeWidth, truncate } from '../text/width.js';

/** Rows a wrapped entry may take in the zoomed Log; the rest of a longer line is in its detail (Enter). */
export const WRAP_ROWS = 6;
/** The longest word moved whole to the next row rather than cut (an IPv6 address, a short path). */
const WRAP_WORD = 40;

/**
 * One entry wrapped to rows of `width` (the zoomed Log): the whole line, time
 * and sender first, continuation rows indented under the message; at most
 * `maxRows`, the last ending in '…' when the line is longer still.
 */
export function entryRows(line: LogLine, width: number, now: number = line.t, maxRows = WRAP_ROWS): string[] {
  const head = formatTime(line.t, now);
  const indent = Math.min(head.length + 1, Math.max(0, width - 8));
  const name = logSender(line);
  const who = name ? `${sanitize(name, 40)}${line.pid ? `[${line.pid}]` : ''}: ` : '';
  const cells = graphemes(`${head} ${who}${sanitize(line.message, width * maxRows + 1)}`);
  const rows: string[] = [];
  let at = 0;
  while (at < cells.length && rows.length < maxRows) {
    if (rows.length > 0 && cells[at] === ' ') at++;
    const room = rows.length === 0 ? width : width - indent;
    let used = 0;
    const start = at;
    while (at < cells.length && used + graphemeWidth(cells[at]!) <= room) used += graphemeWidth(cells[at++]!);
    // Break after the last space of the row when there is one near its end, so an address or a path stays whole.
    if (at < cells.length && cells[at] !== ' ') {
      const space = cells.lastIndexOf(' ', at - 1);
      if (space > start && at - space <= WRAP_WORD) at = space + 1;
    }
    const row = cells.slice(start, at).join('');
    if (row === '') break;
    rows.push(fit(`${rows.length === 0 ? '' : ' '.repeat(indent)}${row}`, width));
  }
  // Longer still: the last row ends in '…' (truncate cuts the row with the next character added).
  if (at < cells.length && rows.length) rows[rows.length - 1] = fit(truncate(`${rows[rows.length - 1]!.trimEnd()}${cells[at]}`, width), width);
  return rows;
}
