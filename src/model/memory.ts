/**
 * The Memory pane's state: the latest counters, the rates from the previous
 * ones, and the series the trends are fitted on (system headroom, each
 * limited cgroup, each process's RSS). Pure; each series keeps
 * TREND_HISTORY_MS, and the maps keep only what the last sample had.
 */
import type { MemoryCounters, ProcessMemory } from '../stream/memory-messages.js';
import type { Sample } from '../stream/messages.js';
import { pushChange, pushPoint, type TrendPoint } from './memory-trend.js';

/** Rates between the last two samples. */
export interface MemoryRates {
  /** Bytes swapped in and out per second (vmstat's si/so, in bytes). */
  readonly swapInPerS: number;
  readonly swapOutPerS: number;
  readonly majorFaultsPerS: number;
}

/** A process's RSS split with when it was read. */
export interface SplitAt extends ProcessMemory {
  readonly t: number;
}

/** One process's RSS series. */
export interface RssSeries {
  readonly startTicks: number;
  readonly points: readonly TrendPoint[];
}

/** Everything the Memory pane derives from. */
export interface MemoryState {
  readonly t: number;
  readonly counters: MemoryCounters;
  readonly rates: MemoryRates | null;
  /** Memory and swap in use (total + swap total − available − swap free), the series the time to OOM is fitted on. */
  readonly used: readonly TrendPoint[];
  /** Usage by cgroup path (a quiet cgroup's series has a point each time it was read). */
  readonly cgroups: ReadonlyMap<string, readonly TrendPoint[]>;
  /** RSS by pid (with the start time that locks it), change points only (memory-trend.ts pushChange); number keys: no string is made per process per sample. */
  readonly rss: ReadonlyMap<number, RssSeries>;
  /** The last two RSS splits read, by pid:startTicks: [older, newer]. */
  readonly split: ReadonlyMap<string, readonly [SplitAt | null, SplitAt]>;
}

/** The process key the Memory pane uses everywhere. */
export const procKey = (pid: number, startTicks: number): string => `${pid}:${startTicks}`;

function rates(prev: MemoryState | null, c: MemoryCounters, t: number, pageSize: number): MemoryRates | null {
  if (!prev || t <= prev.t) return null;
  const s = (t - prev.t) / 1000;
  const per = (now: number, before: number) => Math.max(0, now - before) / s;
  return {
    swapInPerS: per(c.pswpin, prev.counters.pswpin) * pageSize,
    swapOutPerS: per(c.pswpout, prev.counters.pswpout) * pageSize,
    majorFaultsPerS: per(c.pgmajfault, prev.counters.pgmajfault),
  };
}

/**
 * A cgroup missing from a sample keeps its last reading this many intervals
 * (12 s at least): the live reader reads a quiet cgroup only every few
 * samples (collectors/memory/memory-reader.ts CGROUP_QUIET_EVERY); one gone
 * for longer has vanished.
 */
export const CGROUP_HOLD_INTERVALS = 6;

/** Folds one sample's memory counters into the state. */
export function updateMemory(prev: MemoryState | null, sample: Sample, pageSize: number, intervalMs = 1000): MemoryState {
  const t = sample.t;
  const m = sample.memory;
  const used = pushPoint(prev?.used, t, Math.max(0, m.total + m.swapTotal - m.available - m.swapFree));
  const read = sample.memoryDetail!;
  const cgroups = new Map<string, readonly TrendPoint[]>();
  for (const g of read.cgroups) cgroups.set(g.path, pushPoint(prev?.cgroups.get(g.path), t, g.usage));
  const holdFrom = t - Math.max(12_000, CGROUP_HOLD_INTERVALS * intervalMs);
  const held = (prev?.counters.cgroups ?? []).filter((g) => {
    const series = prev!.cgroups.get(g.path);
    if (cgroups.has(g.path) || !series || series[series.length - 1]!.t < holdFrom) return false;
    cgroups.set(g.path, series);
    return true;
  });
  const c: MemoryCounters = held.length > 0 ? { ...read, cgroups: [...read.cgroups, ...held] } : read;
  const rss = new Map<number, RssSeries>();
  for (const p of sample.processes) {
    if (p.kernelThread) continue;
    const before = prev?.rss.get(p.pid);
    const points = before && before.startTicks === p.startTicks ? before.points : undefined;
    const next = pushChange(points, p.readAt ?? t, p.rssBytes);
    rss.set(p.pid, next === points ? before! : { startTicks: p.startTicks, points: next });
  }
  const split = new Map<string, readonly [SplitAt | null, SplitAt]>();
  for (const p of c.processes) {
    const key = procKey(p.pid, p.startTicks);
    const before = prev?.split.get(key)?.[1] ?? null;
    // a rollup read earlier stays with the process until a newer one (it is read for the fastest growers only)
    const rollup = p.rollup ?? before?.rollup;
    split.set(key, [before, { ...p, ...(rollup ? { rollup } : {}), t }]);
  }
  // a process not read this time keeps its last split while it lives (its older reading stays comparable)
  for (const [key, pair] of prev?.split ?? []) if (!split.has(key) && rss.get(pair[1].pid)?.startTicks === pair[1].startTicks) split.set(key, pair);
  return { t, counters: c, rates: rates(prev, c, t, pageSize), used, cgroups, rss, split };
}

/** The latest smaps_rollup figures read for a process, or null. */
export function rollupOf(state: MemoryState | null, pid: number, startTicks: number) {
  return state?.split.get(procKey(pid, startTicks))?.[1].rollup ?? null;
}
