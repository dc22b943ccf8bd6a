/**
 * The one shape of a read rotation (io-rotation.ts for /proc/<pid>/io,
 * stat-rotation.ts for /proc/<pid>/stat): a process that moved in the last
 * `activeSamples` samples (or is new, for `newSamples`, or busy) is read every
 * sample; any other is read once every `period` samples, in turn by pid, and
 * its last reading is carried in between with the time it was read. A caller
 * may also hand a `mark` with each look (io-rotation.ts: the process's CPU
 * ticks): a mark that differs from the one of the last reading makes it due
 * at once. One map, updated in place; what a sample did not see is forgotten
 * at its end.
 */
import { forgetUnseen } from './forget-unseen.js';

/** One process's last reading, and when it last moved. */
export interface Reading<V> {
  value: V;
  /** When it was read (ms). */
  at: number;
  /** The sample count at which it last moved (or was first seen). */
  movedAt: number;
  /** The sample that last saw it: what a sample did not see is dropped at its end. */
  seenIn: number;
  /** The caller's mark when it was read (0 when none was given). */
  mark: number;
}

/** How a rotation tells moving processes from quiet ones. */
export interface RotationPolicy<V> {
  /** Samples after its last move that a process is still read every sample. */
  readonly activeSamples: number;
  /** Samples a newly seen process is read every sample. */
  readonly newSamples: number;
  /** Whether the process moved between two readings. */
  readonly moved: (was: V, now: V) => boolean;
  /** A reading that must be read again next sample whatever its history (running, in uninterruptible sleep). */
  readonly busy?: (value: V) => boolean;
}

/** The read policy; one per reader, so it remembers what it saw. */
export class Rotation<K, V> {
  private readonly seen = new Map<K, Reading<V>>();
  private count = 0;
  private period = 1;
  private now = 0;

  constructor(private readonly policy: RotationPolicy<V>) {}

  /** Starts a sample read at `now` (ms), quiet processes read once in `period` samples. */
  begin(now: number, period: number): void {
    this.count++;
    this.now = now;
    this.period = Math.max(1, period);
  }

  /** The time readings of this sample are stamped with. */
  get time(): number {
    return this.now;
  }

  /** The last reading of `key` (pid `pid`) when it is not due this sample (carried), else null: read it; a `mark` other than the last reading's makes it due. */
  carried(key: K, pid: number, mark = 0): Readonly<Reading<V>> | null {
    const prev = this.seen.get(key);
    if (!prev || prev.mark !== mark || this.count - prev.movedAt < this.policy.activeSamples || this.policy.busy?.(prev.value)) return null;
    if (pid % this.period === this.count % this.period) return null;
    prev.seenIn = this.count;
    return prev;
  }

  /** The last reading of `key`, due or not (null when none). */
  last(key: K): Readonly<Reading<V>> | null {
    return this.seen.get(key) ?? null;
  }

  /** Records a fresh reading of `key`, read this sample with `mark`; null: the process is gone. */
  record(key: K, value: V | null, mark = 0): void {
    if (value === null) {
      this.seen.delete(key);
      return;
    }
    const prev = this.seen.get(key);
    if (!prev) {
      this.seen.set(key, { value, at: this.now, movedAt: this.count - this.policy.activeSamples + this.policy.newSamples, seenIn: this.count, mark });
      return;
    }
    if (this.policy.moved(prev.value, value)) prev.movedAt = this.count;
    prev.value = value;
    prev.at = this.now;
    prev.seenIn = this.count;
    prev.mark = mark;
  }

  /** Ends a sample: what was not seen in it is forgotten (the map never outlives its processes). */
  end(): void {
    forgetUnseen(this.seen, this.count);
  }
}
