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
import { forgetUnseen } from './forget-unseen.js';
import type { IoCounters } from '../../src/stream/messages.js';

/** A quiet process's io is read once in this many samples. */
export const ROTATION = 5;
/** Samples after its last write that a process still has its io read every sample (stat-rotation.ts has its own, STAT_ACTIVE_SAMPLES, for CPU ticks). */
export const IO_ACTIVE_SAMPLES = 60;
/** Samples a newly seen process is read every sample. */
export const NEW_SAMPLES = 5;

interface Seen {
  io: IoCounters;
  movedAt: number;
  /** The sample that last saw it: what a sample did not see is dropped at its end. */
  seenIn: number;
}

/** The io read policy; one per reader, so it remembers what it saw. One map, updated in place (rebuilding 3,000 entries each sample was garbage). */
export class IoRotation {
  private readonly seen = new Map<string, Seen>();
  private count = 0;
  private now = 0;

  /** Starts a sample read at `now` (ms), the time each counter read in it is stamped with. */
  begin(now = Date.now()): void {
    this.count++;
    this.now = now;
  }

  /** The counters for process `key` (pid `pid`): read now with `read` (given the time to stamp them with), or carried from the last read. */
  io(key: string, pid: number, read: (at: number) => IoCounters | null): IoCounters | null {
    const prev = this.seen.get(key);
    const due = !prev || this.count - prev.movedAt < IO_ACTIVE_SAMPLES || pid % ROTATION === this.count % ROTATION;
    if (!due) {
      prev.seenIn = this.count;
      return prev.io;
    }
    const io = read(this.now);
    if (!io) {
      this.seen.delete(key);
      return null;
    }
    // A process first seen counts as active for NEW_SAMPLES only (new processes often write at once).
    const movedAt = !prev ? this.count - IO_ACTIVE_SAMPLES + NEW_SAMPLES : io.wchar !== prev.io.wchar || io.writeBytes !== prev.io.writeBytes || io.syscw !== prev.io.syscw ? this.count : prev.movedAt;
    if (prev) {
      prev.io = io;
      prev.movedAt = movedAt;
      prev.seenIn = this.count;
    } else this.seen.set(key, { io, movedAt, seenIn: this.count });
    return io;
  }

  /** Ends a sample: what was not seen in it is forgotten (the map never outlives its processes). */
  end(): void {
    forgetUnseen(this.seen, this.count);
  }
}
