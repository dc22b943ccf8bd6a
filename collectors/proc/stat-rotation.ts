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
import { Rotation, type Reading } from './rotation.js';
import type { PidStat } from './parse-pid.js';

/** Quiet processes read per sample before rotation starts. */
export const QUIET_READS_PER_SAMPLE = 1000;
/** Samples after its last tick or state change that a process still has its stat read every sample (io-rotation.ts has its own, IO_ACTIVE_SAMPLES, for writes). */
export const STAT_ACTIVE_SAMPLES = 10;

/** The stat read policy (rotation.ts): a tick, a state change or a new process on the pid is a move; running and D are always read. */
export class StatRotation {
  private readonly rotation = new Rotation<number, PidStat>({
    activeSamples: STAT_ACTIVE_SAMPLES,
    newSamples: STAT_ACTIVE_SAMPLES,
    moved: (was, stat) => was.startTicks !== stat.startTicks || was.utime + was.stime !== stat.utime + stat.stime || was.state !== stat.state,
    busy: (stat) => stat.state === 'R' || stat.state === 'D',
  });

  /** Starts a sample over about `processes` processes, read at `now` (ms). */
  begin(processes: number, now = Date.now()): void {
    this.rotation.begin(now, Math.ceil(processes / QUIET_READS_PER_SAMPLE));
  }

  /** The last reading of `pid` (its stat, `value`, and when it was read, `at`) when it is not due this sample (carried), else null: read it. */
  carried(pid: number): Readonly<Reading<PidStat>> | null {
    return this.rotation.carried(pid, pid);
  }

  /** The name `pid` had at its last reading, due or not (the stat parser keeps that string when the name is the same). */
  lastComm(pid: number): string | undefined {
    return this.rotation.last(pid)?.value.comm;
  }

  /** Records a fresh reading of `stat`, read this sample. */
  read(stat: PidStat): void {
    this.rotation.record(stat.pid, stat);
  }

  /** Ends a sample: what was not seen in it is forgotten. */
  end(): void {
    this.rotation.end();
  }
}
