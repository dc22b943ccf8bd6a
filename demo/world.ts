/**
 * The simulated machine behind the demos: processes, filesystems, units and
 * a journal, advanced in steps. It produces raw counters exactly as the live
 * collectors do, so the model and the UI cannot tell a demo from a server.
 */
import type { CpuTimes, FilesystemSample, LogEntry, ProcessSample, Sample, ServicesSample, StreamHeader, UnitSample } from '../src/stream/messages.js';
import { STREAM_VERSION } from '../src/stream/messages.js';

/** A simulated process; rates are per second, counters cumulative. */
export interface SimProcess {
  pid: number;
  ppid: number;
  startTicks: number;
  comm: string;
  cmdline: string;
  user: string;
  cgroup: string;
  /** Fraction of one core it burns. */
  cpu: number;
  rssBytes: number;
  /** Bytes per second written to `writes` (on `device`). */
  writeRate: number;
  writes: { path: string; device: string } | null;
  cpuTicks: number;
  writeBytes: number;
  /** SIGSTOP received: no CPU, no writes, state T, until SIGCONT. */
  stopped?: boolean;
}

/** A simulated filesystem, in bytes. */
export interface SimFs {
  device: string;
  source: string;
  type: string;
  mountPoint: string;
  size: number;
  used: number;
  /** Blocks only root may use (ext4's reserve). */
  reserved: number;
  inodes: number;
  inodesUsed: number;
}

/** Everything a demo simulates. */
export interface World {
  t: number;
  readonly cores: number;
  readonly clockTicks: number;
  readonly bootTime: number;
  nextPid: number;
  processes: SimProcess[];
  filesystems: SimFs[];
  units: Map<string, UnitSample>;
  journal: LogEntry[];
  volatileJournal: boolean;
  cpu: CpuTimes[];
  /**
   * Files that processes write, by path: their size in bytes. They belong to
   * the filesystem, not to the process: they outlive a stop, and a restarted
   * writer appends to them. A filesystem's `used` includes them.
   */
  files: Map<string, number>;
}

const BSIZE = 4096;
const zeroCpu = (): CpuTimes => ({ user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0 });

/** A world at time 0 with `cores` cores, booted three days before `startedAt`. */
export function newWorld(cores: number, startedAt: number): World {
  return {
    t: 0, cores, clockTicks: 100, bootTime: startedAt - 3 * 86_400_000, nextPid: 2000,
    processes: [], filesystems: [], units: new Map(), journal: [], volatileJournal: false, files: new Map(),
    cpu: Array.from({ length: cores }, zeroCpu),
  };
}

/** Adds a process started now. */
export function spawnProcess(w: World, p: Omit<SimProcess, 'pid' | 'startTicks' | 'cpuTicks' | 'writeBytes'> & { pid?: number }): SimProcess {
  const uptime = 3 * 86_400 + w.t;
  const proc: SimProcess = { ...p, pid: p.pid ?? w.nextPid++, startTicks: Math.floor(uptime * w.clockTicks), cpuTicks: 0, writeBytes: 0 };
  if (proc.writes && !w.files.has(proc.writes.path)) w.files.set(proc.writes.path, 0);
  w.processes.push(proc);
  return proc;
}

/** Advances counters by `dt` seconds: CPU per core, writes into filesystems (stopping when full). */
export function advance(w: World, dt: number): void {
  w.t += dt;
  let busy = 0;
  for (const p of w.processes) {
    if (p.stopped) continue;
    p.cpuTicks += p.cpu * dt * w.clockTicks;
    busy += p.cpu;
    if (p.writeRate > 0 && p.writes) {
      const fs = w.filesystems.find((f) => f.device === p.writes!.device);
      const room = fs ? fs.size - fs.reserved - fs.used : Infinity;
      const bytes = Math.max(0, Math.min(p.writeRate * dt, room));
      if (fs) fs.used += bytes;
      p.writeBytes += bytes;
      w.files.set(p.writes.path, (w.files.get(p.writes.path) ?? 0) + bytes);
    }
  }
  const perCore = Math.min(1, busy / w.cores);
  w.cpu = w.cpu.map((c) => {
    const ticks = dt * w.clockTicks;
    return { ...c, user: c.user + ticks * perCore * 0.8, system: c.system + ticks * perCore * 0.2, idle: c.idle + ticks * (1 - perCore) };
  });
}

