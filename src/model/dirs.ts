/** Drill-down state: scan results cached per directory, the running scan, and growth per child. Pure. */
import type { DirChild, ScanMessage, ScanProgress } from '../stream/messages.js';

/** A finished scan of one directory. */
export interface DirScan {
  readonly dir: string;
  readonly device: string;
  readonly children: readonly DirChild[];
  readonly totalBytes: number;
  readonly errors: number;
  readonly elapsedMs: number;
  readonly t: number;
  /** 'dev:ino' of '/' and each directory down to this one, when it was scanned (null: unknown, or reached through a symlink). */
  readonly lock: readonly string[] | null;
}

/** Growth of the children of the directory in view. */
export interface DirGrowth {
  readonly dir: string;
  readonly watch: 'inotify' | 'polling';
  readonly bytesPerSec: Readonly<Record<string, number>>;
  readonly t: number;
}

/** All of it. */
export interface DirsState {
  /** Finished scans by directory (bounded: the most recent 64). */
  readonly scans: ReadonlyMap<string, DirScan>;
  readonly running: { readonly dir: string; readonly progress: ScanProgress } | null;
  readonly failed: { readonly dir: string; readonly error: string } | null;
  readonly growth: DirGrowth | null;
}

const MAX_SCANS = 64;

/** No scans yet. */
export function initialDirs(): DirsState {
  return { scans: new Map(), running: null, failed: null, growth: null };
}

/** Folds a scan or growth message in. */
export function updateDirs(state: DirsState, m: ScanMessage): DirsState {
  if (m.kind === 'growth') return { ...state, growth: { dir: m.dir, watch: m.watch, bytesPerSec: m.bytesPerSec, t: m.t } };
  if (m.state === 'running') return { ...state, running: { dir: m.dir, progress: m.progress }, failed: null };
  const running = state.running?.dir === m.dir ? null : state.running;
  if (m.state === 'failed') return { ...state, running, failed: { dir: m.dir, error: m.error } };
  const scans = new Map(state.scans);
  scans.delete(m.dir);
  scans.set(m.dir, { dir: m.dir, device: m.device, children: m.children, totalBytes: m.totalBytes, errors: m.errors, elapsedMs: m.elapsedMs, t: m.t, lock: m.lock ?? null });
  while (scans.size > MAX_SCANS) scans.delete(scans.keys().next().value!);
  return { ...state, scans, running, failed: null };
}
