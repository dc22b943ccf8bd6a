/** Text lines of the Writers pane: a line per group, then one per process. */
import type { WriterGroup } from '../src/model/writer-selectors.js';
import { sanitize } from '../src/text/sanitize.js';
import { fit, truncateLeft } from '../src/text/width.js';
import { formatBytes } from './format.js';

/** One line of the pane. */
export interface WriterLine {
  readonly kind: 'group' | 'process';
  readonly text: string;
  readonly pid: number | null;
}

const rate = (r: number): string => (r >= 1 ? `${formatBytes(r)}/s` : '—');
const FIXED = 7 + 1 + 8 + 1 + 9 + 1 + 9 + 1 + 14 + 1;

/** The header line for `width` cells. */
export function writersHeader(width: number): string {
  return fit('    PID USER         WRITE     WCHAR MOUNT          BUSIEST FILE', width);
}

/** Every line for the groups, sized to `width`. */
export function writerLines(groups: readonly WriterGroup[], width: number): WriterLine[] {
  const fileWidth = Math.max(0, width - FIXED);
  return groups.flatMap((g) => {
    const count = g.writers.length;
    const title = `${sanitize(g.name)} (${g.kind}) · ${rate(g.writeRate)} written · ${rate(g.wcharRate)} wchar · ${count} process${count === 1 ? '' : 'es'}`;
    const head: WriterLine = { kind: 'group', text: fit(`▾ ${title}`, width), pid: null };
    const procs = g.writers.map((w): WriterLine => {
      const file = w.busiest ? `${truncateLeft(sanitize(w.busiest.path), Math.max(0, fileWidth - (w.busiest.deleted ? 10 : 0)))}${w.busiest.deleted ? ' (deleted)' : ''}` : '';
      const text =
        fit(String(w.pid), 7, 'right') + ' ' +
        fit(sanitize(w.user), 8) + ' ' +
        fit(rate(w.writeRate), 9, 'right') + ' ' +
        fit(rate(w.wcharRate), 9, 'right') + ' ' +
        fit(w.busiest?.mount ? truncateLeft(sanitize(w.busiest.mount), 14) : '', 14) + ' ' +
        fit(file || sanitize(w.cmdline || `[${w.comm}]`), fileWidth);
      return { kind: 'process', text, pid: w.pid };
    });
    return [head, ...procs];
  });
}
