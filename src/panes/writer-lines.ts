/**
 * The Writers pane's rows: a line per group, then one per process, then the
 * deleted-but-open files under their header. Each line carries its identity
 * (`key`: group:NAME, proc:PID:START, held:PID:START:FD) and what an action at
 * it would act on, so the selection can follow a row, not an index.
 */
import { programFirst } from '../text/program.js';
import type { HeldFile } from '../effects/intents.js';
import type { DeletedFileView } from '../model/deleted-selectors.js';
import type { WriterGroup, WriterView } from '../model/writer-selectors.js';
import { INITIAL_LISTS, matchesFilter, sortColumn, type ListOptions } from '../core/list-options.js';
import { sanitize } from '../text/sanitize.js';
import { fit, truncateLeft } from '../text/width.js';
import { formatBytes, formatTime } from '../text/format.js';
import type { ModelState } from '../model/model.js';
import type { PaneRow } from '../core/types.js';
import { selectDeletedFiles } from '../model/deleted-selectors.js';
import { selectWriterGroups } from '../model/writer-selectors.js';
import { compareText } from '../text/order.js';

/** One row of the pane, with what an action on it would act on; its text is made at draw width (`draw`). */
export interface WriterRow extends PaneRow {
  readonly kind: 'group' | 'process' | 'deleted';
  /** The row's text at `width` cells: made when drawn, for the rows on screen only. */
  readonly draw: (width: number) => string;
  readonly pid: number | null;
  readonly startTicks: number | null;
  /** For a deleted-but-open file: the descriptor that holds it. */
  readonly file: HeldFile | null;
  /** The service unit of a group line, for S and R. */
  readonly unit?: string | null;
  }

/** A row with its text made at one width (tests, one-shot reports). */
export type WriterLine = WriterRow & { readonly text: string };

/**
 * A rate on a listed row. A process or group that wrote nothing this interval
 * (it paused, is stopped, writes only through wchar, or is a full disk's
 * suspect) shows 0 B/s: a '—' reads as "unknown", and a member shown as
 * `— —` said nothing about a process that is listed for a reason.
 */
const rate = (r: number): string => (r >= 1 ? `${formatBytes(r)}/s` : '0 B/s');

/** Columns of a process line: all of them when the pane is wide, else PID, WRITE and the file (shortened from the left). */
function columns(width: number): { wide: boolean; fixed: number } {
  const wide = width >= 72;
  return { wide, fixed: wide ? 7 + 1 + 8 + 1 + 9 + 1 + 9 + 1 + 14 + 1 : 7 + 1 + 9 + 1 };
}
const FIXED = columns(80).fixed;

/** The header line for `width` cells, the sort column marked (▼ largest first, ▲ smallest first). */
export function writersHeader(width: number, options: ListOptions = INITIAL_LISTS.writers): string {
  const col = sortColumn('writers', options);
  const mark = (title: string) => (title === col.title ? `${title}${col.descending ? '▼' : '▲'}` : title);
  const text = columns(width).wide
    ? `${fit(mark('PID'), 7, 'right')} ${fit(mark('USER'), 8)} ${fit(mark('WRITE'), 9, 'right')} ${fit(mark('WCHAR'), 9, 'right')} ${fit('MOUNT', 14)} BUSIEST FILE`
    : `${fit(mark('PID'), 7, 'right')} ${fit(mark('WRITE'), 9, 'right')} BUSIEST FILE`;
  return fit(text, width);
}

function deletedLines(files: readonly DeletedFileView[]): WriterRow[] {
  if (files.length === 0) return [];
  const total = files.reduce((s, d) => s + d.file.allocatedBytes, 0);
  const head: WriterRow = { kind: 'group', draw: (width) => fit(`▾ deleted but still open · ${formatBytes(total)} held (du cannot see it) · T truncates`, width), pid: null, startTicks: null, file: null, key: 'header:deleted', header: true, label: 'deleted files' };
  return [head, ...files.map((d): WriterRow => ({
    kind: 'deleted',
    draw: (width) =>
      fit(String(d.pid), 7, 'right') + ' ' + fit(sanitize(d.user), 8) + ' ' + fit(formatBytes(d.file.allocatedBytes), 9, 'right') + ' ' +
      fit(sanitize(d.comm), 9) + ' ' + fit(d.mount ? truncateLeft(sanitize(d.mount), 14) : '', 14) + ' ' +
      fit(`${truncateLeft(sanitize(d.file.path), Math.max(0, width - FIXED - 10))} (deleted)`, Math.max(0, width - FIXED)),
    pid: d.pid,
    startTicks: d.startTicks,
    file: { fd: d.file.fd, path: d.file.path, bytes: d.file.allocatedBytes, device: d.file.device, inode: d.file.inode ?? null },
    key: `held:${d.pid}:${d.startTicks}:${d.file.fd}`,
    label: `${d.pid} (${d.comm}) fd ${d.file.fd}`,
  }))];
}

