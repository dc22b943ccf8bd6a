/** Drill-down state: scan results cached per directory, the running scan, and growth per child. Pure. */
import type { DirChild, ScanMessage, ScanProgress } from '../stream/messages.js';
import { groupDigits } from '../text/order.js';

/** A finished scan of one directory. */
export interface DirScan {
  readonly dir: string;
  readonly device: string;
  readonly children: readonly DirChild[];
  readonly totalBytes: number;
  readonly errors: number;
  /** Directories deeper than the walk's bound, counted but not entered. */
  readonly tooDeep: number;
  readonly elapsedMs: number;
  readonly t: number;
  /** 'dev:ino' of '/' and each directory down to this one, when it was scanned (null: unknown, or reached through a symlink). */
  readonly lock: readonly string[] | null;
  /** Used bytes of the directory's filesystem when the scan finished (null: unknown). */
  readonly usedAtScan: number | null;
  /** How far that filesystem's used bytes moved while the scan ran: the scan's own error. */
  readonly errorBytes: number;
}

/** Growth of the children of the directory in view. */
export interface DirGrowth {
  readonly dir: string;
  readonly watch: 'inotify' | 'polling';
  readonly bytesPerSec: Readonly<Record<string, number>>;
  /** New entries (files, directories) per second by child. */
  readonly entriesPerSec: Readonly<Record<string, number>>;
  readonly t: number;
  /** When the watcher last saw a child of `dir` move (null: not since it began watching). */
  readonly movedAt: number | null;
  /** When this watch of `dir` first reported: it can vouch for nothing before. */
  readonly since: number;
}

/** All of it. */
export interface DirsState {
  /** Finished scans by directory (bounded: the most recent 64). */
  readonly scans: ReadonlyMap<string, DirScan>;
  readonly running: { readonly dir: string; readonly progress: ScanProgress; readonly usedAtStart: number | null } | null;
  readonly failed: { readonly dir: string; readonly error: string } | null;
  readonly growth: DirGrowth | null;
}

const MAX_SCANS = 64;

/** No scans yet. */
export function initialDirs(): DirsState {
  return { scans: new Map(), running: null, failed: null, growth: null };
}

/**
 * Folds a scan or growth message in; `usedOf(dir)` is the used bytes of the
 * filesystem holding `dir` now (null when unknown), kept to tell later how far
 * the filesystem has moved since the scan.
 */
export function updateDirs(state: DirsState, m: ScanMessage, usedOf: (dir: string) => number | null = () => null): DirsState {
  if (m.kind === 'growth') {
    const entriesPerSec = m.entriesPerSec ?? {};
    const moved = [...Object.values(m.bytesPerSec), ...Object.values(entriesPerSec)].some((rate) => rate !== 0);
    const same = state.growth?.dir === m.dir ? state.growth : null;
    return { ...state, growth: { dir: m.dir, watch: m.watch, bytesPerSec: m.bytesPerSec, entriesPerSec, t: m.t, movedAt: moved ? m.t : same?.movedAt ?? null, since: same?.since ?? m.t } };
  }
  if (m.state === 'running') {
    const usedAtStart = state.running?.dir === m.dir ? state.running.usedAtStart : usedOf(m.dir);
    return { ...state, running: { dir: m.dir, progress: m.progress, usedAtStart }, failed: null };
  }
  const started = state.running?.dir === m.dir ? state.running.usedAtStart : null;
  const running = state.running?.dir === m.dir ? null : state.running;
  if (m.state === 'failed') return { ...state, running, failed: { dir: m.dir, error: m.error } };
  const scans = new Map(state.scans);
  scans.delete(m.dir);
  // The scan's own statfs figures when it carries them: the last sample's can predate the scan's end
  // (a delete just before it), and a baseline taken there says "used -1.1G since" about a scan after the delete.
  const own = m.usedBytesAtEnd !== undefined && m.usedBytesAtEnd !== null;
  const usedAtScan = own ? m.usedBytesAtEnd! : usedOf(m.dir);
  const usedAtStart = own ? m.usedBytesAtStart ?? null : started;
  const errorBytes = usedAtScan !== null && usedAtStart !== null ? Math.abs(usedAtScan - usedAtStart) : 0;
  scans.set(m.dir, { dir: m.dir, device: m.device, children: m.children, totalBytes: m.totalBytes, errors: m.errors, tooDeep: m.tooDeep ?? 0, elapsedMs: m.elapsedMs, t: m.t, lock: m.lock ?? null, usedAtScan, errorBytes });
  while (scans.size > MAX_SCANS) scans.delete(scans.keys().next().value!);
  return { ...state, scans, running, failed: null };
}

