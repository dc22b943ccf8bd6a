/**
 * Reads recordings. The parser takes one line at a time: the recording
 * header, then messages, each decoded (deltas against the last keyframe) and
 * validated against the schema generated from the message types; it stops at
 * the first damage with a sentence saying where. Files are read as a stream
 * (gzip-lines.ts), so nothing holds more than a line; `readRecording` is the
 * in-memory form for small buffers (tests, the demo checks). Never throws.
 */
import { constants, gunzipSync } from 'node:zlib';
import type { Message, StreamHeader } from '../stream/messages.js';
import { Decoder, RECORDING_VERSIONS, type RecordingHeader } from './codec.js';
import { gzipLines, linesEnd, type LinesEnd, type RecordingPath } from './gzip-lines.js';
import { validMessage } from './validate.js';

/** A message after the header: every one has a time. */
export type TimedMessage = Exclude<Message, StreamHeader>;

/** What a recording held, and why it ended early if it did. */
export interface Recording {
  readonly header: RecordingHeader;
  readonly messages: readonly Message[];
  /** "recording ends early at 12:03:04: truncated", or null when complete. */
  readonly problem: string | null;
}

const time = (t: number) => new Date(Number.isFinite(t) ? t : 0).toTimeString().slice(0, 8);
const NOT_RECORDING = 'not a sitrep recording: the first line is not a recording header';

/** The recording header of line 1, or a one-line error. */
export function parseHeader(line: string | undefined): RecordingHeader | { error: string } {
  let header: RecordingHeader;
  try {
    header = JSON.parse(line ?? '') as RecordingHeader;
  } catch {
    return { error: NOT_RECORDING };
  }
  if (!header || typeof header !== 'object' || header.format !== 'sitrep-recording') return { error: NOT_RECORDING };
  if (!(RECORDING_VERSIONS as readonly unknown[]).includes(header.version)) {
    return { error: `recording version ${String(header.version).slice(0, 20)} is not supported: this sitrep reads version ${RECORDING_VERSIONS.join(', ')}` };
  }
  if (!validMessage(header.stream) || header.stream.kind !== 'header') return { error: 'not a sitrep recording: its stream header is damaged' };
  return header;
}

/** Decodes message lines from line `firstLine` on (a keyframe, or the line after the header). */
export class MessageParser {
  private readonly decoder = new Decoder();
  private line: number;
  private emptyAt = 0;
  /** Time of the last message read. */
  lastT: number;
  /** Why reading stopped ("damaged at line 7"), or null. */
  stopped: string | null = null;
  /** Whether the last message came from a keyframe line (a full sample: reading can start there). */
  keyframe = false;

  constructor(startedAt: number, firstLine = 2) {
    this.lastT = startedAt;
    this.line = firstLine - 1;
  }

  /** The message of the next line, or null (an empty last line, or damage: see `stopped`). */
  push(text: string): TimedMessage | null {
    this.line++;
    if (this.stopped) return null;
    if (this.emptyAt) {
      this.stopped = 'an empty line';
      return null;
    }
    if (text === '') {
      this.emptyAt = this.line;
      return null;
    }
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      this.keyframe = parsed?.kind === 'keyframe';
      const m = this.decoder.decode(parsed);
      if (!validMessage(m) || m.kind === 'header') throw new Error('bad message');
      this.lastT = m.t;
      return m;
    } catch {
      this.stopped = `damaged at line ${this.line}`;
      return null;
    }
  }

  /** The problem sentence of a read that ended as `end` says, or null when the recording is complete. */
  problem(end: Pick<LinesEnd, 'truncated' | 'error'>): string | null {
    const why = end.truncated ? 'truncated' : (end.error ?? this.stopped);
    return why ? `recording ends early at ${time(this.lastT)}: ${why}` : null;
  }
}

/** The header of the recording at `path` (its first line only), or a one-line error. */
export async function openRecording(path: string): Promise<RecordingHeader | { error: string }> {
  const end = linesEnd();
  let first: string | undefined;
  for await (const line of gzipLines(path, end)) {
    first = line;
    break;
  }
  if (first === undefined && end.error) return { error: end.error };
  return parseHeader(first);
}

/** Uncompressed bytes `readRecording` takes: it is for small buffers; files stream. */
export const MAX_IN_MEMORY = 256 * 1024 * 1024;

/** Parses a small recording held in memory, or returns a one-line error. */
export function readRecording(bytes: Buffer): Recording | { error: string } {
  let data: Buffer;
  let truncated = false;
  try {
    data = gunzipSync(bytes, { maxOutputLength: MAX_IN_MEMORY });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'Z_BUF_ERROR') return { error: (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'recording too large to read in memory' : 'not a sitrep recording: not gzip data, or damaged from its start' };
    try {
      data = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_IN_MEMORY });
      truncated = true;
    } catch {
      return { error: 'not a sitrep recording: not gzip data, or damaged from its start' };
    }
  }
  let start = data.indexOf(0x0a);
  const header = parseHeader(data.toString('utf8', 0, start < 0 ? data.length : start));
  if ('error' in header) return header;
  const parser = new MessageParser(header.startedAt);
  const messages: Message[] = [header.stream];
  while (start >= 0 && !parser.stopped) {
    const from = start + 1;
    start = data.indexOf(0x0a, from);
    const line = data.toString('utf8', from, start < 0 ? data.length : start);
    // A truncated file's last piece is cut mid-line: that is the truncation, not damage.
    if (start < 0 && truncated) break;
    const m = parser.push(line);
    if (m) messages.push(m);
  }
  return { header, messages, problem: parser.problem({ truncated, error: null }) };
}

/** Streams the messages after the header of the recording at `path` to `each` until it returns false; resolves to the problem sentence, or null. */
export async function forEachMessage(path: RecordingPath, header: RecordingHeader, each: (m: TimedMessage) => boolean): Promise<string | null> {
  const end = linesEnd();
  const parser = new MessageParser(header.startedAt);
  for await (const text of gzipLines(path, end, 1)) {
    const m = parser.push(text);
    if (parser.stopped || (m && !each(m))) break;
  }
  return parser.problem(end);
}
