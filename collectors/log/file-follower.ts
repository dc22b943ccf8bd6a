/**
 * Follows a log file like `tail -F`: reads what is appended, notices rotation
 * (a new file at the path: the old one is read to its end first) and
 * truncation (the size drops: read again from the start). fs.watch wakes it at
 * once; a stat every 500 ms covers filesystems where watching fails.
 *
 * Whoever can write the log's directory can put anything at its path, so the
 * follower can't be frozen: it opens with O_NONBLOCK (a FIFO can't hold the
 * open), follows regular files only (checked on the opened descriptor, at every
 * reopen), reads a bounded number of bytes per turn of the event loop, and
 * skips a jump in size (a sparse `truncate -s 20G`) to the file's recent end.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, watch, type FSWatcher, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import type { LogEntry, LogReadBack } from '../../src/stream/messages.js';
import { parseSyslogLine } from './parse-journal.js';
import type { FollowerEvents } from './journal-follower.js';
import { fileWindowStart, rotatedAway, WINDOW_MS, wholeWindow } from './log-window.js';

const CHUNK = 256 * 1024;
/** After a skip, this much of the file's end is read (the recent lines); at start, the window (log-window.ts). */
const HISTORY_BYTES = 64 * 1024;
/** Bytes read in one turn; more waits for the next turn, so keys and frames go on. */
const TURN_BYTES = 1024 * 1024;
/** Unread bytes beyond this are skipped, not read. */
export const SKIP_BYTES = 32 * 1024 * 1024;
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/** What a non-regular file is, for the refusal. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

const formatMiB = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`);

/** Follows one file by path. */
export class FileFollower {
  private fd: number | null = null;
  private identity = '';
  private pos = 0;
  /** The bytes of a line not yet ended (at most CHUNK). */
  private pending: Buffer = Buffer.alloc(0);
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private again: NodeJS.Timeout | null = null;
  private readonly buffer = Buffer.alloc(CHUNK);
  /** Started mid-file: the first line read is partial. */
  private skipPartialLine = false;
  /** The last bytes read, to notice a file truncated and rewritten past the old position. */
  private tail = Buffer.alloc(0);
  /** The identity of the last non-regular file refused, so it is said once. */
  private refused = '';
  /** The read-back at start, said once the follower has caught up with the file's end. */
  private readBack: LogReadBack | null = null;

  /** `since`: read back the lines dated from then on (default: the counting window before start). */
  constructor(readonly path: string, private readonly events: FollowerEvents, private readonly since?: number) {}

  /** Opens the file, reads back the window before now, and starts following. */
  start(): void {
    this.readBack = wholeWindow(this.since ?? Date.now() - WINDOW_MS);
    this.open(true);
    this.read();
    try {
      this.watcher = watch(dirname(this.path), () => this.poll());
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.events.note('note', `cannot watch ${dirname(this.path)}: polling every 500 ms`);
    }
    this.timer = setInterval(() => this.poll(), 500);
  }

