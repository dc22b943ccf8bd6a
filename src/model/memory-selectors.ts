/**
 * What the Memory pane, the snapshot and OpenMetrics show: system figures,
 * the time to OOM, each limited cgroup with its time to its limit, the
 * growers, the OOM kills, and whether memory is the urgent thing. Pure.
 */
import type { CgroupMemoryEvents, MemoryPsi } from '../stream/memory-messages.js';
import { groupOf } from './groups.js';
import { selectOomKills } from './log-selectors.js';
import type { OomKill } from './log.js';
import type { MemoryRates, MemoryState } from './memory.js';
import { procKey } from './memory.js';
import { secondsUntil, trendOf, upTo, type Trend, type TrendPoint } from './memory-trend.js';
import type { ModelState } from './model.js';
import { compareText } from '../text/order.js';

/** Beyond this, no countdown (the time to OOM and to a cgroup's limit). */
export const OOM_HORIZON_S = 30 * 60;
/** PSI memory full avg10 (%) from which memory is urgent. */
export const PSI_FULL_URGENT = 10;
/** Swap in + out (bytes/s) from which swap is storming. */
export const SWAP_STORM = 4 << 20;
/** An OOM kill this recent makes memory urgent. */
export const RECENT_KILL_MS = 5 * 60_000;
/** RSS growth window for growers (ms), and the smallest growth that makes one (bytes/s). */
export const GROWER_WINDOW_MS = 4_000;
export const GROWER_MIN = 256 << 10;
/** Growers listed at most. */
export const GROWERS_MAX = 20;

/** The urgency of a recent OOM kill alone (an incident that already happened: Memory is shown, not on top). */
export const KILL_REASON = 'an OOM kill';

/** A limited memory cgroup. */
export interface CgroupView {
  readonly path: string;
  readonly usage: number;
  readonly limit: number;
  /** Bytes per second over the trend's window (0 before one). */
  readonly slope: number;
  readonly leak: boolean;
  readonly secondsToLimit: number | null;
  readonly events: CgroupMemoryEvents | null;
}

/** A process whose RSS grows. */
export interface GrowerView {
  readonly pid: number;
  readonly startTicks: number;
  readonly comm: string;
  readonly cmdline: string;
  readonly unit: string | null;
  readonly rssBytes: number;
  /** Share of MemTotal, 0-1. */
  readonly share: number;
  /** RSS growth, bytes/s, over GROWER_WINDOW_MS. */
  readonly growthPerS: number;
  /** Growth of RssAnon, RssFile, RssShmem (bytes/s), where the two last readings allow. */
  readonly anonPerS: number | null;
  readonly filePerS: number | null;
  readonly shmemPerS: number | null;
  /** The long trend says leak (memory-trend.ts). */
  readonly leak: boolean;
}

/** The whole Memory view. */
export interface MemoryView {
  readonly total: number;
  readonly used: number;
  readonly available: number;
  readonly cache: number;
  readonly dirty: number;
  readonly writeback: number;
  readonly swapTotal: number;
  readonly swapUsed: number;
  readonly rates: MemoryRates | null;
  readonly psi: MemoryPsi | null;
  /** MemAvailable's trend, bytes/s (negative: shrinking), or null before a trend. */
  readonly availableTrend: number | null;
  readonly secondsToOom: number | null;
  /** Nearest limit first; those with a countdown before the rest. */
  readonly cgroups: readonly CgroupView[];
  readonly growers: readonly GrowerView[];
  readonly oomKills: readonly OomKill[];
  /** Why memory is urgent now, or null. */
  readonly urgent: string | null;
}

/**
 * Growth per second over the last `windowMs` of a series: the lower median of
 * its step rates, so that one jump (a burst, a process starting up) ranks
 * below steady growth of the same size, and at most the net growth over the
 * window, so that a process that freed memory in it (a GC) ranks by what it
 * kept; 0 without two points.
 */
export function growthOver(points: readonly TrendPoint[] | undefined, windowMs: number): number {
  if (!points || points.length < 2) return 0;
  const lastPoint = points[points.length - 1]!;
  const steps: number[] = [];
  let first = lastPoint;
  for (let i = points.length - 1; i > 0 && points[i - 1]!.t >= lastPoint.t - windowMs; i--) {
    const a = points[i - 1]!, b = points[i]!;
    first = a;
    if (b.t > a.t) steps.push(((b.v - a.v) * 1000) / (b.t - a.t));
  }
  if (steps.length === 0 || lastPoint.t <= first.t) return 0;
  steps.sort((x, y) => x - y);
  return Math.min(steps[Math.floor((steps.length - 1) / 2)]!, ((lastPoint.v - first.v) * 1000) / (lastPoint.t - first.t));
}

const cgroupOrder = (a: CgroupView, b: CgroupView) =>
  (a.secondsToLimit ?? Infinity) - (b.secondsToLimit ?? Infinity) || b.usage / Math.max(1, b.limit) - a.usage / Math.max(1, a.limit) || compareText(a.path, b.path);

