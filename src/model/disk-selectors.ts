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
 * Below this many bytes available (and under 1% of its size, so that a tiny
 * tmpfs is not called full) a filesystem is full for ordinary users: ext4
 * withholds its last few blocks from them (delayed-allocation metadata reserve),
 * so statfs can show 1 KiB available on a filesystem that refuses every write.
 */
export const FULL_BELOW_BYTES = 64 * 1024;

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
  /** Ordinary users can no longer write (avail under FULL_BELOW_BYTES). */
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
    ? { total: s.files, used: s.files - s.ffree, free: s.ffree, fillRate: inodeRate, secondsToFull: secondsUntil(s.ffree, inodeRate, MIN_INODE_RATE) }
    : null;
  const secondsToFull = secondsUntil(availBytes, fillRate, MIN_FILL_RATE);
  const inodeShare = inodes ? inodes.used / inodes.total : 0;
  const useFraction = usedBytes + availBytes > 0 ? usedBytes / (usedBytes + availBytes) : 0;
  const inodesBind = inodes !== null && (inodes.free === 0 ||
    (inodes.secondsToFull !== null && (secondsToFull === null || inodes.secondsToFull < secondsToFull)) ||
    (inodes.secondsToFull === null && secondsToFull === null && inodeShare > useFraction && inodeShare > 0.9));
  return {
    ...base, known: true, sizeBytes: s.blocks * s.bsize, usedBytes, availBytes, freeBytes,
    reservedBytes: Math.max(0, freeBytes - availBytes), useFraction, fillRate, secondsToFull,
    secondsToFullRoot: secondsUntil(freeBytes, fillRate, MIN_FILL_RATE), inodes, inodesBind,
    deletedOpenBytes,
    usersFull: s.blocks > 0 && availBytes < Math.min(FULL_BELOW_BYTES, s.blocks * s.bsize * 0.01) + (availBytes === 0 ? 1 : 0),
  };
}

/** Seconds until the first limit (blocks or inodes) runs out; 0 when one has. */
export function urgency(fs: FilesystemView): number {
  if (!fs.responding) return -1;
  if (fs.known && (fs.usersFull || fs.inodes?.free === 0)) return 0;
  const times = [fs.secondsToFull, fs.inodes?.secondsToFull ?? null].filter((x): x is number => x !== null);
  return times.length ? Math.min(...times) : Infinity;
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
