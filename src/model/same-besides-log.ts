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
