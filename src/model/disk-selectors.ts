/** Selectors for the Disks pane and the snapshot: sizes, rates, times to full. */
import { deletedBytesByDevice } from './deleted-selectors.js';
import { lsqSlope, secondsUntil } from './fill-rate.js';
import { memoBesidesLog } from './memo.js';
import type { FsTrack } from './disks.js';
import type { ModelState } from './model.js';
import { deviceLatency, deviceOfFilesystem, type DeviceLatency, type DeviceTrack } from './disk-latency.js';
import { compareText } from '../text/order.js';

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
/** Sort rank of a filesystem at NEARLY_FULL use with no countdown: after a day's countdown, before the rest. */
const NEARLY_FULL_RANK = 86400;
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
  /** Use as `df -i` shows it (IUse%): see dfUse. */
  readonly useFraction: number;
}

/**
 * Use as df shows it, the one definition everywhere (console, snapshot,
 * OpenMetrics, fleet): used / (used + available), rounded UP to a whole
 * percent as GNU df does (`u100 / total + (u100 % total != 0)`), as a
 * fraction 0..1; 0 when both are 0 (df prints "-"). Pass block or inode
 * counts (integers), not bytes, so the arithmetic stays exact.
 */
export function dfUse(used: number, available: number): number {
  const total = used + available;
  if (total <= 0 || used <= 0) return 0;
  const u100 = used * 100;
  return (Math.floor(u100 / total) + (u100 % total !== 0 ? 1 : 0)) / 100;
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
  /** Block use as df shows it (Use%): see dfUse. */
  readonly blocksUse: number;
  /** What the USE column shows and the sort follows: inode use when inodes run out first (inodesBind), else block use. */
  readonly useFraction: number;
  /** Bytes per second; negative while space is freed; null before two samples. */
  readonly fillRate: number | null;
  readonly secondsToFull: number | null;
  readonly secondsToFullRoot: number | null;
  readonly inodes: InodeView | null;
  /** Inodes will run out before blocks (or already have): the row says inodes, USE is inode use. */
  readonly inodesBind: boolean;
  /** Ordinary users can no longer write (avail under FULL_BELOW_BYTES, or 1% of a small one). */
  readonly usersFull: boolean;
  /** Space held by deleted files still open (from the latest scan). */
  readonly deletedOpenBytes: number;
  /** Await, utilisation, queue and IOPS of the device under it, or null (tmpfs, NFS, no diskstats). */
  readonly latency: DeviceLatency | null;
  /** A device under it (dm, md slaves) that is slow, when the filesystem's own device is not. */
  readonly slowUnder: DeviceLatency | null;
}

function latencyOf(t: FsTrack, tracks: ReadonlyMap<string, DeviceTrack> | null): { latency: DeviceLatency | null; slowUnder: DeviceLatency | null } {
  const name = tracks ? deviceOfFilesystem(tracks, t.device, t.source) : null;
  const latency = name && tracks ? deviceLatency(name, tracks) : null;
  const slowUnder = latency && tracks && !latency.slow
    ? latency.slaves.map((s) => deviceLatency(s, tracks)).find((l) => l?.slow) ?? null
    : null;
  return { latency, slowUnder };
}

