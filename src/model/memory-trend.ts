/**
 * The trend of a memory series, and whether it is a leak. Pure.
 *
 * A steady leak, a GC sawtooth and a single allocation burst must not look
 * alike. A least-squares slope alone cannot tell them apart (a burst inside
 * the window has a fine slope), so a trend counts as a leak only when, over a
 * trailing window of at least LEAK_MIN_SPAN_MS:
 *  - the slope is positive and the line explains the points (R² ≥ LEAK_R2);
 *  - most steps rise (≥ LEAK_RISING of them): a burst is one rising step, a
 *    sawtooth's rises are a fraction of its steps;
 *  - nothing falls back by more than LEAK_DRAWDOWN of the window's range: a
 *    sawtooth's free is such a fall.
 * Windows of 30, 20 then 10 s are tried, the longest that passes wins: a leak
 * at 20 MiB/s fills a 600 MiB limit in 30 s, so a longer window would span
 * more than the whole incident; under 10 s (10 points at 1 s) R² means little
 * and a runtime's GC cycle (1-5 s) is not seen twice. A leak that started
 * after a flat stretch passes on the shorter window.
 */

/** One point of a series: ms since the epoch, bytes. */
export interface TrendPoint {
  readonly t: number;
  readonly v: number;
}

/** A fitted trend. */
export interface Trend {
  /** Bytes per second (least squares). */
  readonly slope: number;
  readonly r2: number;
  /** Share of steps that rose. */
  readonly rising: number;
  /** Span of the window used, ms. */
  readonly spanMs: number;
  /** True when it passes every check above. */
  readonly leak: boolean;
}

/** Trailing windows tried, longest first (ms). */
export const LEAK_WINDOWS_MS = [30_000, 20_000, 10_000] as const;
/** Shortest span a leak verdict needs. */
export const LEAK_MIN_SPAN_MS = 8_000;
/** R² a leak needs. */
export const LEAK_R2 = 0.9;
/** Share of rising steps a leak needs. */
export const LEAK_RISING = 0.7;
/** Largest fall allowed, as a share of the window's range. */
export const LEAK_DRAWDOWN = 0.1;
/** Smallest slope that is a leak (1 MiB/min): below, noise. */
export const LEAK_MIN_SLOPE = (1 << 20) / 60;
/** Longest history a series keeps. */
export const TREND_HISTORY_MS = LEAK_WINDOWS_MS[0] + 2_000;

/** Least-squares fit of `points` (at least 2). */
export function fit(points: readonly TrendPoint[]): { slope: number; r2: number } {
  const n = points.length;
  if (n < 2) return { slope: 0, r2: 0 };
  const t0 = points[0]!.t;
  let sx = 0, sy = 0;
  for (const p of points) {
    sx += (p.t - t0) / 1000;
    sy += p.v;
  }
  const mx = sx / n, my = sy / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (const p of points) {
    const dx = (p.t - t0) / 1000 - mx, dy = p.v - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return { slope: 0, r2: 0 };
  const slope = sxy / sxx;
  return { slope, r2: syy === 0 ? 0 : (sxy * sxy) / (sxx * syy) };
}

function judge(points: readonly TrendPoint[]): Trend {
  const { slope, r2 } = fit(points);
  let rises = 0, peak = -Infinity, drawdown = 0, lo = Infinity, hi = -Infinity;
  for (let i = 0; i < points.length; i++) {
    const v = points[i]!.v;
    if (i > 0 && v > points[i - 1]!.v) rises++;
    peak = Math.max(peak, v);
    drawdown = Math.max(drawdown, peak - v);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const rising = points.length > 1 ? rises / (points.length - 1) : 0;
  const spanMs = points.length ? points[points.length - 1]!.t - points[0]!.t : 0;
  const leak = spanMs >= LEAK_MIN_SPAN_MS && slope >= LEAK_MIN_SLOPE && r2 >= LEAK_R2 && rising >= LEAK_RISING && drawdown <= LEAK_DRAWDOWN * (hi - lo);
  return { slope, r2, rising, spanMs, leak };
}

/** The trend of `points` (oldest first): the longest trailing window that is a leak, else the longest window's fit. */
export function trendOf(points: readonly TrendPoint[]): Trend | null {
  if (points.length < 3) return null;
  const last = points[points.length - 1]!.t;
  let first: Trend | null = null;
  for (const w of LEAK_WINDOWS_MS) {
    const window = points.filter((p) => p.t >= last - w);
    if (window.length < 3) continue;
    const trend = judge(window);
    first ??= trend;
    if (trend.leak) return trend;
  }
  return first;
}

/** Seconds until `headroom` bytes are used at the trend's rate, or null when it is no leak or beyond `horizonS`. */
export function secondsUntil(headroom: number, trend: Trend | null, horizonS: number): number | null {
  if (!trend?.leak || trend.slope <= 0) return null;
  const s = Math.max(0, headroom) / trend.slope;
  return s <= horizonS ? s : null;
}

/**
 * A process's RSS series keeps change points only: the same array comes back
 * while the value holds (no allocation for the thousands of quiet processes
 * of a sample), and `upTo` puts the held value at `now` for the fits.
 */
export function pushChange(points: readonly TrendPoint[] | undefined, t: number, v: number): readonly TrendPoint[] {
  if (points && points.length > 0 && points[points.length - 1]!.v === v) return points;
  return pushPoint(points, t, v);
}

/** `points` with the held value at `now` (when the last point is older): what a change-point series means. */
export function upTo(points: readonly TrendPoint[], now: number): readonly TrendPoint[] {
  const last = points[points.length - 1];
  if (!last || last.t >= now) return points;
  return [...points.filter((p) => p.t >= now - TREND_HISTORY_MS), { t: now, v: last.v }];
}

/** Appends a point and drops those older than TREND_HISTORY_MS; a new array. */
export function pushPoint(points: readonly TrendPoint[] | undefined, t: number, v: number): TrendPoint[] {
  const out = (points ?? []).filter((p) => p.t >= t - TREND_HISTORY_MS && p.t < t);
  out.push({ t, v });
  return out;
}
