/** Reads one raw sample of the whole system: CPU, load, PSI, memory, processes. */
import { existsSync } from 'node:fs';
import type { Pressure, ProcessSample, Sample } from '../src/stream/messages.js';
import { findUnifiedRoot, readCgroupWrites } from './cgroup-writes.js';
import { readDeletedOpen, readOpenWrites } from './read-open-writes.js';
import { parseLoadavg, parseMeminfo, parsePressure, parseProcStat } from './parse-proc.js';
import { ProcessReader, readText } from './read-processes.js';

/** How many of the busiest writers get their open files listed each sample. */
export const WRITERS_SCANNED = 10;
/** Every this many samples, every process's descriptors are scanned for deleted files. */
export const DELETED_SCAN_EVERY = 5;
/** The scan runs on the second sample first, not the first: the first frame does not wait for a full fd scan. */
const DELETED_SCAN_PHASE = 1;

/** Takes raw samples; keep one per source so process caches persist. */
export class SystemSampler {
  private readonly processes: ProcessReader;
  private readonly hasPressure: boolean;
  private lastWritten = new Map<string, number>();
  /** Processes whose last scan found no regular file open for writing, and when to look again. */
  private noFilesUntil = new Map<string, number>();
  private count = 0;
  private lastBlock = new Map<string, number>();
  private readonly unifiedRoot = findUnifiedRoot();
  private lastCgroups: string[] = [];

  constructor(private readonly procRoot = '/proc', pageSize = 4096) {
    this.processes = new ProcessReader(procRoot, pageSize);
    this.hasPressure = existsSync(`${procRoot}/pressure/cpu`);
  }

  /** One sample stamped with `now` (ms since the epoch). */
  sample(now: number): Sample {
    return this.assemble(now, this.processes.read());
  }

  /** The same, reading the processes in slices so the console stays responsive with thousands of them. */
  async sampleAsync(now: number): Promise<Sample> {
    return this.assemble(now, await this.processes.readAsync());
  }

  private assemble(now: number, read: ProcessSample[]): Sample {
    const stat = parseProcStat(readText(`${this.procRoot}/stat`) ?? '');
    const processes = this.withOpenWrites(read);
    const scan = this.count++ % DELETED_SCAN_EVERY === DELETED_SCAN_PHASE;
    return {
      kind: 'sample',
      t: now,
      cpuTotal: stat.total,
      cpuCores: stat.cores,
      load: parseLoadavg(readText(`${this.procRoot}/loadavg`) ?? ''),
      pressure: this.hasPressure ? this.readPressure() : null,
      memory: parseMeminfo(readText(`${this.procRoot}/meminfo`) ?? ''),
      processes,
      cgroupWrites: this.cgroupWrites(processes),
      ...(scan ? { deletedOpen: this.scanDeleted(processes) } : {}),
    };
  }

  /** io.stat of every cgroup seen now or last time (so a group whose processes all died is read once more). */
  private cgroupWrites(processes: readonly ProcessSample[]) {
    const out = readCgroupWrites(this.unifiedRoot, processes, this.lastCgroups);
    this.lastCgroups = out.map((c) => c.cgroup);
    return out;
  }

  /** Space held by deleted files that are still open: what du can never find. */
  private scanDeleted(processes: readonly ProcessSample[]) {
    return processes
      .filter((p) => !p.kernelThread)
      .map((p) => ({ pid: p.pid, startTicks: p.startTicks, files: readDeletedOpen(p.pid, this.procRoot) }))
      .filter((d) => d.files.length > 0);
  }

  /**
   * Lists open files for the processes that wrote most since the last sample
   * (by write_bytes or wchar). Listing every process's descriptors every second
   * would cost far more than the rest of the sample.
   */
  private withOpenWrites(processes: ProcessSample[]): ProcessSample[] {
    const written = new Map<string, number>();
    const active: Array<[number, number]> = [];
    const lastBlock = this.lastBlock;
    this.lastBlock = new Map();
    processes.forEach((p, i) => {
      if (!p.io) return;
      const key = `${p.pid}:${p.startTicks}`;
      const total = p.io.writeBytes + p.io.wchar;
      written.set(key, total);
      this.lastBlock.set(key, p.io.writeBytes);
      const before = this.lastWritten.get(key);
      // A process seen writing only to ttys, pipes or sockets is rescanned every
      // 10 samples, or at once when it starts writing to a block device.
      const quietUntil = this.noFilesUntil.get(key) ?? 0;
      const blockWrites = p.io.writeBytes > (lastBlock.get(key) ?? p.io.writeBytes);
      if (before !== undefined && total > before && (this.count >= quietUntil || blockWrites)) active.push([i, total - before]);
    });
    this.lastWritten = written;
    active.sort((a, b) => b[1] - a[1]);
    const out = [...processes];
    for (const [i] of active.slice(0, WRITERS_SCANNED)) {
      const p = out[i]!;
      const files = readOpenWrites(p.pid, this.procRoot);
      const key = `${p.pid}:${p.startTicks}`;
      if (files.length === 0) this.noFilesUntil.set(key, this.count + 10);
      else this.noFilesUntil.delete(key);
      out[i] = { ...p, openWrites: files };
    }
    for (const key of this.noFilesUntil.keys()) if (!written.has(key)) this.noFilesUntil.delete(key);
    return out;
  }

  private readPressure(): Pressure {
    const read = (r: string) => {
      const text = readText(`${this.procRoot}/pressure/${r}`);
      return text ? parsePressure(text) : null;
    };
    return { cpu: read('cpu'), io: read('io'), memory: read('memory') };
  }
}
