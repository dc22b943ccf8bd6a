/**
 * Whether two model states differ only in their `log` and `events`: what a
 * log batch changes (a line a second on a quiet server). What is drawn or
 * measured from the rest of the model can then be kept (pane-memo.ts,
 * pane-wants.ts).
 */
import type { ModelState } from './model.js';

const SKIPPED: ReadonlySet<string> = new Set(['log', 'events']);

/** True when every field of `a` but `log` and `events` is the same object (or value) in `b`. */
export function sameBesidesLog(a: ModelState, b: ModelState): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as Array<keyof ModelState>) if (!SKIPPED.has(key) && a[key] !== b[key]) return false;
  return true;
}

/** The last state `besidesLog` answered with. */
let lastKey: ModelState | null = null;
const keys = new WeakMap<ModelState, ModelState>();

/**
 * The oldest state `sameBesidesLog` as `state` among those asked in a row: a
 * key under which what is computed from everything but the log (the disks,
 * the writers, the network) is kept across log batches. Held weakly, but for
 * the last key.
 */
export function besidesLog(state: ModelState): ModelState {
  let key = keys.get(state);
  if (key) return key;
  key = lastKey !== null && sameBesidesLog(lastKey, state) ? lastKey : state;
  keys.set(state, key);
  lastKey = key;
  return key;
}