/** Below this drift a scan counts as current whatever its error (journal commits, atime). */
export const DRIFT_FLOOR_BYTES = 1024 * 1024;
/** A scan is redone by itself at most this often, and no more than one scan-time in ten. */
export const AUTO_RESCAN_MS = 15_000;
/** When inotify saw nothing move under the directory since its scan (the filesystem moved elsewhere, or deeper than the watch): one scan-time in sixty. */
const QUIET_SCAN_SHARE = 60;
/** The quiet pace waits at most this long (or the usual ten scan-times, when longer): a stale notice is always followed by a rescan. */
const QUIET_MAX_WAIT_MS = 120_000;
/** The quiet pace is for scans that cost this much or more; a cheaper one is redone at the usual pace. */
const QUIET_MIN_SCAN_MS = 1000;

/** How a finished scan compares with its filesystem now. */
export interface ScanDrift {
  readonly ageMs: number;
  /** Used bytes of the filesystem now minus when the scan finished; null when unknown. */
  readonly movedBytes: number | null;
  /** The filesystem moved by more than the scan's own error (and the floor) since. */
  readonly stale: boolean;
}

/**
 * The drift of `scan` at `now` (the time of the last sample), given the
 * filesystem's used bytes in that sample. A sample older than the scan is no
 * measure of what moved since: unknown until the next one.
 */
export function scanDrift(scan: DirScan, now: number, usedNow: number | null): ScanDrift {
  const movedBytes = usedNow !== null && scan.usedAtScan !== null && now >= scan.t ? usedNow - scan.usedAtScan : null;
  const limit = Math.max(scan.errorBytes, DRIFT_FLOOR_BYTES, scan.totalBytes * 0.01);
  return { ageMs: Math.max(0, now - scan.t), movedBytes, stale: movedBytes !== null && Math.abs(movedBytes) > limit };
}

/** Whether the scan is stale and old enough to be redone by itself now; `growth` is the watcher's view of the directory in view. */
export function dueForRescan(scan: DirScan, now: number, usedNow: number | null, growth: DirGrowth | null = null): boolean {
  const drift = scanDrift(scan, now, usedNow);
  return drift.stale && now >= rescanDueAt(scan, growth);
}

/** When a stale scan is redone by itself (ms since the epoch): what the header's "stale: rescan in …" counts down to. */
export function rescanDueAt(scan: DirScan, growth: DirGrowth | null): number {
  // Quiet only where the watch was already measuring when the scan finished: a write between the
  // scan and the watch's start (going back up to a cached parent) is one it never saw.
  // And only for a scan costly enough to spare: one under QUIET_MIN_SCAN_MS is redone at the usual pace,
  // since a file written whole between two of the watch's flushes can pass unseen.
  const quiet = scan.elapsedMs >= QUIET_MIN_SCAN_MS && growth?.dir === scan.dir && growth.watch === 'inotify' && growth.since <= scan.t && (growth.movedAt === null || growth.movedAt <= scan.t);
  const usual = scan.elapsedMs * 10;
  return scan.t + Math.max(AUTO_RESCAN_MS, quiet ? Math.min(scan.elapsedMs * QUIET_SCAN_SHARE, Math.max(QUIET_MAX_WAIT_MS, usual)) : usual);
}

/** The walk's depth bound (collectors/dirs/dir-walk.ts MAX_DEPTH), for the sentence below. */
export const SCAN_MAX_DEPTH = 4096;

/** What a scan left out for depth: '12 directories deeper than 4,096 levels, not entered' ('' when none). */
export function tooDeepNote(count: number): string {
  if (count <= 0) return '';
  return `${groupDigits(count)} ${count === 1 ? 'directory' : 'directories'} deeper than ${groupDigits(SCAN_MAX_DEPTH)} levels, not entered`;
}
