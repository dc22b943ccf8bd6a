/**
 * Which quiet processes get their descriptors read although they write
 * nothing now: the suspects of a filesystem that is already full. A writer
 * that filled a disk and keeps retrying shows write() calls (syscw) rising
 * while wchar stays flat: every write fails. One that filled it and stopped
 * is among the largest lifetime writers (write_bytes). Both are bounded, so
 * the 1 Hz sample stays cheap.
 */
import type { ProcessSample } from '../../src/stream/messages.js';
import { forgetUnseen } from './forget-unseen.js';

/** Suspects scanned per kind per sample at most. */
export const SUSPECTS_SCANNED = 5;
/** The largest lifetime writers are scanned on the first sample and then once in this many. */
export const LIFETIME_EVERY = 5;
/** Lifetime block writes (less cancelled) under this never make a suspect. */
export const SUSPECT_MIN_BYTES = 1024 * 1024;

/** What the last sample read of a process's write calls (by pid; updated in place, one entry per live process). */
export interface CallCounts {
  startTicks: number;
  wchar: number;
  syscw: number;
  /** The sample that last saw it. */
  seenIn: number;
}

/**
 * Indices (into `processes`) of this sample's suspects: those whose write
 * calls rose while nothing was written since the counts in `calls` (by pid,
 * for the same start time), and on every LIFETIME_EVERY-th `sample` (0 first;
 * each call a new number) the largest lifetime writers. `calls` is updated in
 * place with this sample's counts, for the next call, and keeps live processes only.
 */
export function writeSuspects(processes: readonly ProcessSample[], calls: Map<number, CallCounts>, sample: number): number[] {
  const failing: Array<[number, number]> = [];
  const lifetime: Array<[number, number]> = [];
  const wantLifetime = sample % LIFETIME_EVERY === 0;
  processes.forEach((p, i) => {
    const io = p.io;
    if (!io || p.kernelThread) return;
    if (io.syscw !== undefined) {
      const before = calls.get(p.pid);
      if (!before) calls.set(p.pid, { startTicks: p.startTicks, wchar: io.wchar, syscw: io.syscw, seenIn: sample });
      else {
        if (before.startTicks === p.startTicks && io.syscw > before.syscw && io.wchar === before.wchar) failing.push([i, io.syscw - before.syscw]);
        before.startTicks = p.startTicks;
        before.wchar = io.wchar;
        before.syscw = io.syscw;
        before.seenIn = sample;
      }
    }
    const landed = io.writeBytes - io.cancelledWriteBytes;
    if (wantLifetime && landed >= SUSPECT_MIN_BYTES) lifetime.push([i, landed]);
  });
  forgetUnseen(calls, sample);
  const top = (list: Array<[number, number]>) => list.sort((a, b) => b[1] - a[1]).slice(0, SUSPECTS_SCANNED).map(([i]) => i);
  return [...new Set([...top(failing), ...top(lifetime)])];
}
