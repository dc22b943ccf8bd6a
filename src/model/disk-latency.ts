/**
 * Disk latency and utilisation per block device (issue 35), from the raw
 * /proc/diskstats counters: await (reads, writes, both), queue depth,
 * utilisation, IOPS, over the last RECENT_SECONDS; and "slow" against the
 * device's own baseline. Pure.
 */
import type { DiskIoCounters } from '../stream/disk-messages.js';

/** The figures are taken over this many seconds of samples (iostat's interval). */
export const RECENT_SECONDS = 5;
/** Samples kept per device for that window (bound). */
const WINDOW_MAX = 64;
/** Interval awaits kept per device for its baseline (bound): two minutes at 1 s. */
export const BASELINE_INTERVALS = 120;
/** Intervals with I/O needed before there is a baseline. */
export const BASELINE_MIN = 5;
/** An interval counts toward the baseline, and the window is judged, only with this many I/Os. */
export const MIN_IOS = 3;
/** Slow: await at least this many times the baseline… */
export const SLOW_FACTOR = 4;
/** …and at least this many ms above it (a 0.1 ms device going to 0.5 ms is not slow). */
export const SLOW_MARGIN_MS = 20;
/** An await this long is slow whatever the baseline (no device is meant to take a second per I/O). */
export const SLOW_ABSOLUTE_MS = 1000;

interface Point {
  readonly t: number;
  readonly c: DiskIoCounters;
}

/** What the model keeps of one device: recent counters and the awaits of its normal intervals. */
export interface DeviceTrack {
  readonly window: readonly Point[];
  /** Await (ms) of recent intervals that were not slow: the device's own baseline. */
  readonly history: readonly number[];
}

/** The latency figures of one device. */
export interface DeviceLatency {
  readonly name: string;
  readonly device: string;
  /** ms per read, per write, per I/O; null without I/O in the window. */
  readonly readAwaitMs: number | null;
  readonly writeAwaitMs: number | null;
  readonly awaitMs: number | null;
  /** Reads + writes completed per second. */
  readonly iops: number;
  /** Fraction of time with I/O in flight (iostat's %util / 100). */
  readonly util: number;
  /** Average requests in flight (iostat's aqu-sz). */
  readonly queue: number;
  /** Median await of the normal intervals, or null before BASELINE_MIN of them. */
  readonly baselineMs: number | null;
  readonly slow: boolean;
  /** The devices under it, all the way down (dm over md over sda…). */
  readonly slaves: readonly string[];
  readonly seconds: number;
}

function median(values: readonly number[]): number | null {
  if (values.length < BASELINE_MIN) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Whether an await is slow against a baseline (see the constants; ARCHITECTURE.md, Disks). */
export function isSlow(awaitMs: number | null, baselineMs: number | null): boolean {
  if (awaitMs === null) return false;
  if (awaitMs >= SLOW_ABSOLUTE_MS) return true;
  return baselineMs !== null && awaitMs >= baselineMs * SLOW_FACTOR && awaitMs >= baselineMs + SLOW_MARGIN_MS;
}

interface Delta {
  readonly reads: number;
  readonly writes: number;
  readonly readMs: number;
  readonly writeMs: number;
  readonly ioMs: number;
  readonly weightedMs: number;
  readonly seconds: number;
}

function delta(a: Point, b: Point): Delta | null {
  const d = {
    reads: b.c.reads - a.c.reads, writes: b.c.writes - a.c.writes, readMs: b.c.readMs - a.c.readMs,
    writeMs: b.c.writeMs - a.c.writeMs, ioMs: b.c.ioMs - a.c.ioMs, weightedMs: b.c.weightedMs - a.c.weightedMs, seconds: (b.t - a.t) / 1000,
  };
  return d.reads < 0 || d.writes < 0 || d.seconds <= 0 ? null : d;
}

const awaitOf = (ms: number, ios: number): number | null => (ios > 0 ? ms / ios : null);

/** Folds one sample's counters in; devices gone from the sample are dropped. */
export function trackDiskStats(previous: ReadonlyMap<string, DeviceTrack>, stats: readonly DiskIoCounters[], t: number): Map<string, DeviceTrack> {
  const next = new Map<string, DeviceTrack>();
  for (const c of stats) {
    const prev = previous.get(c.name);
    const point = { t, c };
    const last = prev?.window[prev.window.length - 1];
    const d = last ? delta(last, point) : null;
    if (last && !d) {
      next.set(c.name, { window: [point], history: [] }); // counters went back: a new device under the old name
      continue;
    }
    let history = prev?.history ?? [];
    const ios = d ? d.reads + d.writes : 0;
    if (d && ios >= MIN_IOS) {
      const interval = awaitOf(d.readMs + d.writeMs, ios);
      // Slow intervals stay out of the baseline, so a device that stays slow stays marked.
      if (!isSlow(interval, median(history))) history = [...history, interval!].slice(-BASELINE_INTERVALS);
    }
    const window = [...(prev?.window ?? []), point].filter((p) => p.t >= t - RECENT_SECONDS * 1000 - 500).slice(-WINDOW_MAX);
    next.set(c.name, { window, history });
  }
  return next;
}

function under(name: string, tracks: ReadonlyMap<string, DeviceTrack>, depth = 0): string[] {
  const slaves = tracks.get(name)?.window.at(-1)?.c.slaves ?? [];
  if (depth > 4) return [...slaves];
  return slaves.flatMap((s) => [s, ...under(s, tracks, depth + 1)]);
}

/** The figures of one device, over its recent window; null before two samples. */
export function deviceLatency(name: string, tracks: ReadonlyMap<string, DeviceTrack>): DeviceLatency | null {
  const track = tracks.get(name);
  if (!track || track.window.length < 2) return null;
  const first = track.window[0]!;
  const last = track.window[track.window.length - 1]!;
  const d = delta(first, last);
  if (!d) return null;
  const ios = d.reads + d.writes;
  const awaitMs = awaitOf(d.readMs + d.writeMs, ios);
  const baselineMs = median(track.history);
  return {
    name, device: last.c.device,
    readAwaitMs: awaitOf(d.readMs, d.reads), writeAwaitMs: awaitOf(d.writeMs, d.writes), awaitMs,
    iops: ios / d.seconds, util: Math.min(1, d.ioMs / (d.seconds * 1000)), queue: d.weightedMs / (d.seconds * 1000),
    baselineMs, slow: ios >= MIN_IOS && isSlow(awaitMs, baselineMs), slaves: under(name, tracks), seconds: d.seconds,
  };
}

/**
 * The device a filesystem sits on: the one with its 'major:minor', else the
 * one named like its mount source (/dev/sda1 → sda1: btrfs reports an anonymous
 * device number).
 */
export function deviceOfFilesystem(tracks: ReadonlyMap<string, DeviceTrack>, device: string, source: string): string | null {
  const base = source.startsWith('/dev/') ? source.slice(source.lastIndexOf('/') + 1) : null;
  let byName: string | null = null;
  for (const [name, track] of tracks) {
    if (track.window.at(-1)?.c.device === device) return name;
    if (name === base) byName = name;
  }
  return byName;
}
