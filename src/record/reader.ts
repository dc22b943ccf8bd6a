/**
 * Reads a recording whole: gunzips what can be gunzipped (a truncated file
 * gives its intact start), decodes line by line, and stops at the first damage
 * with a sentence saying where. Never throws.
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

/** Parses a recording's bytes, or returns a one-line error. */
export function readRecording(bytes: Buffer): Recording | { error: string } {
  let text: string;
  let truncated = false;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch {
    try {
      text = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
      truncated = true;
    } catch {
      return { error: 'not a sitrep recording: not gzip data, or damaged from its start' };
    }
  }
  const lines = text.split('\n');
  let header: RecordingHeader;
  try {
    header = JSON.parse(lines[0] ?? '') as RecordingHeader;
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
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      if (i < lines.length - 1) problem = 'an empty line';
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
      problem = i === lines.length - 1 && truncated ? 'truncated' : `damaged at line ${i + 1}`;
      break;
    }
  }
  if (!problem && truncated) problem = 'truncated';
  return { header, messages, problem: problem ? `recording ends early at ${time(Number.isFinite(lastT) ? lastT : 0)}: ${problem}` : null };
}
