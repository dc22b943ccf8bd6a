/**
 * The flight recorder's budget over time (issue 28, item 4): a stream another
 * user inflates must never cost the past. Each window of recording (one
 * segment period, an hour by default) may take at most its share of the
 * store: `maxBytes / 48` per hour (at least 256 KiB, at most a quarter of the
 * store). Within a window everything is written until half the share is
 * spent; then the stream is thinned (one sample every 30 s, command lines cut
 * to 256 characters, 200 log entries per 30 s); at the share, nothing more is written until the next
 * window. Retention keeps the window's unspent share free before a segment
 * starts, so the store (complete segments and the one being written) never
 * passes `maxBytes`, and an attacker who inflates the stream erases at most
 * one share of the oldest history per hour: the hours before an attack
 * survive at least 47 hours of it. Pure: the writer measures, this decides.
 */
import type { Message, Sample } from '../stream/messages.js';
import type { LogBatch } from '../stream/log-messages.js';

/** The share of the store one hour of recording may take. */
export const HOURLY_SHARE = 1 / 48;
/** The least a window may take (a keyframe of a busy machine fits). */
const MIN_ALLOWANCE = 256 * 1024;
/** Kept free at the end of a window's share for the notes and the gzip trailer (at most a sixteenth of it). */
const NOTE_ROOM = 8 * 1024;
/** A thinned stream keeps one sample per this span. */
export const THIN_EVERY_MS = 30_000;
/** Command lines in a thinned stream. */
const THIN_CMDLINE = 256;
/** Log entries a thinned stream keeps per THIN_EVERY_MS (a log flood must not starve the samples). */
const THIN_LOG_ENTRIES = 200;

/** What a window of `segmentMs` may write into a store of `maxBytes`. */
export function allowanceOf(maxBytes: number, segmentMs: number): number {
  return Math.floor(Math.min(maxBytes / 4, Math.max(MIN_ALLOWANCE, (maxBytes * HOURLY_SHARE * segmentMs) / 3_600_000)));
}

/** How a window's stream is written: whole, thinned, or not at all. */
export type Phase = 'full' | 'thin' | 'spent';

/** One window's account: bytes spent (compressed, on disk or a sure upper bound of it) against its allowance. */
export class WindowBudget {
  spent = 0;
  private lastSample = -Infinity;
  private logSince = -Infinity;
  private logLeft = 0;
  private said: Phase = 'full';

  private readonly room: number;

  constructor(readonly start: number, readonly allowance: number) {
    this.room = Math.min(NOTE_ROOM, allowance / 16);
  }

  /** The phase the spending puts the window in. */
  phase(): Phase {
    if (this.spent >= this.allowance - this.room) return 'spent';
    return this.spent >= this.allowance / 2 ? 'thin' : 'full';
  }

  /** Whether a line of at most `bytes` (compressed) still fits. */
  fits(bytes: number): boolean {
    return this.spent + bytes <= this.allowance - this.room;
  }

  /**
   * The message as it is to be written, or null when the phase drops it: a
   * thinned window keeps one sample per THIN_EVERY_MS, with short command lines.
   */
  admit(m: Message): Message | null {
    const phase = this.phase();
    if (phase === 'spent') return null;
    if (m.kind === 'log' && phase === 'thin') return this.thinLog(m);
    if (m.kind !== 'sample') return m;
    if (phase === 'thin') {
      if (m.t - this.lastSample < THIN_EVERY_MS) return null;
      this.lastSample = m.t;
      return thinned(m);
    }
    this.lastSample = m.t;
    return m;
  }

  /** A log batch within the thinned stream's entries, or null when nothing of it is kept. */
  private thinLog(m: LogBatch): LogBatch | null {
    if (m.t - this.logSince >= THIN_EVERY_MS) {
      this.logSince = m.t;
      this.logLeft = THIN_LOG_ENTRIES;
    }
    const kept = m.entries.length <= this.logLeft ? m.entries : m.entries.slice(0, this.logLeft);
    this.logLeft -= kept.length;
    if (kept.length === 0 && !m.journal && !m.kernel && !m.readBack && !m.problem) return null;
    return kept === m.entries ? m : { ...m, entries: kept };
  }

  /** A note to write when the phase changed since the last one said, or null. */
  note(t: number, segmentMs: number): string | null {
    const phase = this.phase();
    if (phase === this.said) return null;
    this.said = phase;
    const until = new Date(this.start + segmentMs).toISOString().slice(11, 16);
    const share = `${(this.allowance / 2 ** 20).toFixed(1)} MiB`;
    if (phase === 'thin') return `recorder: the stream is unusually large (half of this window's share of the store, ${share}, spent by ${new Date(t).toISOString().slice(11, 19)} UTC): one sample every ${THIN_EVERY_MS / 1000} s, command lines cut to ${THIN_CMDLINE} characters, ${THIN_LOG_ENTRIES} log entries per ${THIN_EVERY_MS / 1000} s, until ${until} UTC`;
    return `recorder: this window's share of the store (${share}) is spent: nothing more is recorded until ${until} UTC, so that older history is kept`;
  }
}

function thinned(m: Sample): Sample {
  if (!m.processes.some((p) => p.cmdline.length > THIN_CMDLINE)) return m;
  return { ...m, processes: m.processes.map((p) => (p.cmdline.length > THIN_CMDLINE ? { ...p, cmdline: p.cmdline.slice(0, THIN_CMDLINE) } : p)) };
}
