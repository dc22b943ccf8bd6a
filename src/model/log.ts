/**
 * The Log pane's state: the last lines (bounded), and incremental counters of
 * crashes, OOM kills, restart loops and source IP ranges. Pure; one update per
 * batch, so a flood costs one copy per batch, not per line.
 */
import type { JournalStorage, KernelLogFacts, LogBatch, LogEntry, LogReadBack } from '../stream/messages.js';
import { classify, crashKey } from './log-classify.js';
import { isKernelCopy, kernelEvent, kernelEventKey, mergeOoms, placeKernel, type KernelEventInfo } from './log-kernel.js';
import { countedRangesOf } from './log-sender.js';
import { addCounts, mergeBuckets, type Buckets } from './window-count.js';
export type { OomKill } from './log-kernel.js';
import type { OomKill } from './log-kernel.js';

/** Lines kept for display and search. */
export const LOG_LINES = 5000;
/**
 * One crash is reported several times (the kernel's segfault, systemd's "Main
 * process exited", then "Failed with result"): lines of another kind this
 * close after a counted one are the same crash; lines of the same kind are new crashes.
 */
const CRASH_DEDUPE_MS = 1000;
/** Process-name-to-unit crash aliases kept. */
const MAX_ALIASES = 256;
/** Crash details and restart counters kept: the units seen last (the counts themselves are bounded in window-count.ts). */
const MAX_KEYS = 2000;

/** Sets `key` as the newest entry of `map` (a re-set moves it to the end, so trimming drops the stalest). */
function touch<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/** `map` without its oldest entries beyond `max`. */
function trimOldest<V>(map: Map<string, V>, max: number): Map<string, V> {
  for (const key of map.keys()) {
    if (map.size <= max) break;
    map.delete(key);
  }
  return map;
}

/**
 * A copy of `text` that owns its characters: a string cut from a large one (a
 * regex capture, a slice) keeps the large one alive in V8 for as long as it is
 * held; what the model keeps for minutes must not.
 */
