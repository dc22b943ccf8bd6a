/**
 * The deleted-file scan: space held by deleted files that are still open
 * (what du can never find), from every process's descriptors spread over a
 * cycle of samples, a slice (pid mod the cycle's length) each sample. The
 * same fd walk names the owners of sockets (the Network pane's).
 */
import type { DeletedOpen, OpenWrite, ProcessSample } from '../../src/stream/messages.js';
import type { SocketOwner } from '../../src/stream/net-messages.js';
import { readDeletedOpen } from './read-open-writes.js';

/** Samples in a cycle while the last whole cycle found a deleted file open (or a writer was seen writing into one). */
export const DELETED_SCAN_EVERY = 5;
/**
 * Samples in a cycle while the last whole cycle found nothing: a quiet server
 * walks its descriptors half as often (the walk was 5% of sitrep's idle
 * CPU). A writer seen writing into a deleted file ends a quiet cycle at once.
 */
export const DELETED_SCAN_QUIET = 10;
/**
 * Processes per slice that lengthen the cycle past DELETED_SCAN_EVERY (3,000
 * processes: a 20-sample cycle). Each costs a readdir and a readlink per
 * descriptor: at 300 per slice they were a fifth of a sample at 3,000.
 */
export const DELETED_SCAN_SLICE = 150;
/** Socket inodes remembered per cycle (one per socket descriptor; a bound far above a flood's tables). */
const OWNERS_MAX = 200_000;

/** Reads one process's deleted-but-open files (readDeletedOpen; a test's stand-in). */
export type ReadDeleted = (pid: number, procRoot: string, limit: number, onSocket: (inode: number) => void) => OpenWrite[];

interface Cycle {
  readonly every: number;
  /** Lengthened because the last whole cycle found nothing. */
  readonly quiet: boolean;
  slice: number;
  readonly found: DeletedOpen[];
  readonly owners: Map<number, SocketOwner>;
}

/** The scan's cycles; one per sampler. */
export class DeletedScan {
  // The first cycle is two samples: nothing on the first (the first frame does not wait for an fd scan),
  // then every process at once on the second (a snapshot of a second or two sees what is held).
  private cycle: Cycle = { every: 1, quiet: false, slice: -1, found: [], owners: new Map() };
  /** Socket inode → its process, from the last whole cycle. */
  private owners = new Map<number, SocketOwner>();

  constructor(private readonly procRoot = '/proc', private readonly read: ReadDeleted = readDeletedOpen) {}

  /**
   * Scans this sample's slice; on the cycle's last slice, returns the cycle's
   * findings for the processes still alive (else undefined). `writingDeleted`:
   * a process of this sample was seen writing into a deleted file; a quiet
   * cycle then gives way to a short one at once.
   */
  scan(processes: readonly ProcessSample[], writingDeleted = false): DeletedOpen[] | undefined {
    if (writingDeleted && this.cycle.quiet) this.cycle = this.next(processes.length, true, this.cycle.owners);
    const cycle = this.cycle;
    for (const p of processes) {
      if (p.kernelThread || p.pid % cycle.every !== cycle.slice) continue;
      const owner = { pid: p.pid, startTicks: p.startTicks };
      const files = this.read(p.pid, this.procRoot, 64, (inode) => cycle.owners.size < OWNERS_MAX && cycle.owners.set(inode, owner));
      if (files.length > 0) cycle.found.push({ pid: p.pid, startTicks: p.startTicks, files });
    }
    if (++cycle.slice < cycle.every) return undefined;
    const alive = new Set(processes.map((p) => `${p.pid}:${p.startTicks}`));
    const found = cycle.found.filter((d) => alive.has(`${d.pid}:${d.startTicks}`));
    this.owners = cycle.owners;
    this.cycle = this.next(processes.length, found.length > 0 || writingDeleted, new Map());
    return found;
  }

  /** A new cycle: short while something is found, else quiet; longer with many processes. */
  private next(processes: number, busy: boolean, owners: Map<number, SocketOwner>): Cycle {
    const every = Math.max(busy ? DELETED_SCAN_EVERY : DELETED_SCAN_QUIET, Math.ceil(processes / DELETED_SCAN_SLICE));
    return { every, quiet: !busy, slice: 0, found: [], owners };
  }

  /** The process holding socket `inode`, as the fd walk found it (this cycle's slices first, then the last whole cycle). */
  socketOwner(inode: number): SocketOwner | null {
    return this.cycle.owners.get(inode) ?? this.owners.get(inode) ?? null;
  }
}
