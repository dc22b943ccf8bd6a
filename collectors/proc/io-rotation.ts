/**
 * Which processes get /proc/<pid>/io read this sample. With thousands of
 * processes that read is a third of a sample's cost, and most of them never
 * write. A process is read every sample while it has written in the last
 * IO_ACTIVE_SAMPLES samples (a write that failed counts: syscw moved; and for
 * NEW_SAMPLES once first seen); any other is
 * read once every ROTATION samples, in turn by pid. Between reads its last
 * counters are carried with the time of the sample that read them (`at`), so the model turns
 * what a re-read finds into a rate over the real time between the two reads.
 */
import { Rotation } from './rotation.js';
import type { IoCounters } from '../../src/stream/messages.js';

/** A quiet process's io is read once in this many samples. */
export const ROTATION = 5;
/** Samples after its last write that a process still has its io read every sample (stat-rotation.ts has its own, STAT_ACTIVE_SAMPLES, for CPU ticks). */
export const IO_ACTIVE_SAMPLES = 60;
/** Samples a newly seen process is read every sample. */
export const NEW_SAMPLES = 5;

/** The io read policy (rotation.ts): a write, even a failed one (syscw moved), is a move. */
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

  /** The counters for process `key` (pid `pid`): read now with `read` (given the time to stamp them with), or carried from the last read. */
  io(key: string, pid: number, read: (at: number) => IoCounters | null): IoCounters | null {
    const carried = this.rotation.carried(key, pid);
    if (carried) return carried.value;
    const io = read(this.rotation.time);
    this.rotation.record(key, io);
    return io;
  }

  /** Ends a sample: what was not seen in it is forgotten. */
  end(): void {
    this.rotation.end();
  }
}
