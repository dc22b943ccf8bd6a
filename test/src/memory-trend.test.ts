/** The leak rules of src/model/memory-trend.ts on the three shapes the issue names, and the growth rank. */
import { describe, expect, it } from 'vitest';
import { secondsUntil, trendOf, type TrendPoint } from '../../src/model/memory-trend.js';
import { growthOver } from '../../src/model/memory-selectors.js';

const MiB = 2 ** 20;
const series = (n: number, f: (s: number) => number): TrendPoint[] => Array.from({ length: n }, (_, s) => ({ t: 1e12 + s * 1000, v: f(s) }));
const jitter = (s: number) => ((s * 7919) % 13) * 0.2 * MiB;

describe('memory trend', () => {
  it('a steady leak is a leak, with its rate and the time to a limit', () => {
    const t = trendOf(series(20, (s) => 100 * MiB + 20 * MiB * s + jitter(s)))!;
    expect(t.leak).toBe(true);
    expect(t.slope / MiB).toBeCloseTo(20, 0);
    expect(secondsUntil(200 * MiB, t, 1800)).toBeCloseTo(10, 0);
  });

  it('a GC sawtooth is not: it falls back', () => {
    const t = trendOf(series(30, (s) => 200 * MiB + (s % 5) * 60 * MiB))!;
    expect(t.leak).toBe(false);
    expect(secondsUntil(100 * MiB, t, 1800)).toBeNull();
  });

  it('a sawtooth that allocates and frees 300 MiB every 5 s is not', () => {
    expect(trendOf(series(30, (s) => 50 * MiB + (s % 5 < 2.5 ? 300 * MiB : 0)))!.leak).toBe(false);
  });

  it('a single burst is not: one step rose', () => {
    expect(trendOf(series(30, (s) => (s < 15 ? 100 * MiB : 600 * MiB) + jitter(s)))!.leak).toBe(false);
    // nor right after it, when the burst is the latest thing
    expect(trendOf(series(12, (s) => (s < 10 ? 100 * MiB : 600 * MiB)))!.leak).toBe(false);
  });

  it('a steady size is not, and neither is a leak seen for less than 8 s', () => {
    expect(trendOf(series(30, (s) => 500 * MiB + jitter(s)))!.leak).toBe(false);
    expect(trendOf(series(6, (s) => 20 * MiB * s))!.leak).toBe(false);
  });

  it('a leak that starts after a flat stretch is found on the shorter window', () => {
    const t = trendOf(series(30, (s) => (s < 18 ? 300 * MiB : 300 * MiB + 20 * MiB * (s - 18))))!;
    expect(t.leak).toBe(true);
    expect(t.spanMs).toBeLessThanOrEqual(10_000);
  });

  it('beyond the horizon there is no countdown', () => {
    const t = trendOf(series(20, (s) => MiB * s))!;
    expect(t.leak).toBe(true);
    expect(secondsUntil(10 * 2 ** 30, t, 1800)).toBeNull();
  });

  it('growth ranks steady growth above one jump of the same size, and a GC by what it kept', () => {
    const steady = growthOver(series(5, (s) => 20 * MiB * s), 4000);
    const jump = growthOver(series(5, (s) => (s === 4 ? 80 * MiB : 0)), 4000);
    const gc = growthOver(series(5, (s) => [0, 60, 120, 10, 40][s]! * MiB), 4000);
    expect(steady / MiB).toBeCloseTo(20, 5);
    expect(jump).toBe(0);
    expect(gc / MiB).toBeCloseTo(10, 5);
    expect(growthOver(series(1, () => 1), 4000)).toBe(0);
  });
});

describe('a quiet cgroup read every few samples', () => {
  it('keeps its last reading and series between reads, and is dropped once gone longer than the hold', async () => {
    const { updateMemory } = await import('../../src/model/memory.js');
    type S = Parameters<typeof updateMemory>[1];
    const cg = (usage: number) => ({ path: '/quiet', version: 1 as const, usage, limit: 1 << 30, events: null });
    const sample = (s: number, cgroups: ReturnType<typeof cg>[]): S => ({
      kind: 'sample', t: 1e12 + s * 1000, cpuTotal: { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0 }, cpuCores: [], load: [0, 0, 0], pressure: null,
      memory: { total: 8e9, available: 6e9, free: 5e9, buffers: 0, cached: 0, swapTotal: 0, swapFree: 0 }, processes: [],
      memoryDetail: { dirty: 0, writeback: 0, reclaimable: 0, shmem: 0, pswpin: 0, pswpout: 0, pgmajfault: 0, psi: null, cgroups, processes: [] },
    });
    let m = updateMemory(null, sample(0, [cg(5 * MiB)]), 4096);
    for (let s = 1; s <= 12; s++) m = updateMemory(m, sample(s, s % 5 === 0 ? [cg(5 * MiB)] : []), 4096);
    expect(m.counters.cgroups.map((c) => c.path)).toEqual(['/quiet']);
    expect(m.cgroups.get('/quiet')!.map((p) => (p.t - 1e12) / 1000)).toEqual([0, 5, 10]);
    // not read again: held 12 s after its last reading (at 10 s), then gone
    for (let s = 13; s <= 22; s++) m = updateMemory(m, sample(s, []), 4096);
    expect(m.counters.cgroups.map((c) => c.path)).toEqual(['/quiet']);
    m = updateMemory(m, sample(23, []), 4096);
    expect(m.counters.cgroups).toEqual([]);
    expect(m.cgroups.has('/quiet')).toBe(false);
  });
});
