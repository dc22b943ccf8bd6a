/**
 * Reads a recording: gunzips what can be gunzipped (a truncated file gives its
 * intact start) into bytes, at most MAX_INFLATED (a gzip bomb stops there with
 * one line), then decodes it line by line from those bytes (never the whole
 * text as one string: V8 strings stop at 512 MB), and stops at the first
 * damage with a sentence saying where. Never throws.
 */
import { constants, gunzipSync } from 'node:zlib';
import type { Message } from '../stream/messages.js';
import { Decoder, RECORDING_VERSIONS, type RecordingHeader } from './codec.js';
import { validMessage } from './validate.js';

/** What a recording held, and why it ended early if it did. */
export interface Recording {
  readonly header: RecordingHeader;
  readonly messages: readonly Message[];
  /** "recording ends early at 12:03:04: truncated", or null when complete. */
  readonly problem: string | null;
}

const time = (t: number) => new Date(t).toTimeString().slice(0, 8);

/** Uncompressed bytes a recording may hold: a day of a busy server fits many times over. */
export const MAX_INFLATED = 1024 * 1024 * 1024;
/** One line longer than this is damage (a sample of a few thousand processes is well under a MiB). */
export const MAX_LINE = 64 * 1024 * 1024;

const tooLarge = (error: unknown): boolean => error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';

/** The lines of `data`, each decoded from its own bytes, lazily. */
function* lines(data: Buffer): Generator<string> {
  let start = 0;
  while (start <= data.length) {
    let end = data.indexOf(0x0a, start);
    if (end < 0) end = data.length;
    if (end - start > MAX_LINE) throw new RangeError('line too long');
    yield data.toString('utf8', start, end);
    start = end + 1;
  }
}

/** Parses a recording's bytes, or returns a one-line error. */
export function readRecording(bytes: Buffer): Recording | { error: string } {
  let data: Buffer;
  let truncated = false;
  try {
    data = gunzipSync(bytes, { maxOutputLength: MAX_INFLATED });
  } catch (error) {
    if (tooLarge(error)) return { error: `recording too large: more than ${MAX_INFLATED / 2 ** 30} GiB uncompressed (a gzip bomb, or not a recording)` };
    try {
      data = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_INFLATED });
      truncated = true;
    } catch (again) {
      if (tooLarge(again)) return { error: `recording too large: more than ${MAX_INFLATED / 2 ** 30} GiB uncompressed (a gzip bomb, or not a recording)` };
      return { error: 'not a sitrep recording: not gzip data, or damaged from its start' };
    }
  }
  try {
    return parseLines(lines(data), truncated);
  } catch {
    return { error: `not a sitrep recording: a line longer than ${MAX_LINE / 2 ** 20} MiB` };
  }
}

function parseLines(source: Generator<string>, truncated: boolean): Recording | { error: string } {
  const first = source.next();
  let header: RecordingHeader;
  try {
    header = JSON.parse(first.done ? '' : first.value) as RecordingHeader;
  } catch {
    return { error: 'not a sitrep recording: the first line is not a recording header' };
  }
  if (!header || typeof header !== 'object' || header.format !== 'sitrep-recording') return { error: 'not a sitrep recording: the first line is not a recording header' };
  if (!(RECORDING_VERSIONS as readonly unknown[]).includes(header.version)) {
    return { error: `recording version ${String(header.version).slice(0, 20)} is not supported: this sitrep reads version ${RECORDING_VERSIONS.join(', ')}` };
  }
  if (!validMessage(header.stream)) return { error: 'not a sitrep recording: its stream header is damaged' };
  const decoder = new Decoder();
  const messages: Message[] = [header.stream];
  let lastT = header.startedAt;
  let problem: string | null = null;
  // One line ahead, to know whether a line is the last.
  let i = 1;
  let next = source.next();
  while (!next.done) {
    const line = next.value;
    next = source.next();
    const last = next.done === true;
    i++;
    if (line === '') {
      if (!last) problem = 'an empty line';
      else if (truncated) problem = 'truncated';
      if (problem) break;
      continue;
    }
    try {
      const m = decoder.decode(JSON.parse(line));
      if (!validMessage(m) || m.kind === 'header') throw new Error('bad message');
      messages.push(m);
      if ('t' in m && Number.isFinite(m.t)) lastT = m.t;
    } catch {
      problem = last && truncated ? 'truncated' : `damaged at line ${i}`;
      break;
    }
  }
  if (!problem && truncated) problem = 'truncated';
  return { header, messages, problem: problem ? `recording ends early at ${time(Number.isFinite(lastT) ? lastT : 0)}: ${problem}` : null };
}
