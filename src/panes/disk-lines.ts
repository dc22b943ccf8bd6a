/** Text of the Disks pane: columns that fit the width, rates and countdowns. */
import { selectFilesystems, urgency, type FilesystemView } from '../model/disk-selectors.js';
import type { ModelState } from '../model/model.js';
import { sanitize } from '../text/sanitize.js';
import { fit, truncateLeft } from '../text/width.js';
import { formatBytes, formatDuration } from '../text/format.js';

/** A countdown: '42s', '3m05s', '3h10m', '2d4h'. */
export const formatCountdown = formatDuration;

/** A fill rate: '+98.0M/s', 'freeing 1.2M/s', '—' when steady or unknown. */
export function formatRate(rate: number | null, min: number): string {
  if (rate === null || Math.abs(rate) <= min) return '—';
  return rate > 0 ? `+${formatBytes(rate)}/s` : `freeing ${formatBytes(-rate)}/s`;
}

/** Colour of a row: red under 10 minutes or when nothing is available, amber under an hour. */
export function urgencyColor(fs: FilesystemView, seconds: number): 'red' | 'yellow' | undefined {
  if (!fs.responding || (fs.known && fs.usersFull) || seconds < 600) return 'red';
  return seconds < 3600 ? 'yellow' : undefined;
}

/** What the ETA column says. */
export function etaText(fs: FilesystemView): string {
  if (!fs.responding) return 'not responding';
  if (!fs.known) return 'waiting';
  if (fs.usersFull) return fs.reservedBytes > 0 ? 'FULL (users)' : 'FULL';
  if (fs.inodesBind && fs.inodes?.free === 0) return 'FULL (inodes)';
  const eta = fs.inodesBind ? fs.inodes?.secondsToFull : fs.secondsToFull;
  // USE then shows inode use: the row says so even with no countdown.
  if ((eta === null || eta === undefined) && fs.inodesBind) return `inodes ${percent(fs.useFraction)} used`;
  if (eta === null || eta === undefined) return '';
  return `${fs.inodesBind ? 'inodes ' : ''}full in ${formatCountdown(eta)}`;
}

/** A use fraction (already rounded up to a whole percent, as df does: dfUse) as '28%'. */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** A use bar of `width` cells: '█████░░░░░'. */
export function useBar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return '█'.repeat(filled) + '░'.repeat(Math.max(0, width - filled));
}

interface Column {
  readonly title: string;
  readonly width: number;
  readonly align: 'left' | 'right';
  /** Lower numbers are dropped last when the pane is narrow. */
  readonly priority: number;
  readonly cell: (fs: FilesystemView) => string;
}

const size = (n: number, fs: FilesystemView): string => (fs.known ? formatBytes(n) : '-');

