/** Pure parsers for /proc text: system-wide files (stat, meminfo, loadavg, pressure). */
import type { CpuTimes, MemorySample, PressureLine } from '../../src/stream/messages.js';

function toCpuTimes(fields: readonly string[]): CpuTimes {
  const n = (i: number): number => Number(fields[i] ?? 0) || 0;
  return { user: n(0), nice: n(1), system: n(2), idle: n(3), iowait: n(4), irq: n(5), softirq: n(6), steal: n(7) };
}

/** CPU lines of /proc/stat: the total and each core in index order, plus btime. */
export interface ProcStat {
  readonly total: CpuTimes;
  readonly cores: CpuTimes[];
  /** Boot time, seconds since the epoch (0 when absent). */
  readonly bootTime: number;
}

/** Parses /proc/stat. Cores are placed by their number; offline gaps are skipped. */
export function parseProcStat(text: string): ProcStat {
  let total = toCpuTimes([]);
  const cores: CpuTimes[] = [];
  let bootTime = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('cpu')) {
      const [name, ...fields] = line.trim().split(/\s+/);
      if (name === 'cpu') total = toCpuTimes(fields);
      else if (name && /^cpu\d+$/.test(name)) cores.push(toCpuTimes(fields));
    } else if (line.startsWith('btime ')) {
      bootTime = Number(line.slice(6)) || 0;
    }
  }
  return { total, cores, bootTime };
}

/** Parses /proc/meminfo into bytes. */
export function parseMeminfo(text: string): MemorySample {
  const kb = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([\w()]+):\s+(\d+)/.exec(line);
    if (m) kb.set(m[1]!, Number(m[2]) * 1024);
  }
  const get = (k: string): number => kb.get(k) ?? 0;
  const free = get('MemFree');
  return {
    total: get('MemTotal'),
    available: kb.get('MemAvailable') ?? free + get('Cached') + get('Buffers'),
    free,
    buffers: get('Buffers'),
    cached: get('Cached') + get('SReclaimable'),
    swapTotal: get('SwapTotal'),
    swapFree: get('SwapFree'),
  };
}

/** Parses /proc/loadavg into the 1, 5 and 15 minute averages. */
export function parseLoadavg(text: string): [number, number, number] {
  const [a, b, c] = text.trim().split(/\s+/).map(Number);
  return [a || 0, b || 0, c || 0];
}

/** Parses one /proc/pressure/<resource> file (some and, where present, full avg10). */
export function parsePressure(text: string): PressureLine | null {
  const avg = (kind: string): number | null => {
    const m = new RegExp(`^${kind} avg10=([\\d.]+)`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  const some = avg('some');
  return some === null ? null : { someAvg10: some, fullAvg10: avg('full') };
}