function view(t: FsTrack, deleted: ReadonlyMap<string, number>, tracks: ReadonlyMap<string, DeviceTrack> | null): FilesystemView {
  const deletedOpenBytes = deleted.get(t.device) ?? 0;
  const s = t.stat;
  const base = { device: t.device, mountPoint: t.mountPoint, otherMounts: t.otherMounts, type: t.type, source: t.source, responding: t.responding, ...latencyOf(t, tracks) };
  if (!s) {
    return { ...base, known: false, sizeBytes: 0, usedBytes: 0, availBytes: 0, freeBytes: 0, reservedBytes: 0, blocksUse: 0, useFraction: 0, fillRate: null, secondsToFull: null, secondsToFullRoot: null, inodes: null, inodesBind: false, usersFull: false, deletedOpenBytes };
  }
  const usedBytes = (s.blocks - s.bfree) * s.bsize;
  const availBytes = s.bavail * s.bsize;
  const freeBytes = s.bfree * s.bsize;
  const fillRate = lsqSlope(t.usedBytes);
  const inodeRate = lsqSlope(t.usedInodes);
  const inodes: InodeView | null = s.files > 0
    ? { total: s.files, used: s.files - s.ffree, free: s.ffree, fillRate: inodeRate, secondsToFull: withinHorizon(secondsUntil(s.ffree, inodeRate, MIN_INODE_RATE), INODES_HORIZON_SECONDS), useFraction: dfUse(s.files - s.ffree, s.ffree) }
    : null;
  const secondsToFull = withinHorizon(secondsUntil(availBytes, fillRate, MIN_FILL_RATE), BYTES_HORIZON_SECONDS);
  const blocksUse = dfUse(s.blocks - s.bfree, s.bavail);
  const usersFull = fullForUsers(availBytes, s.blocks * s.bsize);
  const inodesBind = inodes !== null && inodesFirst(
    { out: usersFull, eta: secondsToFull, use: blocksUse },
    { out: inodes.free === 0, eta: inodes.secondsToFull, use: inodes.useFraction },
  );
  return {
    ...base, known: true, sizeBytes: s.blocks * s.bsize, usedBytes, availBytes, freeBytes,
    reservedBytes: Math.max(0, freeBytes - availBytes), blocksUse, useFraction: inodesBind ? inodes.useFraction : blocksUse, fillRate, secondsToFull,
    secondsToFullRoot: withinHorizon(secondsUntil(freeBytes, fillRate, MIN_FILL_RATE), BYTES_HORIZON_SECONDS), inodes, inodesBind,
    deletedOpenBytes,
    usersFull,
  };
}

/** One limit of a filesystem (blocks or inodes): run out, its countdown, its df use. */
interface Limit {
  readonly out: boolean;
  readonly eta: number | null;
  readonly use: number;
}

/** When a limit runs out, for ranking: 0 when it has, a day at NEARLY_FULL use, else its countdown. */
function limitRank(l: Limit): number {
  if (l.out) return 0;
  const eta = l.eta ?? Infinity;
  return l.use >= NEARLY_FULL ? Math.min(eta, NEARLY_FULL_RANK) : eta;
}

/**
 * Whether inodes run out before blocks: the sooner of the two by limitRank;
 * when neither is running out, inodes bind only past 90% and fuller than the blocks.
 */
function inodesFirst(blocks: Limit, inodes: Limit): boolean {
  const b = limitRank(blocks);
  const i = limitRank(inodes);
  if (i !== b) return i < b;
  return inodes.use > blocks.use && (i !== Infinity || inodes.use > 0.9);
}

/** Whether ordinary users can no longer count on writing: see FULL_BELOW_BYTES. */
export function fullForUsers(availBytes: number, sizeBytes: number): boolean {
  return sizeBytes > 0 && (availBytes === 0 || availBytes < Math.min(FULL_BELOW_BYTES, sizeBytes * 0.01));
}

function withinHorizon(seconds: number | null, horizon: number): number | null {
  return seconds !== null && seconds <= horizon ? seconds : null;
}

/**
 * Seconds until the first limit (blocks or inodes) runs out; 0 when one has;
 * -1 for a filesystem that does not answer. One at NEARLY_FULL use ranks as a
 * day away, so it sorts above every filesystem that is not urgent.
 */
export function urgency(fs: FilesystemView): number {
  if (!fs.responding) return -1;
  if (fs.known && (fs.usersFull || fs.inodes?.free === 0)) return 0;
  if (!fs.known) return Infinity;
  const blocks = limitRank({ out: false, eta: fs.secondsToFull, use: fs.blocksUse });
  return fs.inodes ? Math.min(blocks, limitRank({ out: false, eta: fs.inodes.secondsToFull, use: fs.inodes.useFraction })) : blocks;
}

function compare(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

const filesystemsOf = memoBesidesLog((state: ModelState, _arg: null): FilesystemView[] => {
  if (!state.filesystems) return [];
  const deleted = deletedBytesByDevice(state);
  return [...state.filesystems.values()]
    .map((t) => view(t, deleted, state.diskStats))
    .sort((a, b) => compare(urgency(a), urgency(b)) || b.useFraction - a.useFraction || compareText(a.mountPoint, b.mountPoint));
});

/** Every filesystem, soonest full first; then by use, fullest first. */
export function selectFilesystems(state: ModelState): FilesystemView[] {
  return filesystemsOf(state, null);
}
