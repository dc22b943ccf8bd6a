import { describe, expect, it } from 'vitest';
import type { PidStat } from '../../../collectors/proc/parse-pid.js';
import { STAT_ACTIVE_SAMPLES, QUIET_READS_PER_SAMPLE, StatRotation } from '../../../collectors/proc/stat-rotation.js';
import { reduce, initialModel } from '../../../src/model/model.js';
import type { Message, ProcessSample } from '../../../src/stream/messages.js';

const stat = (pid: number, ticks: number, state = 'S', startTicks = 10): PidStat => ({ pid, comm: `p${pid}`, state, ppid: 1, flags: 0, utime: ticks, stime: 0, threads: 1, startTicks, rssPages: 1 });

/** One sample over `count` processes: which pids were read (the rest carried). */
function sample(rotation: StatRotation, count: number, tick: (pid: number) => PidStat, now: number): Set<number> {
  rotation.begin(count, now);
  const read = new Set<number>();
  for (let pid = 1; pid <= count; pid++) {
    if (rotation.carried(pid)) continue;
    read.add(pid);
    rotation.read(tick(pid));
  }
  rotation.end();
  return read;
}

describe('StatRotation', () => {
  it('reads every process every sample up to the budget', () => {
    const rotation = new StatRotation();
    for (let s = 0; s < STAT_ACTIVE_SAMPLES + 5; s++) expect(sample(rotation, QUIET_READS_PER_SAMPLE, (pid) => stat(pid, 5), s * 1000).size).toBe(QUIET_READS_PER_SAMPLE);
  });

  it('beyond it, reads a quiet process once a period and a busy, running, D-state or new one every sample', () => {
    const rotation = new StatRotation();
    const count = 3 * QUIET_READS_PER_SAMPLE;
    let busy = 0;
    const tick = (pid: number) => (pid === 7 ? stat(7, busy++) : pid === 8 ? stat(8, 1, 'R') : pid === 9 ? stat(9, 1, 'D') : stat(pid, 5));
    for (let s = 0; s < STAT_ACTIVE_SAMPLES; s++) expect(sample(rotation, count, tick, s * 1000).size).toBe(count); // all new
    const reads = new Map<number, number>();
    for (let s = STAT_ACTIVE_SAMPLES; s < STAT_ACTIVE_SAMPLES + 30; s++) {
      const read = sample(rotation, count, tick, s * 1000);
      expect(read.size).toBeLessThan(count / 2);
      for (const pid of read) reads.set(pid, (reads.get(pid) ?? 0) + 1);
    }
    expect([reads.get(7), reads.get(8), reads.get(9)]).toEqual([30, 30, 30]);
    expect(reads.get(100)).toBe(10); // one sample in 3
    // a pid whose reading shows a new start time counts as new: read every sample again
    let s = 0;
    while (!sample(rotation, count, (pid) => (pid === 100 ? stat(100, 0, 'S', 99) : tick(pid)), 99_000 + s * 1000).has(100)) expect(++s).toBeLessThan(3);
    for (let k = 0; k < 3; k++) expect(sample(rotation, count, (pid) => (pid === 100 ? stat(100, 0, 'S', 99) : tick(pid)), 200_000 + k * 1000).has(100)).toBe(true);
  });
});

describe('a carried reading in the model', () => {
  const header: Message = { kind: 'header', version: 1, host: 'h', kernel: 'k', cores: 1, clockTicks: 100, pageSize: 4096, intervalMs: 1000, bootTime: 0 } as Message;
  const proc = (ticks: number, readAt?: number): ProcessSample => ({ pid: 5, ppid: 1, startTicks: 1, comm: 'w', cmdline: 'w', user: 'root', state: 'S', cpuTicks: ticks, rssBytes: 4096, threads: 1, kernelThread: false, ...(readAt !== undefined ? { readAt } : {}) });
  const at = (t: number, p: ProcessSample): Message => ({ kind: 'sample', t, cpuTotal: [0, 0, 0, 0, 0, 0, 0, 0], cpuCores: [], load: [0, 0, 0], pressure: null, memory: null, processes: [p] }) as unknown as Message;

  it('shows 0 while carried, then charges what the re-read found over the real span', () => {
    let m = reduce(reduce(initialModel(), header), at(10_000, proc(100)));
    m = reduce(m, at(11_000, proc(100, 10_000)));
    expect(m.processes[0]!.cpuPercent).toBe(0);
    m = reduce(m, at(12_000, proc(100, 10_000)));
    m = reduce(m, at(13_000, proc(130)));
    // 30 ticks over the 3 s since the reading at 10 s: 10%, not 30%
    expect(m.processes[0]!.cpuPercent).toBeCloseTo(10, 5);
  });
});
