/** Reads one raw sample of the whole system: CPU, load, PSI, memory, processes. */
import { existsSync } from 'node:fs';
import type { Pressure, ProcessSample, Sample, WorkDir } from '../../src/stream/messages.js';
import type { SocketOwner } from '../../src/stream/net-messages.js';
import { findUnifiedRoot, readCgroupWrites } from './cgroup-writes.js';
import { readOpenWrites } from './read-open-writes.js';
import { DeletedScan } from './deleted-scan.js';
import { parseLoadavg, parseMeminfo, parsePressure, parseProcStat } from './parse-proc.js';
import { ProcessReader, readText } from './read-processes.js';
import { writeSuspects, type CallCounts } from './write-suspects.js';
import { forgetUnseen } from './forget-unseen.js';
import { MemoryReader, type MemoryWatch } from '../memory/memory-reader.js';

/** How many of the busiest writers get their open files listed each sample. */
export const WRITERS_SCANNED = 10;

/** A process's write counters at its last sample, and when its open files are next worth listing. */
interface WriteState {
  startTicks: number;
  /** write_bytes + wchar. */
  total: number;
  /** write_bytes. */
  block: number;
  /** Its last scan found no regular file open for writing: not scanned again before this sample (0: no such wait). */
  quietUntil: number;
  seenIn: number;
}

/** Takes raw samples; keep one per source so process caches persist. */
export class SystemSampler {
  private readonly processes: ProcessReader;
  private readonly hasPressure: boolean;
  private readonly memoryReader: MemoryReader | null;
  /** What each live process had written at its last sample (by pid, updated in place; one entry per process with io). */
  private readonly writes = new Map<number, WriteState>();
  private count = 0;
  private readonly calls = new Map<number, CallCounts>();
  private readonly unifiedRoot = findUnifiedRoot();
  private lastCgroups: string[] = [];
  /** A busiest writer of this sample has a deleted file open for writing (a quiet deleted-file cycle then ends). */
  private writingDeleted = false;
  /** The deleted-file scan, whose fd walk also names the sockets' owners (the Network pane's). */
  private readonly deleted: DeletedScan;

  constructor(private readonly procRoot = '/proc', pageSize = 4096, memory = true) {
    this.processes = new ProcessReader(procRoot, pageSize);
    this.hasPressure = existsSync(`${procRoot}/pressure/cpu`);
    this.memoryReader = memory ? new MemoryReader(procRoot) : null;
    this.deleted = new DeletedScan(procRoot);
  }

  /** What the console shows of memory now: the Memory pane's cgroups each sample, the detail's smaps_rollup. */
  watchMemory(watch: MemoryWatch): void {
    this.memoryReader?.setWatch(watch);
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
    this.writingDeleted = false;
    const processes = this.withOpenWrites(read);
    this.count++;
    const deletedOpen = this.deleted.scan(processes, this.writingDeleted);
    const meminfo = readText(`${this.procRoot}/meminfo`) ?? '';
    return {
      kind: 'sample',
      t: now,
      cpuTotal: stat.total,
      cpuCores: stat.cores,
      load: parseLoadavg(readText(`${this.procRoot}/loadavg`) ?? ''),
      pressure: this.hasPressure ? this.readPressure() : null,
      memory: parseMeminfo(meminfo),
      processes,
      ...(this.memoryReader ? { memoryDetail: this.memoryReader.read(meminfo, processes) } : {}),
      cgroupWrites: this.cgroupWrites(processes),
      ...(deletedOpen ? { deletedOpen } : {}),
    };
  }

  /** io.stat of every cgroup seen now or last time (so a group whose processes all died is read once more). */
  private cgroupWrites(processes: readonly ProcessSample[]) {
    const out = readCgroupWrites(this.unifiedRoot, processes, this.lastCgroups);
    this.lastCgroups = out.map((c) => c.cgroup);
    return out;
  }

  /** The process holding socket `inode`, as the fd walk found it (this cycle's slices first, then the last whole cycle). */
  socketOwner(inode: number): SocketOwner | null {
    return this.deleted.socketOwner(inode);
  }

  /**
   * Lists open files for the processes that wrote most since the last sample
   * (by write_bytes or wchar). Listing every process's descriptors every second
   * would cost far more than the rest of the sample. A few quiet suspects
   * (writes failing, largest lifetime writers: write-suspects.ts) are read too;
   * each read process's cwd and open directories come with its files.
   */
  private withOpenWrites(processes: ProcessSample[]): ProcessSample[] {
    const active: Array<[number, number]> = [];
    const count = this.count;
    processes.forEach((p, i) => {
      const io = p.io;
      if (!io) return;
      const total = io.writeBytes + io.wchar;
      const last = this.writes.get(p.pid);
      if (!last || last.startTicks !== p.startTicks) {
        this.writes.set(p.pid, { startTicks: p.startTicks, total, block: io.writeBytes, quietUntil: 0, seenIn: count });
        return;
      }
      // A process seen writing only to ttys, pipes or sockets is rescanned every
      // 10 samples, or at once when it starts writing to a block device.
      const blockWrites = io.writeBytes > last.block;
      if (total > last.total && (count >= last.quietUntil || blockWrites)) active.push([i, total - last.total]);
      last.total = total;
      last.block = io.writeBytes;
      last.seenIn = count;
    });
    forgetUnseen(this.writes, count);
    active.sort((a, b) => b[1] - a[1]);
    const suspects = writeSuspects(processes, this.calls, count);
    const busiest = active.slice(0, WRITERS_SCANNED).map(([i]) => i);
    // the array is this sample's own (ProcessReader.read): a scanned process's entry is replaced in place
    for (const i of new Set([...busiest, ...suspects])) {
      const p = processes[i]!;
      const dirs: WorkDir[] = [];
      const files = readOpenWrites(p.pid, this.procRoot, 64, dirs);
      const last = this.writes.get(p.pid);
      if (last) last.quietUntil = files.length === 0 ? count + 10 : 0;
      if (files.some((f) => f.deleted)) this.writingDeleted = true;
      processes[i] = { ...p, openWrites: files, ...(dirs.length ? { dirs } : {}) };
    }
    return processes;
  }

  private readPressure(): Pressure {
    const read = (r: string) => {
      const text = readText(`${this.procRoot}/pressure/${r}`);
      return text ? parsePressure(text) : null;
    };
    return { cpu: read('cpu'), io: read('io'), memory: read('memory') };
  }
}
