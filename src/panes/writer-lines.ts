/**
 * The Writers pane's rows: a line per group, then one per process, then the
 * deleted-but-open files under their header. Each line carries its identity
 * (`key`: group:NAME, proc:PID:START, held:PID:START:FD) and what an action at
 * it would act on, so the selection can follow a row, not an index.
 */
import type { HeldFile } from '../effects/intents.js';
import type { DeletedFileView } from '../model/deleted-selectors.js';
import type { WriterGroup } from '../model/writer-selectors.js';
import { sanitize } from '../text/sanitize.js';
import { fit, truncateLeft } from '../text/width.js';
import { formatBytes } from '../text/format.js';
import type { ModelState } from '../model/model.js';
import { selectDeletedFiles } from '../model/deleted-selectors.js';
import { selectWriterGroups } from '../model/writer-selectors.js';

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
  /** The row's identity, stable across samples and re-sorts. */
  readonly key: string;
  /** A header is shown but never selected. */
  readonly header?: boolean;
  /** How the status line names the row ("4242 (dd)"). */
  readonly label: string;
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
  const head: WriterLine = { kind: 'group', text: fit(`▾ deleted but still open · ${formatBytes(total)} held (du cannot see it) · T truncates`, width), pid: null, startTicks: null, file: null, key: 'header:deleted', header: true, label: 'deleted files' };
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
    key: `held:${d.pid}:${d.startTicks}:${d.file.fd}`,
    label: `${d.pid} (${d.comm}) fd ${d.file.fd}`,
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
    const head: WriterLine = { kind: 'group', text: fit(`▾ ${title}`, width), pid: null, startTicks: null, file: null, unit: g.kind === 'unit' ? g.unit : null, key: `group:${g.name}`, label: g.name };
    const procs = g.writers.map((w): WriterLine => {
      const file = w.busiest ? `${truncateLeft(sanitize(w.busiest.path), Math.max(0, fileWidth - (w.busiest.deleted ? 10 : 0)))}${w.busiest.deleted ? ' (deleted)' : ''}` : '';
      const quiet = !w.busiest && w.writeRate >= 1 ? `(no open file grew: closed files or children) ` : '';
      const text =
        fit(String(w.pid), 7, 'right') + ' ' +
        fit(sanitize(w.user), 8) + ' ' +
        fit(rate(w.writeRate), 9, 'right') + ' ' +
        fit(rate(w.wcharRate), 9, 'right') + ' ' +
        fit(w.busiest?.mount ? truncateLeft(sanitize(w.busiest.mount), 14) : '', 14) + ' ' +
        fit(file || quiet + sanitize(w.cmdline || `[${w.comm}]`), fileWidth);
      return { kind: 'process', text, pid: w.pid, startTicks: w.startTicks, file: null, key: `proc:${w.pid}:${w.startTicks}`, label: `${w.pid} (${w.comm})` };
    });
    return [head, ...procs];
  });
}

/** The pane's lines for `model` at `width`, writers to `device` (selected in Disks) first. */
export function writersPaneLines(model: ModelState, width = 80, device: string | null = null): WriterLine[] {
  return writerLines(selectWriterGroups(model, device), selectDeletedFiles(model), width);
}

/** Number of lines (a header per group, a line per writer, then the deleted files), without building them. */
export function writersListLength(model: ModelState): number {
  const groups = selectWriterGroups(model);
  const deleted = selectDeletedFiles(model).length;
  return groups.reduce((n, g) => n + 1 + g.writers.length, 0) + (deleted > 0 ? 1 + deleted : 0);
}

