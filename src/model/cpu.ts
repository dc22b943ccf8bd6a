/** CPU utilisation derived from two raw /proc/stat readings. */
import type { CpuTimes } from '../stream/messages.js';

function busyAndTotal(t: CpuTimes): [number, number] {
  const idle = t.idle + t.iowait;
  const busy = t.user + t.nice + t.system + t.irq + t.softirq + t.steal;
  return [busy, busy + idle];
}

/** Fraction of time busy (0..1) between two readings; null when no time passed. */
export function busyFraction(prev: CpuTimes, next: CpuTimes): number | null {
  const [b0, t0] = busyAndTotal(prev);
  const [b1, t1] = busyAndTotal(next);
  const dt = t1 - t0;
  if (dt <= 0) return null;
  return Math.min(1, Math.max(0, (b1 - b0) / dt));
}

/** Fraction of time in iowait (0..1) between two readings. */
export function iowaitFraction(prev: CpuTimes, next: CpuTimes): number | null {
  const dt = busyAndTotal(next)[1] - busyAndTotal(prev)[1];
  if (dt <= 0) return null;
  return Math.min(1, Math.max(0, (next.iowait - prev.iowait) / dt));
}
