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
