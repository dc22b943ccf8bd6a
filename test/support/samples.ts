/** Builders of stream messages for model and UI tests. */
import type { CpuTimes, ProcessSample, Sample, StreamHeader } from '../../src/stream/messages.js';

/** A header for a 2-core host sampled every second, booted at t=0. */
export function header(over: Partial<StreamHeader> = {}): StreamHeader {
  return {
    kind: 'header', format: 'sitrep-stream', version: 1, host: 'test-host', kernel: '6.1.0', os: 'Debian GNU/Linux 12 (bookworm)', cores: 2,
    clockTicks: 100, pageSize: 4096, intervalMs: 1000, startedAt: 0, bootTime: 0, ...over,
  };
}

/** CPU jiffies with `busy` busy and `idle` idle ticks. */
export function cpu(busy: number, idle: number): CpuTimes {
  return { user: busy, nice: 0, system: 0, idle, iowait: 0, irq: 0, softirq: 0, steal: 0 };
}

/** A process with `cpuTicks` so far. */
export function proc(pid: number, cpuTicks: number, over: Partial<ProcessSample> = {}): ProcessSample & { cgroup: string } {
  return {
    pid, ppid: 1, startTicks: 100, comm: `p${pid}`, cmdline: `/bin/p${pid}`, user: 'root', state: 'S',
    cpuTicks, rssBytes: 1024 * pid, threads: 1, kernelThread: false, cgroup: '/system.slice/test.service', ...over,
  } as ProcessSample & { cgroup: string };
}

/** A sample at second `s` with total and per-core busy/idle ticks. */
export function sample(s: number, busy: number, idle: number, processes: ProcessSample[] = []): Sample {
  return {
    kind: 'sample', t: 100_000 + s * 1000, cpuTotal: cpu(busy * 2, idle * 2), cpuCores: [cpu(busy, idle), cpu(busy, idle)],
    load: [0.5, 0.4, 0.3], pressure: null,
    memory: { total: 8e9, available: 6e9, free: 5e9, buffers: 1e8, cached: 1e9, swapTotal: 0, swapFree: 0 },
    processes,
  };
}