/** Every row for the groups and the deleted-but-open files; `now` dates a suspect's start. */
export function writerRowsOf(groups: readonly WriterGroup[], deleted: readonly DeletedFileView[], options: ListOptions = INITIAL_LISTS.writers, now?: number): WriterRow[] {
  return [...groupLines(shapeGroups(groups, options), options, now), ...deletedLines(options.filter ? [] : deleted)];
}

const WRITER_ORDER: Readonly<Record<string, (a: WriterView, b: WriterView) => number>> = {
  write: (a, b) => b.writeRate - a.writeRate || b.wcharRate - a.wcharRate || a.pid - b.pid,
  wchar: (a, b) => b.wcharRate - a.wcharRate || b.writeRate - a.writeRate || a.pid - b.pid,
  pid: (a, b) => a.pid - b.pid,
  user: (a, b) => compareText(a.user, b.user) || a.pid - b.pid,
};

/** Groups filtered (a group whose name matches keeps all its writers) and sorted by the chosen column. */
function shapeGroups(groups: readonly WriterGroup[], options: ListOptions): WriterGroup[] {
  const id = sortColumn('writers', options).id;
  const shaped = groups
    .map((g) => ({
      ...g,
      writers: (matchesFilter(options.filter, [g.name]) ? g.writers : g.writers.filter((w) => matchesFilter(options.filter, [w.pid, w.user, w.comm, w.cmdline, ...w.files.map((f) => f.path)])))
        .slice().sort(options.sort === 0 ? () => 0 : WRITER_ORDER[id]!),
    }))
    .filter((g) => !options.filter || g.writers.length > 0 || matchesFilter(options.filter, [g.name]));
  if (id === 'wchar') shaped.sort((a, b) => b.wcharRate - a.wcharRate || compareText(a.name, b.name));
  else if (id === 'pid' || id === 'user') shaped.sort((a, b) => (a.writers[0] && b.writers[0] ? WRITER_ORDER[id]!(a.writers[0], b.writers[0]) : 0) || compareText(a.name, b.name));
  return shaped;
}

/**
 * Why a row with no growing file is listed, and where: a full disk's suspect
 * ("blocked: writes failing · FILE 1.2 GiB", "wrote 1.6 GiB here since 03:12 ·
 * FILE"), or a creator of files in a directory on a filesystem whose inodes go.
 */
function evidence(w: WriterView, room: number, now?: number): string {
  const s = w.suspect;
  if (s) {
    const mark = s.blocked ? 'blocked: writes failing' : `wrote ${formatBytes(s.wroteHereBytes)} here${w.startedAt === null ? '' : ` since ${formatTime(w.startedAt, now)}`}`;
    const f = s.files[0]!;
    const size = ` ${formatBytes(f.sizeBytes)}`;
    return `${mark} · ${truncateLeft(sanitize(f.path), Math.max(0, room - mark.length - 3 - size.length))}${size}`;
  }
  const c = w.creating;
  if (!c) return '';
  const head = 'creating files in ';
  const what = c.cwd ? ' (cwd)' : ' (open dir)';
  return `${head}${truncateLeft(sanitize(c.path), Math.max(0, room - head.length - what.length))}${what}`;
}

function processLine(w: WriterView, now?: number): WriterRow {
  const draw = (width: number): string => processText(w, width, now);
  return { kind: 'process', draw, pid: w.pid, startTicks: w.startTicks, file: null, key: `proc:${w.pid}:${w.startTicks}`, label: `${w.pid} (${w.comm})` };
}