function sum(times: CpuTimes[]): CpuTimes {
  const out = zeroCpu() as Record<keyof CpuTimes, number>;
  for (const c of times) for (const k of Object.keys(out) as Array<keyof CpuTimes>) out[k] += c[k];
  return out;
}

/** The stream header of the world. */
export function worldHeader(w: World, host: string, intervalMs: number, startedAt: number): StreamHeader {
  return {
    kind: 'header', format: 'sitrep-stream', version: STREAM_VERSION, host, kernel: '6.1.0-demo-amd64', os: 'Debian GNU/Linux 12 (demo)',
    cores: w.cores, clockTicks: w.clockTicks, pageSize: 4096, intervalMs, startedAt, bootTime: w.bootTime,
  };
}

function processSample(w: World, p: SimProcess): ProcessSample {
  const size = p.writes ? Math.floor(w.files.get(p.writes.path) ?? 0) : 0;
  const open = p.writes && p.writeRate > 0 ? [{ fd: 7, path: p.writes.path, deleted: false, sizeBytes: size, allocatedBytes: size, device: p.writes.device }] : [];
  return {
    pid: p.pid, ppid: p.ppid, startTicks: p.startTicks, comm: p.comm, cmdline: p.cmdline, user: p.user, state: p.stopped ? 'T' : p.cpu > 0.5 ? 'R' : 'S',
    cpuTicks: Math.floor(p.cpuTicks), rssBytes: p.rssBytes, threads: 1, kernelThread: false,
    io: { rchar: 0, wchar: Math.floor(p.writeBytes), readBytes: 0, writeBytes: Math.floor(p.writeBytes), cancelledWriteBytes: 0 },
    cgroup: p.cgroup, openWrites: open,
  };
}

function fsSample(f: SimFs): FilesystemSample {
  const blocks = Math.floor(f.size / BSIZE);
  const bfree = Math.floor((f.size - f.used) / BSIZE);
  return {
    device: f.device, source: f.source, type: f.type, mountPoint: f.mountPoint, otherMounts: [], responding: true,
    stat: { bsize: BSIZE, blocks, bfree, bavail: Math.max(0, bfree - Math.floor(f.reserved / BSIZE)), files: f.inodes, ffree: f.inodes - f.inodesUsed },
  };
}

/** One raw sample of the world at wall time `now`. */
export function worldSample(w: World, now: number, withServices: boolean): Sample {
  const busy = w.processes.reduce((s, p) => s + (p.stopped ? 0 : p.cpu), 0);
  const total = 24 * 2 ** 30;
  const used = w.processes.reduce((s, p) => s + p.rssBytes, 0) + 2 * 2 ** 30;
  const services: ServicesSample = { manager: 'systemd', unavailable: null, units: [...w.units.values()] };
  return {
    kind: 'sample', t: now, cpuTotal: sum(w.cpu), cpuCores: w.cpu,
    load: [busy, busy * 0.8, busy * 0.5],
    pressure: { cpu: { someAvg10: Math.max(0, (busy / w.cores - 0.7) * 100), fullAvg10: 0 }, io: { someAvg10: 0, fullAvg10: 0 }, memory: { someAvg10: 0, fullAvg10: 0 } },
    memory: { total, available: total - used, free: total - used - 2 ** 30, buffers: 2 ** 27, cached: 2 ** 30, swapTotal: 0, swapFree: 0 },
    processes: w.processes.map((p) => processSample(w, p)),
    filesystems: w.filesystems.map(fsSample),
    ...(withServices ? { services } : {}),
  };
}

/** A unit record as `systemctl show` would give it. */
export function unit(id: string, description: string, over: Partial<UnitSample> = {}): UnitSample {
  return { id, description, loadState: 'loaded', activeState: 'active', subState: 'running', result: 'success', nRestarts: 0, restart: 'no', mainPid: 0, ...over };
}
