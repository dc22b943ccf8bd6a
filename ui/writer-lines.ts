/** Text lines of the Writers pane: a line per group, then one per process. */
import type { HeldFile } from '../src/actions/intents.js';
import type { DeletedFileView } from '../src/model/deleted-selectors.js';
import type { WriterGroup } from '../src/model/writer-selectors.js';
import { sanitize } from '../src/text/sanitize.js';
import { fit, truncateLeft } from '../src/text/width.js';
import { formatBytes } from './format.js';

/** One line of the pane, with what an action on it would act on. */
export interface WriterLine {
  readonly kind: 'group' | 'process' | 'deleted';
  readonly text: string;
  readonly pid: number | null;
  readonly startTicks: number | null;
  /** For a deleted-but-open file: the descriptor that holds it. */
  readonly file: HeldFile | null;
  /** The service unit of a group line, for S and R. */
  readonly unit?: string | null;
}

const rate = (r: number): string => (r >= 1 ? `${formatBytes(r)}/s` : '—');
const FIXED = 7 + 1 + 8 + 1 + 9 + 1 + 9 + 1 + 14 + 1;

/** The header line for `width` cells. */
export function writersHeader(width: number): string {
  return fit('    PID USER         WRITE     WCHAR MOUNT          BUSIEST FILE', width);
}

function deletedLines(files: readonly DeletedFileView[], width: number): WriterLine[] {
  if (files.length === 0) return [];
  const total = files.reduce((s, d) => s + d.file.allocatedBytes, 0);
  const head: WriterLine = { kind: 'group', text: fit(`▾ deleted but still open · ${formatBytes(total)} held (du cannot see it) · T truncates`, width), pid: null, startTicks: null, file: null };
  const fileWidth = Math.max(0, width - FIXED);
  return [head, ...files.map((d): WriterLine => ({
    kind: 'deleted',
    text:
      fit(String(d.pid), 7, 'right') + ' ' + fit(sanitize(d.user), 8) + ' ' + fit(formatBytes(d.file.allocatedBytes), 9, 'right') + ' ' +
      fit(sanitize(d.comm), 9) + ' ' + fit(d.mount ? truncateLeft(sanitize(d.mount), 14) : '', 14) + ' ' +
      fit(`${truncateLeft(sanitize(d.file.path), Math.max(0, fileWidth - 10))} (deleted)`, fileWidth),
    pid: d.pid,
    startTicks: d.startTicks,
    file: { fd: d.file.fd, path: d.file.path, bytes: d.file.allocatedBytes, device: d.file.device, inode: d.file.inode ?? null },
  }))];
}

/** Every line for the groups and the deleted-but-open files, sized to `width`. */
export function writerLines(groups: readonly WriterGroup[], deleted: readonly DeletedFileView[], width: number): WriterLine[] {
  return [...groupLines(groups, width), ...deletedLines(deleted, width)];
}

function groupLines(groups: readonly WriterGroup[], width: number): WriterLine[] {
  const fileWidth = Math.max(0, width - FIXED);
  return groups.flatMap((g) => {
    const count = g.writers.length;
    const counted = g.accounting === 'cgroup' ? ' (cgroup io.stat)' : '';
    const title = `${sanitize(g.name)} (${g.kind}) · ${rate(g.writeRate)} written${counted} · ${rate(g.wcharRate)} wchar · ${count} process${count === 1 ? '' : 'es'}`;
    const head: WriterLine = { kind: 'group', text: fit(`▾ ${title}`, width), pid: null, startTicks: null, file: null, unit: g.kind === 'unit' ? g.unit : null };
    const procs = g.writers.map((w): WriterLine => {
      const file = w.busiest ? `${truncateLeft(sanitize(w.busiest.path), Math.max(0, fileWidth - (w.busiest.deleted ? 10 : 0)))}${w.busiest.deleted ? ' (deleted)' : ''}` : '';
      const text =
        fit(String(w.pid), 7, 'right') + ' ' +
        fit(sanitize(w.user), 8) + ' ' +
        fit(rate(w.writeRate), 9, 'right') + ' ' +
        fit(rate(w.wcharRate), 9, 'right') + ' ' +
        fit(w.busiest?.mount ? truncateLeft(sanitize(w.busiest.mount), 14) : '', 14) + ' ' +
        fit(file || sanitize(w.cmdline || `[${w.comm}]`), fileWidth);
      return { kind: 'process', text, pid: w.pid, startTicks: w.startTicks, file: null };
    });
    return [head, ...procs];
  });
}
