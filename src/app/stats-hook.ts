/**
 * A measurement hook for the soak harness (bench/soak.mjs): with
 * SITREP_STATS_FILE set, the process appends one JSON line of its memory
 * figures every SITREP_STATS_MS (default 10 s). Off unless asked; the only
 * other file sitrep writes besides a recording and the frame hook.
 */
import { appendFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import type { BundleGlobals } from '../stream/bundle-globals.js';

/** Starts the hook when the environment asks for it; returns its stop. */
export function startStatsHook(env: NodeJS.ProcessEnv = process.env): () => void {
  const file = env.SITREP_STATS_FILE;
  if (!file) return () => {};
  const every = Math.max(1000, Number(env.SITREP_STATS_MS ?? 10_000) || 10_000);
  const write = () => {
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]));
    try {
      appendFileSync(file, `${JSON.stringify({ t: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, cpuUser: cpu.user, cpuSystem: cpu.system, spaces, modesCache: (globalThis as BundleGlobals).__sitrepModesCache ?? null, optimizer: (globalThis as BundleGlobals).__sitrepOptimizer ?? 'on' })}\n`);
    } catch {
      // a measurement must never hurt the console
    }
  };
  write();
  const timer = setInterval(write, every);
  timer.unref();
  return () => clearInterval(timer);
}
