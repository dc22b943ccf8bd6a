/**
 * The lines of a gzip file, decompressed as a stream and decoded one line at
 * a time from their own bytes: never the whole file in memory, never one
 * string of it. Lines before `skip` are counted, not decoded (a seek passes
 * them at inflate speed). A line longer than MAX_LINE, or a file that inflates
 * more than MAX_RATIO times its compressed size, ends the read with an error:
 * the memory held is one line and two zlib buffers, whatever the file.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** One line longer than this is damage (a sample of a few thousand processes is well under a MiB). */
export const MAX_LINE = 64 * 1024 * 1024;
/** Past BOMB_AFTER inflated bytes, a file inflating more than this many times over is a gzip bomb (recordings inflate 5–30×). */
export const MAX_RATIO = 200;
const BOMB_AFTER = 64 * 1024 * 1024;
const CHUNK = 256 * 1024;
const tooLong = `not a sitrep recording: a line longer than ${MAX_LINE / 2 ** 20} MiB`;

/** How a read ended: filled in when the generator finishes. */
export interface LinesEnd {
  /** The file stops inside the gzip stream (a recording cut short). */
  truncated: boolean;
  /** Why the read stopped early, as one line, or null. */
  error: string | null;
  /** Compressed bytes read so far, for progress. */
  compressedBytes: number;
  /** Lines passed, skipped ones included. */
  lines: number;
}

/** A fresh end record. */
export const linesEnd = (): LinesEnd => ({ truncated: false, error: null, compressedBytes: 0, lines: 0 });

/**
 * A recording on disk: one file, or a store's segments in time order. Each
 * segment is a whole recording (its header line, then messages that start
 * with a keyframe), so the segments joined, with every header but the first
 * left out, read as one recording.
 */
export type RecordingPath = string | readonly string[];

/** Yields the lines of `path` (a file, or segments joined) from line `skip` on; `end` says how the read ended (a segment cut short before the last one is passed over). */
export async function* gzipLines(path: RecordingPath, end: LinesEnd, skip = 0): AsyncGenerator<string> {
  if (typeof path === 'string') {
    yield* fileLines(path, end, skip);
    return;
  }
  let seen = 0;
  for (let k = 0; k < path.length; k++) {
    const part = linesEnd();
    // Joined line `seen` is this segment's line 0 (the first segment) or 1 (after its header).
    const first = k === 0 ? 0 : 1;
    const local = Math.max(first, skip - seen + first);
    for await (const line of fileLines(path[k]!, part, local)) yield line;
    end.compressedBytes += part.compressedBytes;
    seen += part.lines - first;
    end.lines = seen;
    if (part.error && k === 0) {
      end.error = part.error;
      return;
    }
    if (k === path.length - 1) {
      end.truncated = part.truncated;
      end.error = part.error;
    }
  }
}

const describe = (error: NodeJS.ErrnoException, path: string, started: boolean): string => {
  if (error.code === 'ENOENT') return `no such file: ${path}`;
  if (error.code === 'EACCES') return `permission denied: ${path}`;
  if (error.code?.startsWith('Z_') || error.code === 'ERR_BUFFER_TOO_LARGE') return started ? 'damaged gzip data' : 'not a sitrep recording: not gzip data, or damaged from its start';
  return `cannot read ${path}: ${error.code ?? error.message}`;
};

/** Yields the lines of gzip file `path` from line `skip` on; `end` says how the read ended. */
async function* fileLines(path: string, end: LinesEnd, skip = 0): AsyncGenerator<string> {
  const input = createReadStream(path, { highWaterMark: CHUNK });
  input.on('data', (chunk) => (end.compressedBytes += chunk.length));
  const gunzip = createGunzip({ chunkSize: CHUNK });
  const inflated = pipeline(input, gunzip, () => {});
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let inflatedBytes = 0;
  let index = 0;
  try {
    for await (const chunk of inflated as AsyncIterable<Buffer>) {
      inflatedBytes += chunk.length;
      if (inflatedBytes > BOMB_AFTER && inflatedBytes > MAX_RATIO * end.compressedBytes) {
        end.error = `recording inflates more than ${MAX_RATIO} times over (a gzip bomb, or not a recording)`;
        return;
      }
      let start = 0;
      for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        if (index++ >= skip) {
          if (pendingBytes + nl - start > MAX_LINE) {
            end.error = tooLong;
            return;
          }
          const piece = chunk.subarray(start, nl);
          yield pendingBytes === 0 ? piece.toString('utf8') : Buffer.concat([...pending, piece]).toString('utf8');
        }
        pending = [];
        pendingBytes = 0;
        start = nl + 1;
      }
      if (start < chunk.length) {
        pendingBytes += chunk.length - start;
        if (pendingBytes > MAX_LINE) {
          end.error = tooLong;
          return;
        }
        if (index >= skip) pending.push(chunk.subarray(start));
      }
    }
    if (pendingBytes > 0 && index++ >= skip) yield Buffer.concat(pending).toString('utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'Z_BUF_ERROR' && inflatedBytes > 0) end.truncated = true;
    else end.error = describe(e, path, inflatedBytes > 0);
  } finally {
    end.lines = index;
    input.destroy();
    gunzip.destroy();
  }
}
