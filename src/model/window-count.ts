/**
 * Counts per key in 10-second buckets over the last 10 minutes: incremental,
 * bounded and fixed in size. Each key holds one array of BUCKETS slots (bucket
 * i lives in slot i % BUCKETS, beside its index), so a key costs the same
 * from its first event on and memory is flat once the key set is full. At
 * most MAX_KEYS keys are kept; past TRIM_AT the quietest go. Pure.
 */

/** Bucket width. */
export const BUCKET_MS = 10_000;
/** Buckets kept: 10 minutes. */
const BUCKETS = 60;
/** Keys kept after a trim. */
export const MAX_KEYS = 2000;
/** Keys allowed before a trim (trimming a quarter at a time keeps its sort rare). */
const TRIM_AT = 2500;

/** One key's buckets: slot s holds [bucket index, count] at 2s and 2s+1. */
export type Buckets = Readonly<Float64Array>;

const blank = (): Float64Array => new Float64Array(2 * BUCKETS).fill(-1);

/** Adds `n` events of bucket `i` to `b` (in place). */
function bump(b: Float64Array, i: number, n: number): void {
  const s = 2 * (((i % BUCKETS) + BUCKETS) % BUCKETS);
  if (b[s] !== i) {
    if (b[s]! > i) return; // the slot holds a newer bucket: this one is older than the window
    b[s] = i;
    b[s + 1] = 0;
  }
  b[s + 1]! += n;
}

/** Adds one event per (key, time) to a copy of `counts`; copies only the keys that change. */
export function addCounts(counts: ReadonlyMap<string, Buckets>, events: ReadonlyArray<readonly [string, number]>, now: number): Map<string, Buckets> {
  if (events.length === 0) return counts as Map<string, Buckets>;
  const out = new Map(counts);
  const touched = new Map<string, Float64Array>();
  const oldest = Math.floor(now / BUCKET_MS) - BUCKETS + 1;
  for (const [key, t] of events) {
    const i = Math.floor(t / BUCKET_MS);
    if (i < oldest) continue;
    let b = touched.get(key);
    if (!b) {
      const prev = out.get(key);
      b = prev ? Float64Array.from(prev) : blank();
      touched.set(key, b);
      out.delete(key); // re-set at the end: the map stays ordered by last event
      out.set(key, b);
    }
    bump(b, i, 1);
  }
  if (out.size <= TRIM_AT) return out;
  const ranked = [...out].map(([key, b]) => [key, b, windowCount(b, now, BUCKETS * BUCKET_MS)] as const).sort((a, b) => b[2] - a[2]);
  return new Map(ranked.slice(0, MAX_KEYS).map(([key, b]) => [key, b]));
}

/** `into` with the counts of `from` added (a new array). */
export function mergeBuckets(into: Buckets | undefined, from: Buckets): Buckets {
  const out = into ? Float64Array.from(into) : blank();
  for (let s = 0; s < from.length; s += 2) if (from[s]! >= 0) bump(out, from[s]!, from[s + 1]!);
  return out;
}

/** Events of one key within the last `windowMs` (bucket-rounded). */
export function windowCount(buckets: Buckets | undefined, now: number, windowMs: number): number {
  if (!buckets) return 0;
  const first = Math.floor((now - windowMs) / BUCKET_MS) + 1;
  let sum = 0;
  for (let s = 0; s < buckets.length; s += 2) if (buckets[s]! >= first) sum += buckets[s + 1]!;
  return sum;
}
