/** Counts per key in 10-second buckets over the last 10 minutes: incremental and bounded. Pure. */

/** Bucket width. */
export const BUCKET_MS = 10_000;
/** Buckets kept: 10 minutes. */
const BUCKETS = 60;
/** At most this many keys are kept; the quietest go first. */
const MAX_KEYS = 2000;

/** Bucket index → count, for one key. */
export type Buckets = ReadonlyMap<number, number>;

/** Adds one event per (key, time) to a copy of `counts`; copies only what changes. */
export function addCounts(counts: ReadonlyMap<string, Buckets>, events: ReadonlyArray<readonly [string, number]>, now: number): Map<string, Buckets> {
  if (events.length === 0) return counts as Map<string, Buckets>;
  const out = new Map(counts);
  const touched = new Map<string, Map<number, number>>();
  const oldest = Math.floor(now / BUCKET_MS) - BUCKETS + 1;
  for (const [key, t] of events) {
    let b = touched.get(key);
    if (!b) {
      b = new Map([...(out.get(key) ?? [])].filter(([i]) => i >= oldest));
      touched.set(key, b);
      out.set(key, b);
    }
    const i = Math.floor(t / BUCKET_MS);
    if (i >= oldest) b.set(i, (b.get(i) ?? 0) + 1);
  }
  if (out.size > MAX_KEYS) {
    const ranked = [...out].sort((a, b) => windowCount(b[1], now, 600_000) - windowCount(a[1], now, 600_000));
    return new Map(ranked.slice(0, MAX_KEYS));
  }
  return out;
}

/** Events of one key within the last `windowMs` (bucket-rounded). */
export function windowCount(buckets: Buckets | undefined, now: number, windowMs: number): number {
  if (!buckets) return 0;
  const first = Math.floor((now - windowMs) / BUCKET_MS) + 1;
  let sum = 0;
  for (const [i, n] of buckets) if (i >= first) sum += n;
  return sum;
}