function cgroupViews(model: ModelState): CgroupView[] {
  const mem = model.memoryTrack!;
  return mem.counters.cgroups
    .map((g) => {
      const trend: Trend | null = trendOf(mem.cgroups.get(g.path) ?? []);
      return { path: g.path, usage: g.usage, limit: g.limit, slope: trend?.slope ?? 0, leak: trend?.leak ?? false, secondsToLimit: secondsUntil(g.limit - g.usage, trend, OOM_HORIZON_S), events: g.events };
    })
    .sort(cgroupOrder);
}

function growerViews(model: ModelState, total: number): GrowerView[] {
  const mem = model.memoryTrack!;
  const out: GrowerView[] = [];
  for (const p of model.processes) {
    if (p.kernelThread) continue;
    const entry = mem.rss.get(p.pid);
    const held = entry && entry.startTicks === p.startTicks ? entry.points : undefined;
    // quiet since before the window (most processes): no grower, and no copy made
    if (!held || held.length < 2 || held[held.length - 1]!.t < mem.t - GROWER_WINDOW_MS) continue;
    const series = upTo(held, mem.t);
    const growthPerS = growthOver(series, GROWER_WINDOW_MS);
    if (growthPerS < GROWER_MIN) continue;
    const [older, newer] = mem.split.get(procKey(p.pid, p.startTicks)) ?? [null, null];
    const dt = older && newer && newer.t > older.t ? (newer.t - older.t) / 1000 : 0;
    const rate = (k: 'anon' | 'file' | 'shmem') => (dt > 0 ? (newer![k] - older![k]) / dt : null);
    out.push({
      pid: p.pid, startTicks: p.startTicks, comm: p.comm, cmdline: p.cmdline, unit: groupOf(p.cgroup).unit, rssBytes: p.rssBytes,
      share: total > 0 ? p.rssBytes / total : 0, growthPerS, anonPerS: rate('anon'), filePerS: rate('file'), shmemPerS: rate('shmem'),
      leak: trendOf(series)?.leak ?? false,
    });
  }
  return out.sort((a, b) => b.growthPerS - a.growthPerS || a.pid - b.pid).slice(0, GROWERS_MAX);
}

function urgency(v: Omit<MemoryView, 'urgent'>, now: number): string | null {
  if (v.secondsToOom !== null) return 'time to OOM';
  if (v.cgroups.some((c) => c.secondsToLimit !== null)) return 'a cgroup near its limit';
  if ((v.psi?.fullAvg10 ?? 0) >= PSI_FULL_URGENT) return 'memory pressure';
  if (v.rates && v.rates.swapInPerS + v.rates.swapOutPerS >= SWAP_STORM) return 'swap storm';
  if (v.oomKills.some((k) => now - k.t <= RECENT_KILL_MS)) return KILL_REASON;
  return null;
}

interface Built {
  readonly processes: ModelState['processes'];
  readonly ooms: readonly OomKill[] | null;
  readonly now: number;
  readonly view: MemoryView;
}

/** The last view built per memory state, with what else it read (held weakly: old states free it). */
const built = new WeakMap<MemoryState, Built>();

function buildView(model: ModelState, mem: MemoryState, m: NonNullable<ModelState['memory']>, now: number): MemoryView {
  const usedTrend = trendOf(mem.used);
  const headroom = m.available + m.swapFree;
  const base = {
    total: m.total, used: Math.max(0, m.total - m.available), available: m.available, cache: m.cached + m.buffers,
    dirty: mem.counters.dirty, writeback: mem.counters.writeback, swapTotal: m.swapTotal, swapUsed: Math.max(0, m.swapTotal - m.swapFree),
    rates: mem.rates, psi: mem.counters.psi,
    availableTrend: usedTrend ? -usedTrend.slope : null,
    secondsToOom: secondsUntil(headroom, usedTrend, OOM_HORIZON_S),
    cgroups: cgroupViews(model), growers: growerViews(model, m.total),
    oomKills: selectOomKills(model.log, now),
  };
  return { ...base, urgent: urgency(base, now) };
}

/**
 * The Memory view of `model`, or null before memory counters. Built once per
 * sample, not per model state: a log batch makes a new state several times a
 * second, and the view reads only the memory state (one per sample, with
 * `memory`), the processes, the OOM kills and the time, so the view is kept
 * while those are the same objects.
 */
export function selectMemoryView(model: ModelState, _arg: null = null): MemoryView | null {
  const mem = model.memoryTrack;
  const m = model.memory;
  if (!mem || !m) return null;
  const now = model.lastSampleAt ?? mem.t;
  const ooms = model.log?.ooms ?? null;
  const hit = built.get(mem);
  if (hit && hit.processes === model.processes && hit.ooms === ooms && hit.now === now) return hit.view;
  const view = buildView(model, mem, m, now);
  built.set(mem, { processes: model.processes, ooms, now, view });
  return view;
}
