/**
 * The per-process caches of a sample reader (identities, io and stat
 * rotations) are maps updated in place, each entry stamped with the sample
 * that last saw it: rebuilding 3,000 entries every sample was garbage.
 */

/** An entry stamped with the sample that last saw it. */
export interface SeenIn {
  seenIn: number;
}

/** Drops every entry the sample `count` did not see, so the map holds live processes only. */
export function forgetUnseen<K>(map: Map<K, SeenIn>, count: number): void {
  for (const [key, entry] of map) if (entry.seenIn !== count) map.delete(key);
}