/** An await: '0.42ms', '12ms', '1.2s'; '—' without I/O. */
export function formatAwait(ms: number | null): string {
  if (ms === null) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)}s`;
  return ms >= 10 ? `${Math.round(ms)}ms` : `${ms.toFixed(ms >= 1 ? 1 : 2)}ms`;
}

/** The AWAIT cell: the device's await, 'SLOW' appended when it is slow. */
function awaitCell(fs: FilesystemView): string {
  const l = fs.latency;
  if (!l) return '';
  return `${formatAwait(l.awaitMs)}${l.slow || fs.slowUnder ? ' SLOW' : ''}`;
}

const COLUMNS: readonly Column[] = [
  { title: 'TYPE', width: 6, align: 'left', priority: 6, cell: (fs) => sanitize(fs.type) },
  { title: 'SIZE', width: 6, align: 'right', priority: 5, cell: (fs) => size(fs.sizeBytes, fs) },
  { title: 'USED', width: 6, align: 'right', priority: 4, cell: (fs) => size(fs.usedBytes, fs) },
  { title: 'AVAIL', width: 6, align: 'right', priority: 1, cell: (fs) => size(fs.availBytes, fs) },
  { title: 'RSVD', width: 6, align: 'right', priority: 3, cell: (fs) => size(fs.reservedBytes, fs) },
  { title: 'USE', width: 4, align: 'right', priority: 2, cell: (fs) => (fs.known ? percent(fs.useFraction) : '-') },
  { title: 'BAR', width: 10, align: 'left', priority: 7, cell: (fs) => useBar(fs.useFraction, 10) },
  { title: 'AWAIT', width: 11, align: 'right', priority: 3, cell: awaitCell },
  { title: 'UTIL', width: 4, align: 'right', priority: 5, cell: (fs) => (fs.latency ? percent(fs.latency.util) : '') },
  { title: 'RATE', width: 16, align: 'right', priority: 1, cell: (fs) => formatRate(fs.fillRate, 4096) },
  { title: 'FULL IN', width: 20, align: 'left', priority: 1, cell: etaText },
];

const IO_COLUMNS = new Set(['AWAIT', 'UTIL']);
const MOUNT_MIN = 12;

/** Whether any row has block-device figures: AWAIT and UTIL are shown only then. */
export function hasIo(filesystems: readonly FilesystemView[]): boolean {
  return filesystems.some((fs) => fs.latency !== null);
}

/** The columns that fit in `width` beside a mount column of at least 12 cells (AWAIT and UTIL with `io`). */
export function columnsFor(width: number, io = false): { mountWidth: number; columns: readonly Column[] } {
  let columns = COLUMNS.filter((c) => io || !IO_COLUMNS.has(c.title));
  const used = () => columns.reduce((sum, c) => sum + c.width + 1, 0);
  while (columns.length > 0 && used() + MOUNT_MIN > width) {
    const drop = Math.max(...columns.map((c) => c.priority));
    const index = columns.findIndex((c) => c.priority === drop);
    columns = columns.filter((_, i) => i !== index);
  }
  return { mountWidth: Math.max(0, width - used()), columns };
}

/** The header line. */
export function headerLine(width: number, io = false): string {
  const { mountWidth, columns } = columnsFor(width, io);
  return fit('MOUNT', mountWidth) + columns.map((c) => ' ' + fit(c.title === 'BAR' ? '' : c.title, c.width, c.align)).join('');
}

/** The main line of one filesystem (the path is shortened from the left). */
export function rowLine(fs: FilesystemView, width: number, io = false): string {
  const { mountWidth, columns } = columnsFor(width, io);
  const mount = truncateLeft(sanitize(fs.mountPoint), mountWidth);
  return fit(mount, mountWidth) + columns.map((c) => ' ' + fit(c.cell(fs), c.width, c.align)).join('');
}

/** A second line for states that need words, or null. */
export function noteLine(fs: FilesystemView): string | null {
  if (!fs.responding) return `  not responding: statfs has not answered; sitrep stops asking until it does`;
  if (!fs.known) return null;
  const avail = fs.availBytes === 0 ? '0 B' : formatBytes(fs.availBytes);
  if (fs.usersFull && fs.reservedBytes === 0) return `  ${avail} available — no reserve: root cannot write either`;
  if (fs.usersFull) {
    return `  ${avail} available — ${formatBytes(fs.reservedBytes)} reserved for root${fs.secondsToFullRoot !== null ? ` (root full in ${formatCountdown(fs.secondsToFullRoot)})` : ''}`;
  }
  if (fs.inodesBind && fs.inodes) {
    const i = fs.inodes;
    const rate = i.fillRate !== null && i.fillRate > 0.5 ? ` · +${Math.round(i.fillRate)}/s` : '';
    return `  inodes run out first: ${i.used}/${i.total} used (${i.free} free)${rate}`;
  }
  const slow = slowNote(fs);
  if (slow) return slow;
  if (fs.deletedOpenBytes > 0) return `  ${formatBytes(fs.deletedOpenBytes)} held by deleted files still open (du cannot see it; see Writers)`;
  return null;
}

/** The note of a slow device: its await against its own usual one, and how busy it is. */
export function slowNote(fs: FilesystemView): string | null {
  const l = fs.latency?.slow ? fs.latency : fs.slowUnder;
  if (!l) return null;
  const usual = l.baselineMs !== null ? ` (its usual ${formatAwait(l.baselineMs)})` : '';
  const busy = ` · ${percent(l.util)} busy, queue ${l.queue.toFixed(1)}, ${Math.round(l.iops)} IO/s`;
  return `  slow: ${sanitize(l.name)} await ${formatAwait(l.awaitMs)}${usual}${busy}`;
}

/** One line of the Disks pane: a filesystem's row, or its note line. */
export interface DiskLine {
  readonly text: string;
  readonly index: number;
  readonly main: boolean;
  readonly color: 'red' | 'yellow' | undefined;
}

/** The pane's lines: a row per filesystem, and a note line under those that need one. */
export function disksPaneLines(filesystems: readonly FilesystemView[], width: number): DiskLine[] {
  const io = hasIo(filesystems);
  return filesystems.flatMap((fs, index) => {
    const color = urgencyColor(fs, urgency(fs));
    const note = noteLine(fs);
    const main: DiskLine = { text: rowLine(fs, width, io), index, main: true, color };
    return note ? [main, { text: fit(note, width), index, main: false, color: 'red' as const }] : [main];
  });
}

/** Rows a Disks pane wants: a header and one or two lines per filesystem (disksPaneLines' count, without making their text). */
export function disksWantedRows(model: ModelState): number {
  let rows = 1;
  for (const fs of selectFilesystems(model)) rows += noteLine(fs) === null ? 1 : 2;
  return rows;
}
