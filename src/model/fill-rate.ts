/**
 * Fill rate as a least-squares slope over a sliding window, restarted when the
 * last two intervals agree on a new rate. A writer starting or stopping is
 * reflected within two samples; alternating bursts do not restart the window,
 * so the rate does not flap.
 */

/** A reading: time in seconds and a counter value (bytes or inodes used). */
export interface Point {
  readonly t: number;
  readonly v: number;
}

/** The points the rate is computed over, oldest first. */
export type RateWindow = readonly Point[];

/** Least-squares slope of v over t, or null with fewer than two distinct times. */
export function lsqSlope(points: RateWindow): number | null {
  const n = points.length;
  if (n < 2) return null;
  let st = 0;
  let sv = 0;
  for (const p of points) {
    st += p.t;
    sv += p.v;
  }
  const mt = st / n;
  const mv = sv / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.v - mv);
    den += (p.t - mt) ** 2;
  }
  return den > 0 ? num / den : null;
}

function intervalRate(a: Point, b: Point): number {
  return b.t > a.t ? (b.v - a.v) / (b.t - a.t) : 0;
}

/**
 * Adds a point and returns the new window: points older than `seconds` before
 * the newest are dropped (two are always kept), and the window restarts at the
 * last interval when the last two intervals both differ from the window's
 * slope, in the same direction, by more than half of it (and more than `noise`).
 * Restarting at the last interval rather than the last two keeps a writer's
 * partial first interval out of its rate.
 */
export function pushPoint(window: RateWindow, point: Point, seconds: number, noise: number): RateWindow {
  let next = [...window, point];
  const oldest = point.t - seconds;
  while (next.length > 2 && next[0]!.t < oldest) next = next.slice(1);
  if (next.length >= 4) {
    const slope = lsqSlope(next) ?? 0;
    const n = next.length;
    const d1 = intervalRate(next[n - 2]!, next[n - 1]!) - slope;
    const d2 = intervalRate(next[n - 3]!, next[n - 2]!) - slope;
    const threshold = Math.max(noise, Math.abs(slope) / 2);
    if (Math.sign(d1) === Math.sign(d2) && Math.abs(d1) > threshold && Math.abs(d2) > threshold) next = next.slice(n - 2);
  }
  return next;
}

/** Seconds until `remaining` is used up at `rate` per second; null unless filling. */
export function secondsUntil(remaining: number, rate: number | null, minRate: number): number | null {
  if (rate === null || rate <= minRate) return null;
  return Math.max(0, remaining) / rate;
}
