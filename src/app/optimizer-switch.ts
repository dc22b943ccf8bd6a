/**
 * V8's optimising compiler (TurboFan), off while sitrep is quiet (issue 32).
 * An idle console runs the same few functions once a second: TurboFan's
 * background compiles, their zone memory (malloc arenas per worker thread) and
 * its own code pages cost more than the optimised code saves. Measured side by
 * side at idle: RSS 76 -> 63 MiB, CPU -14%; at 3,000 processes +4% CPU without
 * it. It turns on, for the rest of the session (one way), when
 * - the console is busy: BUSY_WINDOWS windows of WINDOW_MS in a row each above
 *   BUSY_SHARE of a core (a log flood, 3,000 processes; idle is about 2.5%);
 * - a one-shot mode (a snapshot, a report) has loaded the modes, and when the
 *   console first loads Ink (dialogs, overlays, the directory browser):
 *   optimizeFromNow.
 * V8 reads the flag at each tiering decision, so the switch acts at once. The
 * state is on globalThis: the modes text has its own copy of this module.
 * SITREP_OPT=always or never fixes it (for comparisons). The build's code
 * cache is made under --no-opt (src/build/modes-cache.mjs: V8 takes a cache
 * only under the flags it was made with).
 */
import { setFlagsFromString } from 'node:v8';
import type { BundleGlobals } from '../stream/bundle-globals.js';

/** A window's share of one core (0–1) above which it counts as busy. */
export const BUSY_SHARE = 0.06;
/** How many busy windows in a row turn the optimiser on. */
export const BUSY_WINDOWS = 2;
const WINDOW_MS = 5000;
// On globalThis, for the stats hook: it lives in the modes text, which has its own copy of this module.
const say = (state: 'on' | 'off'): void => {
  (globalThis as BundleGlobals).__sitrepOptimizer = state;
};

/** Whether the optimiser turns on after these windows' shares of a core (oldest first). */
export function turnsOn(shares: readonly number[]): boolean {
  return shares.length >= BUSY_WINDOWS && shares.slice(-BUSY_WINDOWS).every((s) => s > BUSY_SHARE);
}

/** The optimiser on from now (a one-shot mode, Ink's frames, a busy console), once the modes' code cache has been taken. */
export function optimizeFromNow(): void {
  if ((globalThis as BundleGlobals).__sitrepOptimizer !== 'off') return;
  setFlagsFromString('--opt');
  say('on');
}

/** Turns the optimiser off now, and on once sitrep is busy; returns its stop. */
export function startOptimizerSwitch(mode = process.env.SITREP_OPT): () => void {
  if (mode === 'always') return () => {};
  setFlagsFromString('--no-opt');
  say('off');
  if (mode === 'never') return () => {};
  const shares: number[] = [];
  let last = process.cpuUsage();
  let at = performance.now();
  const timer = setInterval(() => {
    // Turned on elsewhere (optimizeFromNow, maybe from the modes' copy of this module): nothing left to watch.
    if ((globalThis as BundleGlobals).__sitrepOptimizer === 'on') return clearInterval(timer);
    const now = performance.now();
    const used = process.cpuUsage(last);
    last = process.cpuUsage();
    shares.push((used.user + used.system) / 1000 / (now - at));
    at = now;
    if (shares.length > BUSY_WINDOWS) shares.shift();
    if (!turnsOn(shares)) return;
    optimizeFromNow();
    clearInterval(timer);
  }, WINDOW_MS);
  timer.unref();
  return () => clearInterval(timer);
}
