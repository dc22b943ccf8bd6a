/**
 * Who is writing: per-process write rates from /proc/<pid>/io deltas, grouped by
 * systemd unit, container or cgroup. Pure.
 *
 * Reaped children: when a parent reaps a child, the kernel adds the child's
 * whole I/O counters into the parent's. A child seen in the previous sample was
 * already charged up to then, so that part is taken back off the parent's delta;
 * a child that lived and died between two samples (a forking server's worker)
 * is charged to its parent in full. Nothing is counted twice.
 *
 * Cancelled writes: dirty pages truncated or deleted before writeback never
 * reach the disk, and the kernel counts them in cancelled_write_bytes (charged
 * to whoever truncated). WRITE is write_bytes minus cancelled_write_bytes, so
 * Writers and the Disks fill rate agree.
 */
import type { CgroupWrites, IoCounters, OpenWrite, ProcessSample } from '../stream/messages.js';
import { processKey, stateLetter } from './processes.js';

/** Counters remembered from the previous sample. */
interface Seen {
  readonly ppid: number;
  readonly writeBytes: number;
  readonly wchar: number;
  /** When the counters were read (ms): the sample's time unless the reader carried them (IoCounters.at). */
  readonly at: number;
}

/** An open file with how fast it grew since the previous sample. */
export interface WrittenFile extends OpenWrite {
  /** Bytes per second of growth (size or allocation, the larger); null when the file was not listed before. */
  readonly growthRate: number | null;
}

/** A process with its write rates over the last interval. */
export interface WriterRow {
  readonly pid: number;
  readonly startTicks: number;
  readonly comm: string;
  readonly cmdline: string;
  readonly user: string;
  readonly cgroup: string;
  /** Process state letter (R, S, D, T stopped, t traced…). */
  readonly state: string;
  /** Block-layer bytes per second (what fills disks). */
  readonly writeRate: number;
  /** Bytes per second passed to write(): includes tmpfs and page-cache writes. */
  readonly wcharRate: number;
  /** Cumulative counters since the process started (children it reaped included; cancelled writes left out). */
  readonly writeBytesTotal: number;
  readonly wcharTotal: number;
  /** Files open for writing, fastest growing first. */
  readonly files: readonly WrittenFile[];
}

/** The writers state kept between samples. */
export interface WritersState {
  readonly seen: ReadonlyMap<string, Seen>;
  /** File sizes and allocations by process key, fd and path, for growth rates. */
  readonly fileSizes: ReadonlyMap<string, FileSize>;
  /** Cumulative cgroup write counters (io.stat), for the next delta. */
  readonly cgroupBytes: ReadonlyMap<string, number>;
  /** Bytes per second by cgroup, where the kernel accounts them. */
  readonly cgroupRates: ReadonlyMap<string, number>;
  readonly t: number;
  /** Processes that wrote in the last interval (or within LINGER_MS), busiest first. */
  readonly rows: readonly WriterRow[];
  /** When each listed writer last wrote (bounded by the processes present). */
  readonly lastWrote: ReadonlyMap<string, number>;
}

/** What a file measured at the previous sample. */
interface FileSize {
  readonly size: number;
  readonly allocated: number;
}

function withGrowth(files: readonly OpenWrite[], key: string, before: ReadonlyMap<string, FileSize>, seconds: number): WrittenFile[] {
  return files
    .map((f) => {
      const was = before.get(`${key}:${f.fd}:${f.path}`);
      const grew = was === undefined ? null : Math.max(f.sizeBytes - was.size, f.allocatedBytes - was.allocated);
      return { ...f, growthRate: grew === null ? null : grew / seconds };
    })
    .sort((a, b) => (b.growthRate ?? -1) - (a.growthRate ?? -1) || b.sizeBytes - a.sizeBytes);
}

/** Bytes that reached (or will reach) the block layer: write_bytes less the cancelled ones. */
export function landedWriteBytes(io: IoCounters): number {
  return io.writeBytes - io.cancelledWriteBytes;
}

/** How long a writer that stopped writing stays listed. */
export const LINGER_MS = 3000;

function delta(now: number, before: number | undefined): number {
  return before === undefined ? 0 : Math.max(0, now - before);
}

