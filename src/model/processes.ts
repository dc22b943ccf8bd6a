/** Per-process CPU% from two samples, and the ranking of the top processes. */
import type { ProcessSample } from '../stream/messages.js';

/** The kernel's one-letter state (R, S, D, T, t, Z, I…); anything else, from a recording, shows as '?'. */
export const stateLetter = (state: string): string => (/^[A-Za-z]$/.test(state) ? state : '?');

/** A process with its rate over the last interval. */
export interface ProcessRow {
  readonly pid: number;
  readonly ppid: number;
  readonly startTicks: number;
  readonly user: string;
  readonly comm: string;
  readonly cmdline: string;
  readonly state: string;
  /** Percent of one core; 100 means one core fully busy. */
  readonly cpuPercent: number;
  readonly rssBytes: number;
  readonly threads: number;
  readonly kernelThread: boolean;
  readonly cgroup: string;
  /** The container it runs in, where a runtime names it: 'web', 'ns/pod/container' (issue 35). Unsanitized. */
  readonly container?: string;
}

/** Identity of a process across samples: pid and start time, so reuse is detected. */
export function processKey(pid: number, startTicks: number): string {
  return `${pid}:${startTicks}`;
}

/** A process's cpu ticks and when they were read (ms). */
export interface TickReading {
  readonly ticks: number;
  readonly at: number;
}

/** Indexes cpu ticks by process identity, for the next delta; `t` is the sample's time. */
export function indexTicks(processes: readonly ProcessSample[], t: number): Map<string, TickReading> {
  const map = new Map<string, TickReading>();
  for (const p of processes) map.set(processKey(p.pid, p.startTicks), { ticks: p.cpuTicks, at: p.readAt ?? t });
  return map;
}

/** What the previous sample knew, to turn cpu ticks into rates. */
export interface TickBaseline {
  readonly ticks: ReadonlyMap<string, TickReading>;
  /** Uptime of the previous sample in clock ticks: later starters are new. */
  readonly uptimeTicks: number;
}

/**
 * Rows with CPU% over the interval `seconds` long, ending at `t`. A process
 * that started after the previous sample counts all its ticks; one seen before
 * counts the delta, over the time between its two readings (a carried reading,
 * `readAt`, shows 0 and the next fresh one covers the whole span).
 */
export function processRows(
  processes: readonly ProcessSample[],
  baseline: TickBaseline,
  seconds: number,
  clockTicks: number,
  t: number,
): ProcessRow[] {
  return processes.map((p) => {
    const before = baseline.ticks.get(processKey(p.pid, p.startTicks));
    const isNew = before === undefined && p.startTicks >= baseline.uptimeTicks;
    const delta = before !== undefined ? Math.max(0, p.cpuTicks - before.ticks) : isNew ? p.cpuTicks : 0;
    const span = before !== undefined ? ((p.readAt ?? t) - before.at) / 1000 : seconds;
    const cpuPercent = span > 0 ? (delta / clockTicks / span) * 100 : 0;
    return {
      pid: p.pid,
      ppid: p.ppid,
      startTicks: p.startTicks,
      user: p.user,
      comm: p.comm,
      cmdline: p.cmdline,
      state: stateLetter(p.state),
      cpuPercent,
      rssBytes: p.rssBytes,
      threads: p.threads,
      kernelThread: p.kernelThread,
      cgroup: p.cgroup ?? '/',
    };
  });
}

/** Orders rows busiest first: CPU%, then RSS, then pid. */
export function byCpu(a: ProcessRow, b: ProcessRow): number {
  return b.cpuPercent - a.cpuPercent || b.rssBytes - a.rssBytes || a.pid - b.pid;
}
