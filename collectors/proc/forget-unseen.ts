/**
 * The per-process caches of a sample reader (identities, io and stat
 * rotations) are maps updated in place, each entry stamped with the sample
 * that last saw it: rebuilding 3,000 entries every sample was garbage.
 */

/** An entry stamped with the sample that last saw it. */
export interface SeenIn {
  seenIn: number;
}

/** Drops every entry the sample `count` did not see, so the map holds live processes only (forEach: a for-of over entries made a [key, value] array per entry). */
export function forgetUnseen<K>(map: Map<K, SeenIn>, count: number): void {
  map.forEach((entry, key) => {
    if (entry.seenIn !== count) map.delete(key);
  });
}