/** Folds one sample into the writers state; `uptimeTicks` is the previous sample's uptime. */
export function updateWriters(
  prev: WritersState | null,
  processes: readonly ProcessSample[],
  t: number,
  uptimeTicks: number,
  cgroupWrites: readonly CgroupWrites[] = [],
): WritersState {
  const seen = new Map<string, Seen>();
  const lastWrote = new Map<string, number>();
  const fileSizes = new Map<string, FileSize>();
  for (const p of processes) {
    const key = processKey(p.pid, p.startTicks);
    if (p.io) seen.set(key, { ppid: p.ppid, writeBytes: landedWriteBytes(p.io), wchar: p.io.wchar, at: p.io.at ?? t });
    for (const f of p.openWrites ?? []) fileSizes.set(`${key}:${f.fd}:${f.path}`, { size: f.sizeBytes, allocated: f.allocatedBytes });
  }
  const cgroupBytes = new Map(cgroupWrites.map((c) => [c.cgroup, c.writeBytes]));
  if (!prev) return { seen, fileSizes, cgroupBytes, cgroupRates: new Map(), t, rows: [], lastWrote };
  const seconds = (t - prev.t) / 1000;
  const cgroupRates = new Map<string, number>();
  for (const [cgroup, bytes] of cgroupBytes) {
    const before = prev.cgroupBytes.get(cgroup);
    if (before !== undefined && seconds > 0) cgroupRates.set(cgroup, Math.max(0, bytes - before) / seconds);
  }
  // What reaped children already had when last seen, by parent pid.
  const reaped = new Map<number, { writeBytes: number; wchar: number }>();
  for (const [key, s] of prev.seen) {
    if (seen.has(key)) continue;
    const r = reaped.get(s.ppid) ?? { writeBytes: 0, wchar: 0 };
    reaped.set(s.ppid, { writeBytes: r.writeBytes + s.writeBytes, wchar: r.wchar + s.wchar });
  }
  const rows: WriterRow[] = [];
  const prevFiles = new Map(prev.rows.map((r) => [processKey(r.pid, r.startTicks), r.files]));
  for (const p of processes) {
    if (!p.io || seconds <= 0) continue;
    const key = processKey(p.pid, p.startTicks);
    const before = prev.seen.get(key);
    const isNew = before === undefined && p.startTicks >= uptimeTicks;
    const back = reaped.get(p.pid);
    const landed = landedWriteBytes(p.io);
    const dWrite = Math.max(0, (isNew ? landed : delta(landed, before?.writeBytes)) - (back?.writeBytes ?? 0));
    const dWchar = Math.max(0, (isNew ? p.io.wchar : delta(p.io.wchar, before?.wchar)) - (back?.wchar ?? 0));
    // Counters re-read after a few carried samples: the rate is over the time between the two reads.
    const span = before && p.io.at !== undefined ? (p.io.at - before.at) / 1000 : seconds;
    const perSecond = span > 0 ? span : seconds;
    const wroteAt = dWrite > 0 || dWchar > 0 ? t : prev.lastWrote.get(key);
    // A writer that paused for a moment stays listed (at 0) for LINGER_MS, so rows don't flicker and a selection isn't lost;
    // a stopped one (SIGSTOP, a debugger) stays while it is stopped, so CONT can be sent to it.
    const stopped = p.state === 'T' || p.state === 't';
    if (wroteAt === undefined || (t - wroteAt > LINGER_MS && !stopped)) continue;
    lastWrote.set(key, wroteAt);
    rows.push({
      pid: p.pid, startTicks: p.startTicks, comm: p.comm, cmdline: p.cmdline, user: p.user, cgroup: p.cgroup ?? '/', state: stateLetter(p.state),
      writeRate: dWrite / perSecond, wcharRate: dWchar / perSecond, writeBytesTotal: Math.max(0, landed), wcharTotal: p.io.wchar, files: p.openWrites || wroteAt === t ? withGrowth(p.openWrites ?? [], key, prev.fileSizes, seconds) : (prevFiles.get(key) ?? []),
    });
  }
  rows.sort((a, b) => b.writeRate - a.writeRate || b.wcharRate - a.wcharRate || a.pid - b.pid);
  return { seen, fileSizes, cgroupBytes, cgroupRates, t, rows, lastWrote };
}
