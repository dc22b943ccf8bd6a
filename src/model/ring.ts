/**
 * A fixed-capacity series of numbers. Appending returns a new ring and leaves
 * the old one untouched, so a frozen (paused) view keeps its data while
 * collection goes on. Memory per series is bounded by its capacity.
 */
export interface Ring {
  readonly capacity: number;
  /** Values, oldest first, at most `capacity` of them. */
  readonly values: Float64Array;
}

/** An empty ring holding at most `capacity` values. */
export function emptyRing(capacity: number): Ring {
  return { capacity: Math.max(1, Math.floor(capacity)), values: new Float64Array(0) };
}

/** A new ring with `value` appended, dropping the oldest value when full. */
export function pushRing(ring: Ring, value: number): Ring {
  const old = ring.values;
  const keep = Math.min(old.length, ring.capacity - 1);
  const values = new Float64Array(keep + 1);
  values.set(old.subarray(old.length - keep), 0);
  values[keep] = value;
  return { capacity: ring.capacity, values };
}

/** The newest `count` values, oldest first. */
export function lastValues(ring: Ring, count: number): Float64Array {
  return ring.values.subarray(Math.max(0, ring.values.length - count));
}

/** The newest value, or undefined when empty. */
export function latest(ring: Ring): number | undefined {
  return ring.values.length ? ring.values[ring.values.length - 1] : undefined;
}
