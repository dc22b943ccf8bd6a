/** Per-filesystem tracking: last counters and the fill-rate windows. Pure. */
import type { FilesystemSample, StatfsCounters } from '../stream/messages.js';
import { pushPoint, type RateWindow } from './fill-rate.js';

/** Window of the fill-rate slope, in seconds. */
export const RATE_WINDOW_SECONDS = 10;
/** Rates smaller than these are noise (journal commits, atime updates). */
export const BYTES_NOISE = 64 * 1024;
export const INODES_NOISE = 2;

/** What the model keeps of one filesystem: the latest sample (with the last
 * counters received, kept while it is late or hung) and its rate windows. */
export interface FsTrack extends FilesystemSample {
  readonly usedBytes: RateWindow;
  readonly usedInodes: RateWindow;
}

function sameFilesystem(a: StatfsCounters, b: StatfsCounters): boolean {
  return a.bsize === b.bsize && a.blocks === b.blocks && a.files === b.files;
}

function track(prev: FsTrack | undefined, fs: FilesystemSample, seconds: number): FsTrack {
  const stat = fs.stat;
  if (!stat) return { ...fs, stat: prev?.stat ?? null, usedBytes: prev?.usedBytes ?? [], usedInodes: prev?.usedInodes ?? [] };
  // A remount, resize or new filesystem on the same device restarts the windows.
  const continues = prev?.stat ? sameFilesystem(prev.stat, stat) : false;
  const bytes = { t: seconds, v: (stat.blocks - stat.bfree) * stat.bsize };
  const inodes = { t: seconds, v: stat.files - stat.ffree };
  return {
    ...fs,
    usedBytes: pushPoint(continues ? prev!.usedBytes : [], bytes, RATE_WINDOW_SECONDS, BYTES_NOISE),
    usedInodes: pushPoint(continues ? prev!.usedInodes : [], inodes, RATE_WINDOW_SECONDS, INODES_NOISE),
  };
}

/** Folds one sample's filesystems into the tracks; unmounted ones are dropped. */
export function trackFilesystems(
  previous: ReadonlyMap<string, FsTrack>,
  filesystems: readonly FilesystemSample[],
  t: number,
): Map<string, FsTrack> {
  const next = new Map<string, FsTrack>();
  for (const fs of filesystems) next.set(fs.device, track(previous.get(fs.device), fs, t / 1000));
  return next;
}

/** The filesystem holding `path`: the longest mount point that is a prefix of it. */
export function filesystemOf(filesystems: ReadonlyMap<string, FsTrack> | null, path: string): FsTrack | null {
  let best: FsTrack | null = null;
  for (const fs of filesystems?.values() ?? []) {
    const mount = fs.mountPoint.replace(/\/$/, '');
    const holds = path === fs.mountPoint || path.startsWith(`${mount}/`);
    if (holds && (!best || fs.mountPoint.length > best.mountPoint.length)) best = fs;
  }
  return best;
}

/** Used bytes (statfs) of the filesystem holding `path`, or null when unknown. */
export function usedBytesUnder(filesystems: ReadonlyMap<string, FsTrack> | null, path: string): number | null {
  const s = filesystemOf(filesystems, path)?.stat;
  return s ? (s.blocks - s.bfree) * s.bsize : null;
}
