/** Selectors for the Disks pane and the snapshot: sizes, rates, times to full. */
import { deletedBytesByDevice } from './deleted-selectors.js';
import { lsqSlope, secondsUntil } from './fill-rate.js';
import { memoByState } from './memo.js';
import type { FsTrack } from './disks.js';
import type { ModelState } from './model.js';

/** Rates below this many bytes per second count as steady (no time to full). */
export const MIN_FILL_RATE = 4096;
/** Inode rates below this many per second count as steady. */
export const MIN_INODE_RATE = 0.5;

/**
 * Below this many bytes available (and under 1% of its size, so that a small
 * empty tmpfs is not called full) a filesystem is full for ordinary users.
 * Measured on loop filesystems filled by an unprivileged dd: ext4 (-m 5) refuses
 * 1 MiB writes whole with 656 KiB (973 MiB image) to 916 KiB (4 GiB) still
 * available, while 4 KiB writes and tmpfs reach 0. statfs's f_bavail already
 * leaves out root's reserve and ext4's metadata reserve (s_resv_clusters); what
 * is left under one 1 MiB write cannot be counted on.
 */
export const FULL_BELOW_BYTES = 1024 * 1024;
/** A filesystem this full sorts above every one that is not urgent. */
export const NEARLY_FULL = 0.99;
/** Countdowns further out than these are noise during an incident, and not shown. */
export const BYTES_HORIZON_SECONDS = 7 * 86400;
export const INODES_HORIZON_SECONDS = 86400;

/** Inode figures of a filesystem (null where it has no fixed inode table). */
export interface InodeView {
  readonly total: number;
  readonly used: number;
  readonly free: number;
  readonly fillRate: number | null;
  readonly secondsToFull: number | null;
}

/** One Disks row. */
export interface FilesystemView {
  readonly device: string;
  readonly mountPoint: string;
  readonly otherMounts: readonly string[];
  readonly type: string;
  readonly source: string;
  readonly responding: boolean;
  /** False until the first statfs answer. */
  readonly known: boolean;
  readonly sizeBytes: number;
  readonly usedBytes: number;
  readonly availBytes: number;
  readonly freeBytes: number;
  /** Free blocks only root may use: bfree - bavail. */
  readonly reservedBytes: number;
  /** Use as df shows it: used / (used + avail), 0..1. */
  readonly useFraction: number;
  /** Bytes per second; negative while space is freed; null before two samples. */
  readonly fillRate: number | null;
  readonly secondsToFull: number | null;
  readonly secondsToFullRoot: number | null;
  readonly inodes: InodeView | null;
  /** Inodes will run out before blocks (or already have). */
  readonly inodesBind: boolean;
  /** Ordinary users can no longer write (avail under FULL_BELOW_BYTES, or 1% of a small one). */
  readonly usersFull: boolean;
  /** Space held by deleted files still open (from the latest scan). */
  readonly deletedOpenBytes: number;
}

function view(t: FsTrack, deleted: ReadonlyMap<string, number>): FilesystemView {
  const deletedOpenBytes = deleted.get(t.device) ?? 0;
  const s = t.stat;
  const base = { device: t.device, mountPoint: t.mountPoint, otherMounts: t.otherMounts, type: t.type, source: t.source, responding: t.responding };
  if (!s) {
    return { ...base, known: false, sizeBytes: 0, usedBytes: 0, availBytes: 0, freeBytes: 0, reservedBytes: 0, useFraction: 0, fillRate: null, secondsToFull: null, secondsToFullRoot: null, inodes: null, inodesBind: false, usersFull: false, deletedOpenBytes };
  }
  const usedBytes = (s.blocks - s.bfree) * s.bsize;
  const availBytes = s.bavail * s.bsize;
  const freeBytes = s.bfree * s.bsize;
  const fillRate = lsqSlope(t.usedBytes);
  const inodeRate = lsqSlope(t.usedInodes);
  const inodes: InodeView | null = s.files > 0
    ? { total: s.files, used: s.files - s.ffree, free: s.ffree, fillRate: inodeRate, secondsToFull: withinHorizon(secondsUntil(s.ffree, inodeRate, MIN_INODE_RATE), INODES_HORIZON_SECONDS) }
    : null;
  const secondsToFull = withinHorizon(secondsUntil(availBytes, fillRate, MIN_FILL_RATE), BYTES_HORIZON_SECONDS);
  const inodeShare = inodes ? inodes.used / inodes.total : 0;
  const useFraction = usedBytes + availBytes > 0 ? usedBytes / (usedBytes + availBytes) : 0;
  const inodesBind = inodes !== null && (inodes.free === 0 ||
    (inodes.secondsToFull !== null && (secondsToFull === null || inodes.secondsToFull < secondsToFull)) ||
    (inodes.secondsToFull === null && secondsToFull === null && inodeShare > useFraction && inodeShare > 0.9));
  return {
    ...base, known: true, sizeBytes: s.blocks * s.bsize, usedBytes, availBytes, freeBytes,
    reservedBytes: Math.max(0, freeBytes - availBytes), useFraction, fillRate, secondsToFull,
    secondsToFullRoot: withinHorizon(secondsUntil(freeBytes, fillRate, MIN_FILL_RATE), BYTES_HORIZON_SECONDS), inodes, inodesBind,
    deletedOpenBytes,
    usersFull: fullForUsers(availBytes, s.blocks * s.bsize),
  };
}

/** Whether ordinary users can no longer count on writing: see FULL_BELOW_BYTES. */
export function fullForUsers(availBytes: number, sizeBytes: number): boolean {
  return sizeBytes > 0 && (availBytes === 0 || availBytes < Math.min(FULL_BELOW_BYTES, sizeBytes * 0.01));
}

function withinHorizon(seconds: number | null, horizon: number): number | null {
  return seconds !== null && seconds <= horizon ? seconds : null;
}

/** Sort rank of a filesystem at NEARLY_FULL use with no countdown: after a day's countdown, before the rest. */
const NEARLY_FULL_RANK = 86400;

/**
 * Seconds until the first limit (blocks or inodes) runs out; 0 when one has;
 * -1 for a filesystem that does not answer. One at NEARLY_FULL use ranks as a
 * day away, so it sorts above every filesystem that is not urgent.
 */
export function urgency(fs: FilesystemView): number {
  if (!fs.responding) return -1;
  if (fs.known && (fs.usersFull || fs.inodes?.free === 0)) return 0;
  const times = [fs.secondsToFull, fs.inodes?.secondsToFull ?? null].filter((x): x is number => x !== null);
  const soonest = times.length ? Math.min(...times) : Infinity;
  return fs.known && fs.useFraction >= NEARLY_FULL ? Math.min(soonest, NEARLY_FULL_RANK) : soonest;
}

function compare(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

const filesystemsOf = memoByState((state: ModelState, _arg: null): FilesystemView[] => {
  if (!state.filesystems) return [];
  const deleted = deletedBytesByDevice(state);
  return [...state.filesystems.values()]
    .map((t) => view(t, deleted))
    .sort((a, b) => compare(urgency(a), urgency(b)) || b.useFraction - a.useFraction || a.mountPoint.localeCompare(b.mountPoint));
});

/** Every filesystem, soonest full first; then by use, fullest first. */
export function selectFilesystems(state: ModelState): FilesystemView[] {
  return filesystemsOf(state, null);
}
