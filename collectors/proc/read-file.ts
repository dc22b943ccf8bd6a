/**
 * The one reader of /proc (and other small system files): open, read into a
 * kept buffer, close. No per-file allocation (readFileSync adds an fstat and a
 * new buffer each time). Two buffers: the small one for the thousands of
 * per-process files, the large one, grown on demand, for the socket tables.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** A small file is read up to this many bytes. */
const SMALL_MAX_BYTES = 256 * 1024;
/** The most a large file is read (a socket table: about 200,000 sockets); the rest is left unread. */
const LARGE_MAX_BYTES = 32 * 1024 * 1024;

/** A kept buffer that grows up to `max` bytes. */
class KeptBuffer {
  constructor(
    public buffer: Buffer,
    private readonly max: number,
  ) {}

  /** `path` decoded as `encoding`, or null when it is gone or unreadable; `oneRead`: one read call only; at most `limit` bytes. */
  read(path: string, encoding: BufferEncoding, oneRead: boolean, limit = this.max): string | null {
    const length = this.fill(path, oneRead, limit);
    return length < 0 ? null : this.buffer.toString(encoding, 0, length);
  }

  /** Reads `path` into the buffer: the byte count, or -1 when it is gone or unreadable. */
  fill(path: string, oneRead: boolean, limit = this.max): number {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return -1;
    }
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          if (this.buffer.length >= this.max) break;
          const grown = Buffer.alloc(Math.min(this.max, this.buffer.length * 2));
          this.buffer.copy(grown, 0, 0, length);
          this.buffer = grown;
        }
        const n = readSync(fd, this.buffer, length, Math.min(this.buffer.length, limit) - length, null);
        if (n <= 0) break;
        length += n;
        if (oneRead || length >= limit) break;
      }
      return length;
    } catch {
      return -1;
    } finally {
      closeSync(fd);
    }
  }
}

const small = new KeptBuffer(Buffer.allocUnsafe(SMALL_MAX_BYTES), SMALL_MAX_BYTES);
// Starts small (a quiet host's socket tables are a few KB) and doubles as a read needs, up to LARGE_MAX_BYTES.
const large = new KeptBuffer(Buffer.alloc(64 * 1024), LARGE_MAX_BYTES);

/**
 * Reads a small file as UTF-8 (invalid bytes become U+FFFD), or null when it is
 * gone or unreadable. At most 256 KiB are read. `oneRead` is for a file the
 * kernel writes whole in one read (/proc/<pid>/stat, io: one short record
 * each): a second read only to see the end cost 15% of each file at 3,000
 * processes. `limit` reads less (a command line: CMDLINE_BYTES in read-processes.ts).
 */
export function readText(path: string, oneRead = false, limit = SMALL_MAX_BYTES): string | null {
  return small.read(path, 'utf8', oneRead, limit);
}

/**
 * Reads a small file the kernel writes whole (/proc/<pid>/stat, io) with one
 * read into the kept buffer, `rawBytes`, and returns its length, or -1 when
 * it is gone. Nothing is allocated: the caller parses `rawBytes[0, length)`
 * before the next read of any small file overwrites it.
 */
export function readRaw(path: string): number {
  return small.fill(path, true);
}

/** The kept buffer readRaw reads into (valid up to the length it returned, until the next small read). */
export const rawBytes: Uint8Array = small.buffer;

/** A /proc file of any size up to 32 MiB as latin1 (a socket table), or null when it is absent. The buffer grows and is kept. */
export function readLarge(path: string): string | null {
  return large.read(path, 'latin1', false);
}
