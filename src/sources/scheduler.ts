/**
 * One scheduler for all periodic collection: ticks every `intervalMs`, aligned
 * to the start so that slow ticks do not accumulate drift, and never overlaps.
 */

/** A running periodic timer; `stop()` cancels it for good. */
export interface Scheduler {
  stop(): void;
}

/** Calls `tick` now and then every `intervalMs`, skipping missed beats. */
export function startScheduler(intervalMs: number, tick: () => void): Scheduler {
  const origin = Date.now();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    tick();
    if (stopped) return;
    const elapsed = Date.now() - origin;
    const wait = intervalMs - (elapsed % intervalMs);
    timer = setTimeout(run, wait);
  };
  run();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
