/**
 * Which processes get /proc/<pid>/stat read this sample. Opening that file is
 * most of a sample's cost with thousands of processes (about 15 µs each here,
 * mostly the kernel's /proc lookup), and most of them sleep. Up to
 * QUIET_READS_PER_SAMPLE processes every process is read every sample, as
 * before. Beyond, a quiet process (no CPU tick and no state change for
 * STAT_ACTIVE_SAMPLES samples, not running, not in uninterruptible sleep, not new)
 * is read once every `period` samples, in turn by pid, where `period` keeps
 * the quiet reads near that budget (3 samples at 3,000 processes). Between
 * reads its last reading is carried with the time it was read (`readAt`), so
 * the model charges what a re-read finds over the real time between the two
 * reads. The cost: a long-quiet process that wakes shows its CPU up to
 * `period` samples late; the per-core graphs are not delayed.
 */
import { forgetUnseen } from './forget-unseen.js';
import type { PidStat } from './parse-pid.js';

/** Quiet processes read per sample before rotation starts. */
export const QUIET_READS_PER_SAMPLE = 1000;
/** Samples after its last tick or state change that a process still has its stat read every sample (io-rotation.ts has its own, IO_ACTIVE_SAMPLES, for writes). */
export const STAT_ACTIVE_SAMPLES = 10;

/** One process's last reading, and when it last moved. */
export interface StatReading {
  stat: PidStat;
  /** When it was read (ms). */
  at: number;
  /** The sample count at which it last moved (or was first seen). */
  movedAt: number;
  /** The sample that last saw it: what a sample did not see is dropped at its end. */
  seenIn: number;
}

/** The stat read policy; one per reader, so it remembers what it saw. One map of live processes, updated in place. */
export class StatRotation {
  private readonly seen = new Map<number, StatReading>();
  private count = 0;
  private period = 1;
  private now = 0;

  /** Starts a sample over about `processes` processes, read at `now` (ms). */
  begin(processes: number, now = Date.now()): void {
    this.count++;
    this.now = now;
    this.period = Math.max(1, Math.ceil(processes / QUIET_READS_PER_SAMPLE));
  }

  /** The last reading of `pid` when it is not due this sample (carried), else null: read it. */
  carried(pid: number): Readonly<StatReading> | null {
    if (this.period === 1) return null;
    const prev = this.seen.get(pid);
    if (!prev || this.count - prev.movedAt < STAT_ACTIVE_SAMPLES || prev.stat.state === 'R' || prev.stat.state === 'D') return null;
    if (pid % this.period === this.count % this.period) return null;
    prev.seenIn = this.count;
    return prev;
  }

  /** Records a fresh reading of `stat`, read this sample. */
  read(stat: PidStat): void {
    const prev = this.seen.get(stat.pid);
    if (!prev) {
      this.seen.set(stat.pid, { stat, at: this.now, movedAt: this.count, seenIn: this.count });
      return;
    }
    // A new process on the same pid counts as moved (new), like a tick or a state change.
    const was = prev.stat;
    if (was.startTicks !== stat.startTicks || was.utime + was.stime !== stat.utime + stat.stime || was.state !== stat.state) prev.movedAt = this.count;
    prev.stat = stat;
    prev.at = this.now;
    prev.seenIn = this.count;
  }

  /** Ends a sample: what was not seen in it is forgotten. */
  end(): void {
    forgetUnseen(this.seen, this.count);
  }
}
