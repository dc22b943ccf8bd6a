/**
 * One scheduler for all periodic collection: ticks every `intervalMs`, aligned
 * to the start so that slow ticks do not accumulate drift. A tick may be async;
 * a beat that comes while the previous tick still runs is skipped, never queued.
 */

/** A running periodic timer; `stop()` cancels it for good. */
export interface Scheduler {
  stop(): void;
}

/** Calls `tick` now and then every `intervalMs`. A rejected tick is rethrown. */
export function startScheduler(intervalMs: number, tick: () => void | Promise<void>): Scheduler {
  const origin = Date.now();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let busy = false;
  const run = (): void => {
    if (stopped) return;
    if (!busy) {
      busy = true;
      Promise.resolve()
        .then(tick)
        .finally(() => {
          busy = false;
        });
    }
    const elapsed = Date.now() - origin;
    timer = setTimeout(run, intervalMs - (elapsed % intervalMs));
  };
  run();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
