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
import type { CgroupWrites, IoCounters, OpenWrite, ProcessSample, WorkDir } from '../stream/messages.js';
import { processKey, stateLetter } from './processes.js';
import { chargeSharedFiles, type Holder } from './shared-files.js';
export type { WrittenFile } from './shared-files.js';
import type { WrittenFile } from './shared-files.js';

/** Counters remembered from the previous sample. */
interface Seen {
  readonly ppid: number;
  readonly writeBytes: number;
  readonly wchar: number;
  readonly syscw: number | undefined;
  /** When the counters were read (ms): the sample's time unless the reader carried them (IoCounters.at). */
  readonly at: number;
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
  /** write() calls per second, failed ones included. */
  readonly syscwRate: number;
  /** Its write() calls rose while nothing was written: every write fails (a full disk). */
  readonly blocked: boolean;
  /**
   * Listed although it wrote nothing lately: it holds files open for writing
   * and its writes fail or it wrote SUSPECT_MIN_BYTES in its life. The
   * selectors show it only as a suspect of a full filesystem it has files on.
   */
  readonly quiet: boolean;
  /** Its cwd and open directories, when read (what links a creator of small files to its filesystem). */
  readonly dirs: readonly WorkDir[];
  /** When `files` were read (ms): a quiet suspect's are carried between its scans for up to QUIET_CARRY_MS. */
  readonly filesAt: number;
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
  readonly pos: number | undefined;
}

const byGrowth = (a: WrittenFile, b: WrittenFile): number => (b.growthRate ?? -1) - (a.growthRate ?? -1) || b.sizeBytes - a.sizeBytes;

function withGrowth(files: readonly OpenWrite[], key: string, before: ReadonlyMap<string, FileSize>, seconds: number): WrittenFile[] {
  return files
    .map((f) => {
      const was = before.get(`${key}:${f.fd}:${f.path}`);
      const grew = was === undefined ? null : Math.max(f.sizeBytes - was.size, f.allocatedBytes - was.allocated);
      return { ...f, growthRate: grew === null ? null : grew / seconds };
    })
    .sort(byGrowth);
}

/** Whether each descriptor's position moved since the previous sample (by fd), where both are known. */
function movedDescriptors(files: readonly OpenWrite[], key: string, before: ReadonlyMap<string, FileSize>): Map<number, boolean> {
  const moved = new Map<number, boolean>();
  for (const f of files) {
    const was = before.get(`${key}:${f.fd}:${f.path}`)?.pos;
    if (was !== undefined && f.pos !== undefined) moved.set(f.fd, f.pos !== was);
  }
  return moved;
}

/** At most QUIET_MAX quiet suspects: those whose writes fail, then the largest lifetime writers. */
const boundQuiet = (rows: WriterRow[]): WriterRow[] =>
  rows.sort((a, b) => Number(b.blocked) - Number(a.blocked) || b.writeBytesTotal - a.writeBytesTotal || a.pid - b.pid).slice(0, QUIET_MAX);

/** A quiet process that may have filled a disk: files open for writing, and failing writes or a large lifetime. */
function isSuspect(p: ProcessSample, files: readonly OpenWrite[], blocked: boolean): boolean {
  return !!p.io && !p.kernelThread && files.length > 0 && (blocked || landedWriteBytes(p.io) >= SUSPECT_MIN_BYTES);
}

/** The row of a quiet suspect: no rates, its lifetime and its files. */
function quietRow(p: ProcessSample, files: readonly WrittenFile[], blocked: boolean, t: number): WriterRow {
  return {
    pid: p.pid, startTicks: p.startTicks, comm: p.comm, cmdline: p.cmdline, user: p.user, cgroup: p.cgroup ?? '/', state: stateLetter(p.state),
    writeRate: 0, wcharRate: 0, writeBytesTotal: Math.max(0, landedWriteBytes(p.io!)), wcharTotal: p.io!.wchar, files,
    syscwRate: 0, blocked, quiet: true, dirs: p.dirs ?? [], filesAt: t,
  };
}

/** Bytes that reached (or will reach) the block layer: write_bytes less the cancelled ones. */
export function landedWriteBytes(io: IoCounters): number {
  return io.writeBytes - io.cancelledWriteBytes;
}

