/** What the Log pane and the snapshot show from the log state. Pure, memoized per state. */
import { crashKey, ipRanges, isPrivateRange, logSender } from './log-classify.js';
import { sourceAddress } from './log-source-address.js';
import type { KernelEventKind } from './log-kernel.js';
import type { LogLine, LogState, OomKill } from './log.js';
import { windowCount, type Buckets } from './window-count.js';
import { compareText } from '../text/order.js';

const MINUTE = 60_000;
const TEN_MINUTES = 10 * MINUTE;

/** Crashes of one unit over the last 1 and 10 minutes. */
export interface CrashCount {
  readonly unit: string;
  readonly count1m: number;
  readonly count10m: number;
  readonly restarts: number | null;
  readonly lastMessage: string;
}

/** Units that crashed in the last 10 minutes, most first. */
export function selectCrashes(log: LogState | null, now: number): CrashCount[] {
  if (!log) return [];
  const out: CrashCount[] = [];
  for (const [key, buckets] of log.crashes) {
    const count10m = windowCount(buckets, now, TEN_MINUTES);
    if (count10m === 0) continue;
    const info = log.crashInfo.get(key);
    const unit = info?.unit ?? key;
    const restarts = log.restartCounters.get(unit) ?? log.restartCounters.get(`${key}.service`) ?? null;
    out.push({ unit, count1m: windowCount(buckets, now, MINUTE), count10m, restarts, lastMessage: info?.message ?? '' });
  }
  return out.sort((a, b) => b.count10m - a.count10m || compareText(a.unit, b.unit));
}

/** A span as '4m' (whole minutes from one minute on) or '40s'. */
const span = (ms: number) => (ms >= MINUTE ? `${Math.floor(ms / MINUTE)}m` : `${Math.max(0, Math.floor(ms / 1000))}s`);

/** What the 10-minute counts really cover at `now`: the window and its start, and a note when it is not whole. */
export interface CountWindow {
  /** '10m', '10m (only the last 4m were readable)', '10m (reading back…)'. */
  readonly label: string;
  /** The oldest time the counts cover. */
  readonly since: number;
  /** True when the counts miss part of the window (still reading, or a bound stopped the read at start). */
  readonly partial: boolean;
}

/** The counting window at `now`: whole, or cut short by the read-back at start (a bound on bytes or time) until it has passed. */
export function countWindow(log: LogState | null, now: number): CountWindow {
  const whole = { label: '10m', since: now - TEN_MINUTES, partial: false };
  const rb = log?.readBack;
  if (!rb) return whole;
  if (rb.reading) return { label: '10m (reading back…)', since: now - TEN_MINUTES, partial: true };
  if (rb.reached === null || now - rb.reached >= TEN_MINUTES) return whole;
  return { label: `10m (only the last ${span(now - rb.reached)} were readable)`, since: rb.reached, partial: true };
}

/** OOM kills seen in the last 10 minutes. */
export function selectOomKills(log: LogState | null, now: number): OomKill[] {
  return log ? log.ooms.filter((o) => now - o.t <= TEN_MINUTES) : [];
}

/** Hung tasks, I/O errors, filesystem errors or read-only remounts of one subject over the last 10 minutes. */
export interface KernelEventCount {
  readonly kind: KernelEventKind;
  readonly subject: string;
  readonly count10m: number;
  readonly lastAt: number;
  readonly lastMessage: string;
}

const KIND_ORDER: readonly KernelEventKind[] = ['read-only', 'filesystem error', 'I/O error', 'hung task'];

/** What the kernel reported in the last 10 minutes, worst kind first, then most. */
export function selectKernelEvents(log: LogState | null, now: number): KernelEventCount[] {
  if (!log) return [];
  const out: KernelEventCount[] = [];
  for (const [key, buckets] of log.kernelCounts) {
    const count10m = windowCount(buckets, now, TEN_MINUTES);
    const info = log.kernelInfo.get(key);
    if (count10m > 0 && info) out.push({ kind: info.kind, subject: info.subject, count10m, lastAt: info.t, lastMessage: info.message });
  }
  return out.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || b.count10m - a.count10m || compareText(a.subject, b.subject));
}

/** A source range and how often recent lines name it. */
export interface RangeCount {
  readonly range: string;
  readonly count: number;
  readonly perMinute: number;
  readonly private: boolean;
}

/** The ranges named most over the last 10 minutes. */
export function selectTopRanges(log: LogState | null, now: number, limit = 5): RangeCount[] {
  if (!log) return [];
  // ranked by count, then made whole for the `limit` shown only (a flood keeps thousands of ranges)
  const counted: Array<{ range: string; buckets: Buckets; count: number }> = [];
  for (const [range, buckets] of log.ranges) {
    const count = windowCount(buckets, now, TEN_MINUTES);
    if (count > 0) counted.push({ range, buckets, count });
  }
  counted.sort((a, b) => b.count - a.count || compareText(a.range, b.range));
  return counted.slice(0, limit).map(({ range, buckets, count }) => ({ range, count, perMinute: windowCount(buckets, now, MINUTE), private: isPrivateRange(range) }));
}

/** How the admin narrowed the tail. */
export interface LogFilter {
  readonly query: string;
  readonly errorsOnly: boolean;
  readonly unit: string | null;
}

/** No filter at all. */
export const NO_FILTER: LogFilter = { query: '', errorsOnly: false, unit: null };

let memo: { lines: readonly LogLine[]; filter: LogFilter; out: readonly LogLine[] } | null = null;

/** The lines that pass the filter (oldest first); the same array while nothing changed. */
export function filteredLines(log: LogState | null, filter: LogFilter): readonly LogLine[] {
  if (!log) return [];
  if (filter.query === '' && !filter.errorsOnly && filter.unit === null) return log.lines;
  if (memo && memo.lines === log.lines && memo.filter === filter) return memo.out;
  const q = filter.query.toLowerCase();
  const out = log.lines.filter(
    (l) =>
      (!filter.errorsOnly || (l.priority !== null && l.priority <= 3)) &&
      (filter.unit === null || l.unit === filter.unit || l.fields?.UNIT === filter.unit || crashKey(l.unit) === crashKey(filter.unit)) &&
      (q === '' || l.message.toLowerCase().includes(q) || l.unit.toLowerCase().includes(q) || logSender(l).toLowerCase().includes(q)),
  );
  memo = { lines: log.lines, filter, out };
  return out;
}

/** The range of a line's source address in a known format (what `b` proposes), else null. */
export function lineRange(line: LogLine): string | null {
  const source = sourceAddress(line.message);
  return source ? (ipRanges(source)[0] ?? null) : null;
}

/** Every range a line names, public ones first: what the admin picks from when no format is known. */
export function lineRangeChoices(line: LogLine): string[] {
  const ranges = ipRanges(line.message);
  return [...ranges.filter((r) => !isPrivateRange(r)), ...ranges.filter(isPrivateRange)];
}
