/** Writes messages as a recording file (header first), for tests of the streaming reader and replay. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Encoder, type RecordingHeader } from '../../src/record/codec.js';
import type { Message } from '../../src/stream/messages.js';

/** The recording's lines: its header, then every message encoded as the recorder does. */
export function recordingLines(messages: readonly Message[]): string[] {
  const header = messages[0]!;
  if (header.kind !== 'header') throw new Error('no header');
  const h: RecordingHeader = { format: 'sitrep-recording', version: 1, host: header.host, kernel: header.kernel, intervalMs: header.intervalMs, startedAt: header.startedAt, stream: header };
  const enc = new Encoder();
  return [JSON.stringify(h), ...messages.slice(1).map((m) => JSON.stringify(enc.encode(m)))];
}

/** Writes `data` (gzip bytes, or messages to encode) to a new file in a fresh temporary directory; returns its path. */
export function writeRecordingFile(data: Buffer | readonly Message[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sitrep-rec-')), 'r.sitrep.gz');
  writeFileSync(file, Buffer.isBuffer(data) ? data : gzipSync(`${recordingLines(data).join('\n')}\n`));
  return file;
}