  private open(fromEnd: boolean): void {
    let fd: number;
    try {
      fd = openSync(this.path, OPEN_FLAGS);
    } catch (error) {
      this.fd = null;
      if (fromEnd) this.events.note('error', `cannot read ${this.path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      return;
    }
    const st = fstatSync(fd);
    const identity = `${st.dev}:${st.ino}`;
    if (!st.isFile()) {
      closeSync(fd);
      this.fd = null;
      if (this.refused !== identity) this.events.note('error', `not a regular file, not followed: ${this.path} is now ${kindOf(st)}`);
      this.refused = identity;
      this.identity = identity;
      return;
    }
    this.fd = fd;
    this.identity = identity;
    this.refused = '';
    if (fromEnd && this.readBack) {
      const start = fileWindowStart(fd, st.size, this.readBack.since);
      this.readBack = rotatedAway(this.path, start);
      this.pos = start.offset;
    } else this.pos = 0;
    this.pending = Buffer.alloc(0);
    this.tail = Buffer.alloc(0);
    if (fromEnd && this.pos > 0) this.skipPartialLine = true;
  }

  /** Reads what is new; handles truncation, rotation and jumps. */
  poll(): void {
    if (this.fd === null) {
      if (this.pathIdentity() !== this.identity || this.identity === '') this.open(false);
      return this.read();
    }
    let size: number;
    try {
      size = fstatSync(this.fd).size;
    } catch {
      return;
    }
    if (size < this.pos || !this.tailUnchanged()) {
      this.events.note('note', `${this.path} was truncated: reading from its start`);
      this.pos = 0;
      this.pending = Buffer.alloc(0);
      this.tail = Buffer.alloc(0);
    }
    this.read();
    const now = this.pathIdentity();
    if (now !== null && now !== this.identity) {
      this.read();
      closeSync(this.fd);
      this.fd = null;
      this.events.note('note', `${this.path} was rotated: following the new file`);
      this.open(false);
      this.read();
    }
  }

  /** 'dev:ino' of what the path names now (null: moved away and not yet recreated). */
  private pathIdentity(): string | null {
    try {
      const st = statSync(this.path);
      return `${st.dev}:${st.ino}`;
    } catch {
      return null;
    }
  }

  /** Whether the bytes just before the read position are still those read (a truncate-and-rewrite changes them). */
  private tailUnchanged(): boolean {
    if (this.fd === null || this.tail.length === 0) return true;
    const check = Buffer.alloc(this.tail.length);
    const n = readSync(this.fd, check, 0, check.length, this.pos - this.tail.length);
    return n === check.length && check.equals(this.tail);
  }

  /** Reads at most TURN_BYTES; when more is waiting, comes back on the next turn of the event loop. */
  private read(): void {
    try {
      this.readTurn();
    } catch (error) {
      this.events.note('error', `cannot read ${this.path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }

  private readTurn(): void {
    if (this.fd === null) return this.readBackDone();
    const size = fstatSync(this.fd).size;
    if (size - this.pos > SKIP_BYTES) this.skipTo(size);
    const entries: LogEntry[] = [];
    let budget = TURN_BYTES;
    while (budget > 0) {
      const n = readSync(this.fd, this.buffer, 0, Math.min(CHUNK, budget), this.pos);
      if (n <= 0) break;
      budget -= n;
      this.pos += n;
      this.tail = Buffer.from(this.buffer.subarray(Math.max(0, n - 32), n));
      const lines = splitLines(this.pending, this.buffer.subarray(0, n));
      this.pending = lines.rest;
      if (this.skipPartialLine && lines.complete.length) {
        lines.complete.shift();
        this.skipPartialLine = false;
      }
      const now = Date.now();
      for (const line of lines.complete) if (line) entries.push(parseSyslogLine(line, now));
    }
    if (entries.length) this.events.entries(entries);
    if (budget > 0) this.readBackDone();
    if (budget <= 0 && !this.again) {
      this.again = setTimeout(() => {
        this.again = null;
        this.read();
      }, 0);
    }
  }

  /** Says how far the read-back at start went, once. */
  private readBackDone(): void {
    if (this.readBack) this.events.readBack?.(this.readBack);
    this.readBack = null;
  }

  /** Jumps over a gap too large to read (a sparse jump, a flood far ahead) to the file's recent end. */
  private skipTo(size: number): void {
    const target = Math.max(0, size - HISTORY_BYTES);
    this.events.note('note', `skipped ${formatMiB(target - this.pos)} of ${this.path} (it jumped ahead): reading its last 64 KiB`);
    this.pos = target;
    this.pending = Buffer.alloc(0);
    this.tail = Buffer.alloc(0);
    this.skipPartialLine = true;
  }

  /** Stops following and closes the file. */
  stop(): void {
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
    if (this.again) clearTimeout(this.again);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Splits bytes into lines, each decoded on its own: a line is then a string of
 * its own, not a slice of a 256 KiB chunk that it would keep alive for as long
 * as anything (a crash counter's last message) holds it. UTF-8 never has a
 * 0x0a inside a character, so splitting the bytes is safe.
 */
export function splitLines(pending: Buffer, chunk: Buffer): { complete: string[]; rest: Buffer } {
  const complete: string[] = [];
  let start = 0;
  let head: Buffer | null = pending.length ? pending : null;
  for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
    const part = chunk.subarray(start, nl);
    complete.push((head ? Buffer.concat([head, part]) : part).toString('utf8'));
    head = null;
    start = nl + 1;
  }
  const tail = chunk.subarray(start);
  const rest = head ? Buffer.concat([head, tail]) : Buffer.from(tail);
  return { complete, rest: rest.length > CHUNK ? Buffer.from(rest.subarray(rest.length - CHUNK)) : rest };
}
