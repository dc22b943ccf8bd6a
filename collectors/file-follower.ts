/**
 * Follows a log file like `tail -F`: reads what is appended, notices rotation
 * (a new file at the path: the old one is read to its end first) and
 * truncation (the size drops: read again from the start). fs.watch wakes it at
 * once; a stat every 500 ms covers filesystems where watching fails.
 */
import { closeSync, fstatSync, openSync, readSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import type { LogEntry } from '../src/messages.js';
import { parseSyslogLine } from './parse-journal.js';
import type { FollowerEvents } from './journal-follower.js';

const CHUNK = 256 * 1024;
/** On start, at most this much of the file's end is read (the recent lines). */
const HISTORY_BYTES = 64 * 1024;

/** Follows one file by path. */
export class FileFollower {
  private fd: number | null = null;
  private ino = -1;
  private pos = 0;
  private pending = '';
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly buffer = Buffer.alloc(CHUNK);
  /** Started mid-file: the first line read is partial. */
  private skipPartialLine = false;
  /** The last bytes read, to notice a file truncated and rewritten past the old position. */
  private tail = Buffer.alloc(0);
  /** Started mid-file: the first line read is partial. */
  constructor(readonly path: string, private readonly events: FollowerEvents) {}

  /** Opens the file at its recent end and starts following. */
  start(): void {
    this.open(true);
    this.readToEnd();
    try {
      this.watcher = watch(dirname(this.path), () => this.poll());
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.events.note('note', `cannot watch ${dirname(this.path)}: polling every 500 ms`);
    }
    this.timer = setInterval(() => this.poll(), 500);
  }

  private open(fromEnd: boolean): void {
    try {
      const fd = openSync(this.path, 'r');
      const st = fstatSync(fd);
      this.fd = fd;
      this.ino = st.ino;
      this.pos = fromEnd ? Math.max(0, st.size - HISTORY_BYTES) : 0;
      this.pending = '';
      this.tail = Buffer.alloc(0);
      if (fromEnd && this.pos > 0) this.skipPartialLine = true;
    } catch (error) {
      this.fd = null;
      if (fromEnd) this.events.note('error', `cannot read ${this.path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }

  /** Reads what is new; handles truncation and rotation. */
  poll(): void {
    if (this.fd === null) return this.open(false);
    let size: number;
    try {
      size = fstatSync(this.fd).size;
    } catch {
      return;
    }
    if (size < this.pos || !this.tailUnchanged()) {
      this.events.note('note', `${this.path} was truncated: reading from its start`);
      this.pos = 0;
      this.pending = '';
      this.tail = Buffer.alloc(0);
    }
    this.readToEnd();
    let rotated = false;
    try {
      rotated = statSync(this.path).ino !== this.ino;
    } catch {
      rotated = false; // moved away and not yet recreated: keep the old one
    }
    if (rotated) {
      this.readToEnd();
      closeSync(this.fd);
      this.events.note('note', `${this.path} was rotated: following the new file`);
      this.open(false);
      this.readToEnd();
    }
  }

  /** Whether the bytes just before the read position are still those read (a truncate-and-rewrite changes them). */
  private tailUnchanged(): boolean {
    if (this.fd === null || this.tail.length === 0) return true;
    const check = Buffer.alloc(this.tail.length);
    const n = readSync(this.fd, check, 0, check.length, this.pos - this.tail.length);
    return n === check.length && check.equals(this.tail);
  }

  private readToEnd(): void {
    if (this.fd === null) return;
    const entries: LogEntry[] = [];
    for (;;) {
      const n = readSync(this.fd, this.buffer, 0, CHUNK, this.pos);
      if (n <= 0) break;
      this.pos += n;
      this.tail = Buffer.from(this.buffer.subarray(Math.max(0, n - 32), n));
      const lines = (this.pending + this.buffer.toString('utf8', 0, n)).split('\n');
      this.pending = (lines.pop() ?? '').slice(-CHUNK);
      if (this.skipPartialLine) {
        lines.shift();
        this.skipPartialLine = false;
      }
      const now = Date.now();
      for (const line of lines) if (line) entries.push(parseSyslogLine(line, now));
      if (entries.length > 20_000) break;
    }
    if (entries.length) this.events.entries(entries);
  }

  /** Stops following and closes the file. */
  stop(): void {
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