function processText(w: WriterView, width: number, now?: number): string {
  const { wide, fixed } = columns(width);
  const fileWidth = Math.max(0, width - fixed);
  const stopped = w.state === 'T' || w.state === 't' ? `STOPPED (${w.state}): K sends CONT · ` : '';
  const file = w.busiest ? `${truncateLeft(sanitize(w.busiest.path), Math.max(0, fileWidth - stopped.length - (w.busiest.deleted ? 10 : 0)))}${w.busiest.deleted ? ' (deleted)' : ''}` : evidence(w, fileWidth - stopped.length, now);
  const quiet = !w.busiest && w.writeRate >= 1 ? '(no open file grew: closed files or children) ' : '';
  const tail = stopped + (file || quiet + sanitize(programFirst(w.cmdline) || `[${w.comm}]`));
  const mount = w.busiest?.mount ?? w.suspect?.mount ?? w.creating?.mount ?? null;
  return wide
    ? fit(String(w.pid), 7, 'right') + ' ' + fit(sanitize(w.user), 8) + ' ' + fit(rate(w.writeRate), 9, 'right') + ' ' + fit(rate(w.wcharRate), 9, 'right') + ' ' +
      fit(mount ? truncateLeft(sanitize(mount), 14) : '', 14) + ' ' + fit(tail, fileWidth)
    : fit(String(w.pid), 7, 'right') + ' ' + fit(rate(w.writeRate), 9, 'right') + ' ' + fit(tail, fileWidth);
}

function groupLines(groups: readonly WriterGroup[], options: ListOptions, now?: number): WriterRow[] {
  const full = [...new Set(groups.flatMap((g) => (g.suspectOf === null ? [] : [g.suspectOf])))];
  const heading: WriterRow[] = full.length === 0 ? [] : [{
    kind: 'group', draw: (width) => fit(`▾ FULL ${full.map((m) => sanitize(m)).join(', ')}: its suspects first (who holds files open there)`, width), pid: null, startTicks: null, file: null, key: 'header:full', header: true, label: 'full filesystems',
  }];
  return [...heading, ...groups.flatMap((g) => {
    const count = g.writers.length;
    const key = `group:${g.name}`;
    const collapsed = options.collapsed.includes(key);
    const counted = g.accounting === 'cgroup' ? ' (cgroup io.stat)' : '';
    const suspects = g.suspectOf === null ? '' : ` · suspects of full ${sanitize(g.suspectOf)}`;
    const title = `${sanitize(g.name)} (${g.kind})${suspects} · ${rate(g.writeRate)} written${counted} · ${rate(g.wcharRate)} wchar · ${count} process${count === 1 ? '' : 'es'}`;
    const head: WriterRow = { kind: 'group', draw: (width) => fit(`${collapsed ? '▸' : '▾'} ${title}`, width), pid: null, startTicks: null, file: null, unit: g.kind === 'unit' ? g.unit : null, key, label: g.name };
    return collapsed ? [head] : [head, ...g.writers.map((w) => processLine(w, now))];
  })];
}

/**
 * The pane's rows for `model`, writers to `device` (selected in Disks) first,
 * shaped by `options`: the row builder the pane registry calls, once per state
 * (src/panes/pane-rows.ts memoises it; read rows through `paneRows`).
 */
export function writerRows(model: ModelState, device: string | null = null, options: ListOptions = INITIAL_LISTS.writers): WriterRow[] {
  return writerRowsOf(selectWriterGroups(model, device), selectDeletedFiles(model), options, model.lastSampleAt ?? undefined);
}

/** Every row with its text made at `width` (tests and one-shot reports; the pane draws through `paneRows`). */
export function writersPaneLines(model: ModelState, width = 80, device: string | null = null, options: ListOptions = INITIAL_LISTS.writers): WriterLine[] {
  return writerRows(model, device, options).map((r) => ({ ...r, text: r.draw(width) }));
}

/** Number of lines (a header per group, a line per writer, then the deleted files). */
export function writersListLength(model: ModelState, options: ListOptions = INITIAL_LISTS.writers): number {
  if (options.filter || options.collapsed.length) return writerRows(model, null, options).length;
  const groups = selectWriterGroups(model);
  const deleted = selectDeletedFiles(model).length;
  const full = groups.some((g) => g.suspectOf !== null) ? 1 : 0;
  return full + groups.reduce((n, g) => n + 1 + g.writers.length, 0) + (deleted > 0 ? 1 + deleted : 0);
}
