import type { ModelState } from './model.js';
import { besidesLog } from './same-besides-log.js';

/**
 * Memoizes a selector per model state. States are immutable, so a result
 * computed for one state object stays right for it; the UI asks several times
 * per frame (layout, panes, targets). Held weakly: old states free their results.
 */
export function memoByState<S extends object, A extends string | null, R>(select: (state: S, arg: A) => R): (state: S, arg: A) => R {
  const cache = new WeakMap<S, Map<A, R>>();
  return (state, arg) => {
    let byArg = cache.get(state);
    if (!byArg) {
      byArg = new Map();
      cache.set(state, byArg);
    }
    if (!byArg.has(arg)) byArg.set(arg, select(state, arg));
    return byArg.get(arg)!;
  };
}

/**
 * memoByState for a selector that never reads the model's `log` or `events`:
 * its result for one state is kept for the states after it that differ only
 * there (a log batch), until a sample changes the rest (same-besides-log.ts).
 */
export function memoBesidesLog<A extends string | null, R>(select: (state: ModelState, arg: A) => R): (state: ModelState, arg: A) => R {
  const memo = memoByState(select);
  return (state, arg) => memo(besidesLog(state), arg);
}
