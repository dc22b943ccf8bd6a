/**
 * The read-back at start: a log source is read back over the whole counting
 * window, so the 10-minute counts are true from the first screen, not counts of
 * a backlog of a few hundred lines. The read is bounded in bytes and time; when
 * a bound stops it, the result says how far back it got.
 */
import { readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { LogReadBack } from '../../src/stream/messages.js';
import { parseSyslogLine } from './parse-journal.js';

/** The model's counting window (src/model/window-count.ts: 60 buckets of 10 s). */
export const WINDOW_MS = 10 * 60_000;
/** A file is read back at most this far from its end (below the follower's 32 MiB skip, so the read is never skipped). */
export const FILE_READBACK_BYTES = 24 * 1024 * 1024;
/** The backwards search of a file stops after this long. */
export const FILE_READBACK_MS = 3000;
/** Lines read back and kept whole even when older than the window: context for a quiet log. */
export const CONTEXT_BYTES = 64 * 1024;
const STEP = 256 * 1024;

/** `n` bytes as '24 MiB' or '64 KiB'. */
export const formatBytes = (n: number): string => (n >= 2 ** 20 ? `${Math.round(n / 2 ** 20)} MiB` : `${Math.round(n / 1024)} KiB`);

/** The read-back result of a read that reached the window's start. */
export const wholeWindow = (since: number): LogReadBack => ({ since, reading: false, reached: null, bound: '' });

/** The time of the first dated line in `text` (each line split at \n), or null. */
function firstTime(text: string, now: number): number | null {
  for (const line of text.split('\n')) {
    const entry = parseSyslogLine(line, now);
    if (entry.fields) return entry.t;
  }
  return null;
}

/** Where to start reading a file, and how far back that reaches. */
export interface FileStart {
  readonly offset: number;
  readonly readBack: LogReadBack;
  /** The file's first dated line, when the read reached the file's start inside the window (the rest may be in a rotated file). */
  readonly startsAt?: number;
}

/**
 * Where to start reading `fd` (of `size` bytes) so that every line dated from
 * `since` on is read: steps back from the end 256 KiB at a time, looking at the
 * first dated line of each step, until one is older than `since` or the file's
 * start, but at most FILE_READBACK_BYTES and FILE_READBACK_MS. A file whose end
 * has no dated line at all is read from its last CONTEXT_BYTES, as before.
 */
export function fileWindowStart(fd: number, size: number, since: number, now = Date.now(), limit = { bytes: FILE_READBACK_BYTES, ms: FILE_READBACK_MS }): FileStart {
  const context = Math.max(0, size - CONTEXT_BYTES);
  const deadline = Date.now() + limit.ms;
  const buffer = Buffer.alloc(STEP);
  let offset = size;
  let reached: number | null = null;
  while (offset > 0) {
    const floor = Math.max(0, size - limit.bytes);
    if (offset <= floor) return { offset: Math.min(offset, context), readBack: { since, reading: false, reached, bound: formatBytes(limit.bytes) } };
    if (Date.now() > deadline) return { offset: Math.min(offset, context), readBack: { since, reading: false, reached, bound: `${limit.ms / 1000} s` } };
    const pos = Math.max(floor, offset - STEP);
    const n = readSync(fd, buffer, 0, offset - pos, pos);
    const text = buffer.subarray(0, n).toString('utf8');
    // The first line of a step that starts mid-file is partial: look from the next one.
    const t = firstTime(pos > 0 ? text.slice(text.indexOf('\n') + 1) : text, now);
    offset = pos;
    if (t === null) {
      if (reached === null && size - pos >= STEP) return { offset: context, readBack: wholeWindow(since) };
      continue;
    }
    reached = t;
    if (t < since) break;
  }
  const startsAt = offset === 0 && reached !== null && reached >= since ? { startsAt: reached } : {};
  return { offset: Math.min(offset, context), readBack: wholeWindow(since), ...startsAt };
}

/**
 * The read-back of a file that starts inside the window while its rotated
 * predecessor (`PATH.1`, written to since the window's start) sits beside it:
 * that part of the window is not read, and the result says so.
 */
export function rotatedAway(path: string, start: FileStart): LogReadBack {
  if (start.startsAt === undefined) return start.readBack;
  try {
    const previous = statSync(`${path}.1`);
    if (previous.isFile() && previous.mtimeMs >= start.readBack.since) return { ...start.readBack, reached: start.startsAt, bound: `${basename(path)}.1 (rotated, not read)` };
  } catch {
    // no rotated file
  }
  return start.readBack;
}