function own(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** `counts` with key `from`'s buckets added into `to`'s. */
function moveCounts(counts: ReadonlyMap<string, Buckets>, from: string, to: string): ReadonlyMap<string, Buckets> {
  const moved = counts.get(from);
  if (!moved) return counts;
  const out = new Map(counts);
  out.delete(from);
  out.set(to, mergeBuckets(out.get(to), moved));
  return out;
}

/** A kept line: the entry and its number in the stream. */
export interface LogLine extends LogEntry {
  readonly seq: number;
}


/** The last crash of a unit: its shown name and message, and the last counted crash's time and kind. */
export interface CrashInfo {
  readonly unit: string;
  readonly message: string;
  readonly countedAt: number;
  readonly family: string;
  /** The unit's last line was a "Main process exited" whose "Failed with result" has not come yet (the same crash, however late journald stamps it). */
  readonly open?: boolean;
}

/** Everything the Log pane and the snapshot need. */
export interface LogState {
  readonly source: string;
  /** What is missing (no journal, no syslog file), or null. */
  readonly problem: string | null;
  readonly journal: JournalStorage | null;
  readonly lines: readonly LogLine[];
  readonly total: number;
  readonly lastAt: number;
  /** Crash counts per unit (crashKey), in 10 s buckets. */
  readonly crashes: ReadonlyMap<string, Buckets>;
  /** Per crash key: the unit name shown, the last message, the last time. */
  readonly crashInfo: ReadonlyMap<string, CrashInfo>;
  readonly ooms: readonly OomKill[];
  /** A process name that crashed a second before a unit's crash, and that unit (bounded: MAX_ALIASES): one crash, counted once. */
  readonly crashAliases: ReadonlyMap<string, string>;
  /** Per unit, the last "restart counter is at N". */
  readonly restartCounters: ReadonlyMap<string, number>;
  readonly ranges: ReadonlyMap<string, Buckets>;
  /** The kernel's log (/dev/kmsg) as last reported, or null when not read (a recording without it, --log-file). */
  readonly kernel: KernelLogFacts | null;
  /** Hung tasks, I/O errors, filesystem errors and read-only remounts per kind and subject (kernelEventKey), in 10 s buckets. */
  readonly kernelCounts: ReadonlyMap<string, Buckets>;
  /** Per kernel event key: its kind, subject, last line and time (bounded: MAX_KEYS). */
  readonly kernelInfo: ReadonlyMap<string, KernelEventInfo>;
  /** How far back the source was read at start (null: not said, as in a demo). */
  readonly readBack: LogReadBack | null;
}

/** The state before any log message. */
export function initialLog(source = ''): LogState {
  return { source, problem: null, journal: null, lines: [], total: 0, lastAt: 0, crashes: new Map(), crashInfo: new Map(), crashAliases: new Map(), ooms: [], restartCounters: new Map(), ranges: new Map(), kernel: null, kernelCounts: new Map(), kernelInfo: new Map(), readBack: null };
}

/**
 * Folds one batch into the state. `unitOfPid` names the unit of a process seen
 * in the last sample, so a kernel segfault line (which names the binary,
 * php-fpm8.2) counts under its unit (php8.2-fpm.service) with systemd's lines.
 */
export function updateLog(state: LogState | null, batch: LogBatch, unitOfPid: (pid: number) => string | null = () => null): LogState {
  const s = state ?? initialLog(batch.source);
  const crashEvents: Array<[string, number]> = [];
  const rangeEvents: Array<[string, number]> = [];
  let crashInfo: Map<string, CrashInfo> | null = null;
  let aliases: Map<string, string> | null = null;
  let crashes = s.crashes;
  let restartCounters: Map<string, number> | null = null;
  const ooms: OomKill[] = [];
  const kernelEvents: Array<[string, number]> = [];
  let kernelInfo: Map<string, KernelEventInfo> | null = null;
  const kernel = batch.kernel ?? s.kernel;
  const lines: LogLine[] = [];
  let seq = s.total;
  // Only the batch's last LOG_LINES become lines (a flood's batch may hold more), each a literal of
  // one shape: a spread gave every line its own hidden class, and reads 35x slower.
  const firstKept = batch.entries.length - LOG_LINES;
  for (const read of batch.entries) {
    // the journal's copy of a record read from /dev/kmsg is not counted twice
    if (isKernelCopy(read, kernel)) continue;
    const entry = placeKernel(read, kernel);
    if (seq - s.total >= firstKept) lines.push({ t: entry.t, priority: entry.priority, unit: entry.unit, pid: entry.pid, message: entry.message, fields: entry.fields, raw: entry.raw, seq });
    seq++;
    for (const range of countedRangesOf(entry)) rangeEvents.push([range, entry.t]);
    const event = kernelEvent(entry);
    if (event) {
      const key = kernelEventKey(event);
      kernelEvents.push([key, entry.t]);
      touch((kernelInfo ??= new Map(s.kernelInfo)), key, { ...event, subject: own(event.subject), t: entry.t, message: own(entry.message) });
    }
    const signal = classify(entry);
    if (!signal) continue;
    if (signal.kind === 'oom') ooms.push({ t: entry.t, victim: signal.victim, pid: signal.pid, message: entry.message, cgroup: signal.cgroup ?? null });
    else if (signal.kind === 'restart') touch((restartCounters ??= new Map(s.restartCounters)), own(signal.unit), signal.counter);
    else {
      const named = (signal.pid !== undefined ? unitOfPid(signal.pid) : null) ?? signal.unit;
      const unitName = signal.family === 'process' ? ((aliases ?? s.crashAliases).get(crashKey(named)) ?? named) : named;
      const key = crashKey(unitName);
      crashInfo ??= new Map(s.crashInfo);
      // A unit's crash a second after a process's (a kernel segfault line naming the binary): the same crash.
      const partner = signal.family === 'process' ? undefined : [...crashInfo].find(([k, info]) => k !== key && info.family === 'process' && !info.unit.endsWith('.service') && entry.t - info.countedAt <= CRASH_DEDUPE_MS);
      if (partner) {
        const [from, info] = partner;
        aliases = new Map(aliases ?? s.crashAliases).set(from, unitName);
        while (aliases.size > MAX_ALIASES) aliases.delete(aliases.keys().next().value!);
        crashes = moveCounts(crashes, from, key);
        for (const ev of crashEvents) if (ev[0] === from) ev[0] = key;
        crashInfo.delete(from);
        crashInfo.set(key, { ...info, unit: unitName });
      }
      const last = crashInfo.get(key);
      // systemd says a crash twice, "Main process exited" then "Failed with result": paired by order, not by time
      // (a starved journald can stamp them more than CRASH_DEDUPE_MS apart); other kinds within CRASH_DEDUPE_MS are one crash.
      const paired = signal.family === 'result' && last?.open === true;
      const counted = !paired && (!last || entry.t - last.countedAt > CRASH_DEDUPE_MS || last.family === signal.family);
      if (counted) crashEvents.push([key, entry.t]);
      const unit = unitName.endsWith('.service') || !last ? unitName : last.unit;
      const open = signal.family === 'exit' ? true : signal.family === 'result' ? false : last?.open === true;
      touch(crashInfo, key, { unit: own(unit), message: own(entry.message), countedAt: counted ? entry.t : last!.countedAt, family: counted ? signal.family : last!.family, open });
    }
  }
  const drop = Math.max(0, s.lines.length + lines.length - LOG_LINES);
  const kept = (drop > 0 ? s.lines.slice(drop) : s.lines).concat(lines);
  return {
    source: batch.source,
    problem: batch.problem ?? s.problem,
    journal: batch.journal ?? s.journal,
    lines: kept,
    total: seq,
    lastAt: batch.t,
    crashes: addCounts(crashes, crashEvents, batch.t),
    crashInfo: crashInfo ? trimOldest(crashInfo, MAX_KEYS) : s.crashInfo,
    crashAliases: aliases ?? s.crashAliases,
    ooms: ooms.length ? mergeOoms(s.ooms, ooms) : s.ooms,
    restartCounters: restartCounters ? trimOldest(restartCounters, MAX_KEYS) : s.restartCounters,
    ranges: addCounts(s.ranges, rangeEvents, batch.t),
    kernel,
    kernelCounts: addCounts(s.kernelCounts, kernelEvents, batch.t),
    kernelInfo: kernelInfo ? trimOldest(kernelInfo, MAX_KEYS) : s.kernelInfo,
    readBack: batch.readBack ?? s.readBack,
  };
}
