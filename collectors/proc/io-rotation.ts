/**
 * Which processes get /proc/<pid>/io read this sample. With thousands of
 * processes that read is a large part of a sample's cost, and most of them
 * never write. Every counter in that file (rchar, wchar, syscr, syscw,
 * read_bytes, write_bytes, cancelled_write_bytes) is charged by the kernel
 * to the task that runs the system call or dirties the page, while it runs
 * (and an io_uring worker is a thread of the same process), so a process
 * that did not run cannot have moved them. Its run time shows in its stat
 * ticks: utime + stime is its exact run time (sum_exec_runtime) split in two
 * and each part cut to whole ticks, so 20 ms of CPU always moves their sum.
 *
 * A process's io is read this sample when any of these holds:
 * - its CPU ticks differ from those it had when its io was last read (it ran
 *   20 ms or more since: it may have written);
 * - it is running or in uninterruptible sleep (R, D: a writer throttled in
 *   balance_dirty_pages sleeps in D);
 * - it wrote (wchar, write_bytes or syscw moved: a failed write counts) in the
 *   last IO_ACTIVE_SAMPLES samples, or was first seen in the last NEW_SAMPLES;
 * - it is its turn: every process is read once in ROTATION samples, by pid.
 * The rotation is what bounds the staleness: a writer too small to move a
 * tick (a few short writes, under 20 ms of CPU) shows in Writers at most
 * ROTATION samples late. Its bytes are never lost: the counters are
 * cumulative, and a carried reading keeps the time it was read (`at`), so the
 * model turns what a re-read finds into a rate over the real time between
 * the two reads.
 */
import { Rotation } from './rotation.js';
import type { IoCounters } from '../../src/stream/messages.js';

/** A process that did not run is read once in this many samples: the bound on how late a sub-tick writer shows. */
export const ROTATION = 10;
/** Samples after its last write that a process still has its io read every sample (stat-rotation.ts has its own, STAT_ACTIVE_SAMPLES, for CPU ticks). */
export const IO_ACTIVE_SAMPLES = 60;
/** Samples a newly seen process is read every sample. */
export const NEW_SAMPLES = 5;

/** The io read policy (rotation.ts): a write, even a failed one (syscw moved), is a move; CPU ticks since the last read make it due. */
export class IoRotation {
  private readonly rotation = new Rotation<string, IoCounters>({
    activeSamples: IO_ACTIVE_SAMPLES,
    newSamples: NEW_SAMPLES,
    moved: (was, io) => io.wchar !== was.wchar || io.writeBytes !== was.writeBytes || io.syscw !== was.syscw,
  });

  /** Starts a sample read at `now` (ms), the time each counter read in it is stamped with. */
  begin(now = Date.now()): void {
    this.rotation.begin(now, ROTATION);
  }

  /**
   * The counters for process `key` (pid `pid`, `ticks` of CPU so far, in
   * `state`): read now with `read` (given the time to stamp them with), or
   * carried from the last read.
   */
  io(key: string, pid: number, ticks: number, state: string, read: (at: number) => IoCounters | null): IoCounters | null {
    const carried = this.carried(key, pid, ticks, state);
    return carried ?? this.record(key, read(this.time), ticks);
  }

  /** The same in two steps, with no closure per process: the carried counters, or null when they are due (read them, then `record`). */
  carried(key: string, pid: number, ticks: number, state: string): IoCounters | null {
    if (state === 'R' || state === 'D') return null;
    return this.rotation.carried(key, pid, ticks)?.value ?? null;
  }

  /** The time a read in this sample is stamped with (ms). */
  get time(): number {
    return this.rotation.time;
  }

  /** Records counters read now for `key` at `ticks` (null: the process is gone); returns them. */
  record(key: string, io: IoCounters | null, ticks: number): IoCounters | null {
    this.rotation.record(key, io, ticks);
    return io;
  }

  /** Ends a sample: what was not seen in it is forgotten. */
  end(): void {
    this.rotation.end();
  }
}
