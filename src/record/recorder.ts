/**
 * Writes the stream to a gzip NDJSON file while the console runs. A write
 * error (disk full, permissions) stops the recording, not the console; the
 * file is flushed every few seconds (so a crash leaves a readable start) and
 * closed properly on exit.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { createPrivateFile } from './private-file.js';
import { constants, createGzip, type Gzip } from 'node:zlib';
import type { Message, StreamHeader } from '../stream/messages.js';
import { Encoder, RECORDING_VERSIONS, type RecordingHeader } from './codec.js';

const FLUSH_EVERY_MS = 5000;

/** The recorder's state, for the status-line marker. */
export type RecorderState = { readonly state: 'recording'; readonly bytes: number } | { readonly state: 'stopped'; readonly why: string };

/** Plain words for a write error. */
function why(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOSPC') return 'disk full (ENOSPC)';
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  if (error.code === 'EROFS') return 'read-only filesystem';
  return error.code ?? error.message;
}

/** Records messages to `path`. */
export class Recorder {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private readonly encoder = new Encoder();
  private status: RecorderState = { state: 'recording', bytes: 0 };
  private started = false;
  private lastFlush = Date.now();
  private readonly closed: Promise<void>;

  /** Throws a one-line Error when the file may not be created (see private-file.ts). */
  constructor(readonly path: string) {
    const fd = createPrivateFile(path);
    this.gzip = createGzip({ level: 6 });
    this.file = createWriteStream('', { fd });
    this.gzip.pipe(this.file);
    this.closed = new Promise((resolve) => this.file.on('close', () => resolve()));
    const fail = (error: NodeJS.ErrnoException) => this.stop(`recording stopped: ${why(error)} — the console goes on`);
    this.file.on('error', fail);
    this.gzip.on('error', fail);
  }

  /** What the marker shows. */
  state(): RecorderState {
    return this.status.state === 'recording' ? { state: 'recording', bytes: this.file.bytesWritten } : this.status;
  }

  /** Writes one message (the header first becomes the recording header). */
  write(m: Message): void {
    if (this.status.state !== 'recording') return;
    if (!this.started) {
      if (m.kind !== 'header') return;
      this.started = true;
      const h: RecordingHeader = { format: 'sitrep-recording', version: RECORDING_VERSIONS[0], host: m.host, kernel: m.kernel, intervalMs: m.intervalMs, startedAt: m.startedAt, stream: m as StreamHeader };
      this.gzip.write(`${JSON.stringify(h)}\n`);
      return;
    }
    if (m.kind === 'header') return;
    this.gzip.write(`${JSON.stringify(this.encoder.encode(m))}\n`);
    if (Date.now() - this.lastFlush > FLUSH_EVERY_MS) {
      this.lastFlush = Date.now();
      this.gzip.flush(constants.Z_SYNC_FLUSH);
    }
  }

  private stop(text: string): void {
    if (this.status.state !== 'recording') return;
    this.status = { state: 'stopped', why: text };
    this.gzip.unpipe(this.file);
    this.file.destroy();
  }

  /** Flushes and closes the file; resolves when it is complete on disk. */
  async close(): Promise<void> {
    if (this.status.state !== 'recording') return;
    this.gzip.end();
    await Promise.race([this.closed, new Promise((r) => setTimeout(r, 3000))]);
  }
}
