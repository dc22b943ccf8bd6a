/**
 * Sizes V8's young generation from inside the process. Its size flags are
 * read once at start-up, but the growth factor is read at every scavenge: the
 * young generation starts at 1 MiB semi-spaces and, left alone, doubles to
 * 16 MiB as soon as anything allocates briskly, which makes an idle console's
 * RSS swing by 20–30 MiB. sitrep holds the factor at 1 (no growth) while it is
 * quiet, and lets it double while scavenges come often (a log flood, a big
 * drill-down) up to GROW_TO: 4 MiB semi-spaces cost a flood about a tenth more
 * CPU than 16 MiB, 1 MiB ones double it (ARCHITECTURE.md, Bounds). Only a
 * sustained run of fast scavenges counts as busy: start-up's burst grew the
 * semi-spaces to 4 MiB for good, and V8 never shrinks them at idle (+6 MiB RSS).
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The young generation's semi-space size it may grow to when busy. */
export const GROW_TO_BYTES = 4 * 1024 * 1024;
/** Scavenges this close together mean a busy allocator… */
const BUSY_GAP_MS = 250;
/** …when this many come in a row (start-up makes about a dozen, spread over its first seconds). */
export const BUSY_RUN = 20;

const semiSpaceBytes = (): number => (getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) / 2;

/** Whether the young generation may grow now: the last `fastRun` scavenges each came within BUSY_GAP_MS of the one before, and it is under GROW_TO_BYTES. */
export function mayGrow(fastRun: number, semiBytes: number): boolean {
  return fastRun >= BUSY_RUN && semiBytes < GROW_TO_BYTES;
}

/** Starts the sizing; returns its stop. */
export function startYoungGenSizing(): () => void {
  let factor = 0;
  let lastScavenge = 0;
  let fastRun = 0;
  const set = (next: number): void => {
    if (next === factor) return;
    factor = next;
    setFlagsFromString(`--semi-space-growth-factor=${next}`);
  };
  set(1);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MINOR) continue;
      fastRun = entry.startTime - lastScavenge < BUSY_GAP_MS ? fastRun + 1 : 0;
      lastScavenge = entry.startTime;
      set(mayGrow(fastRun, semiSpaceBytes()) ? 2 : 1);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