/** Lifetime block writes that make a quiet process with files open a suspect (collectors/proc/write-suspects.ts uses the same). */
export const SUSPECT_MIN_BYTES = 1024 * 1024;

/** Quiet suspects kept at most (the largest lifetime writers first). */
export const QUIET_MAX = 20;
/** How long a quiet suspect's files are carried between scans of its descriptors. */
export const QUIET_CARRY_MS = 30_000;

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
    if (p.io) seen.set(key, { ppid: p.ppid, writeBytes: landedWriteBytes(p.io), wchar: p.io.wchar, syscw: p.io.syscw, at: p.io.at ?? t });
    for (const f of p.openWrites ?? []) fileSizes.set(`${key}:${f.fd}:${f.path}`, { size: f.sizeBytes, allocated: f.allocatedBytes, pos: f.pos });
  }
  const cgroupBytes = new Map(cgroupWrites.map((c) => [c.cgroup, c.writeBytes]));
  // The first sample has no rates, but a full disk's suspects are known at once (lifetime writes, files open).
  if (!prev) return { seen, fileSizes, cgroupBytes, cgroupRates: new Map(), t, rows: boundQuiet(processes.flatMap((p) => (isSuspect(p, p.openWrites ?? [], false) ? [quietRow(p, withGrowth(p.openWrites ?? [], '', new Map(), 1), false, t)] : []))), lastWrote };
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
  const holders: Holder[] = [];
  const prevRows = new Map(prev.rows.map((r) => [processKey(r.pid, r.startTicks), r]));
  const quiet: WriterRow[] = [];
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
    const calls = p.io.syscw !== undefined && before?.syscw !== undefined ? Math.max(0, p.io.syscw - before.syscw) : 0;
    const blocked = calls > 0 && dWchar === 0 && dWrite === 0;
    const was = prevRows.get(key);
    const fresh = p.openWrites !== undefined || wroteAt === t;
    const listed = wroteAt !== undefined && (t - wroteAt <= LINGER_MS || stopped);
    // A listed row keeps its last files while it is listed; a quiet suspect's for QUIET_CARRY_MS.
    const files = fresh ? withGrowth(p.openWrites ?? [], key, prev.fileSizes, seconds) : was && (listed || t - was.filesAt <= QUIET_CARRY_MS) ? was.files : [];
    const filesAt = fresh ? t : (was?.filesAt ?? t);
    const dirs = p.dirs ?? was?.dirs ?? [];
    if (!listed) {
      if (isSuspect(p, files, blocked)) quiet.push({ ...quietRow(p, files, blocked, t), syscwRate: calls / perSecond, filesAt, dirs });
      continue;
    }
    lastWrote.set(key, wroteAt);
    if (p.openWrites) holders.push({ key, pid: p.pid, wrote: dWchar, files, moved: movedDescriptors(p.openWrites, key, prev.fileSizes) });
    rows.push({
      pid: p.pid, startTicks: p.startTicks, comm: p.comm, cmdline: p.cmdline, user: p.user, cgroup: p.cgroup ?? '/', state: stateLetter(p.state),
      writeRate: dWrite / perSecond, wcharRate: dWchar / perSecond, writeBytesTotal: Math.max(0, landed), wcharTotal: p.io.wchar, files,
      syscwRate: calls / perSecond, blocked, quiet: false, dirs, filesAt,
    });
  }
  rows.push(...boundQuiet(quiet));
  // A file several processes hold is charged to the one that grew it (a forked child holds its parent's log).
  const charged = chargeSharedFiles(holders, seconds);
  for (let i = 0; i < rows.length; i++) {
    const files = charged.get(processKey(rows[i]!.pid, rows[i]!.startTicks));
    if (files) rows[i] = { ...rows[i]!, files: [...files].sort(byGrowth) };
  }
  rows.sort((a, b) => b.writeRate - a.writeRate || b.wcharRate - a.wcharRate || a.pid - b.pid);
  return { seen, fileSizes, cgroupBytes, cgroupRates, t, rows, lastWrote };
}
