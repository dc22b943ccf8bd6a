/**
 * Follows the kernel's own log, /dev/kmsg: at start, the records of the last
 * START_WINDOW_MS still in the kernel's buffer (an OOM kill before sitrep
 * started), then each new one. Non-blocking reads (one record per read) on a
 * POLL_MS timer: a character device gives libuv nothing to wait on, and a
 * blocking read would hold a threadpool thread for good. EPIPE means records
 * were overwritten before they were read: they are skipped, said once.
 * Without the right (kernel.dmesg_restrict and no CAP_SYSLOG) or without the
 * device it fails soft: `facts` says why, and nothing else changes.
 */
import { closeSync, constants, openSync, readFileSync, readSync } from 'node:fs';
import type { KernelLogFacts, LogEntry } from '../../src/stream/messages.js';
import { kmsgEntry, parseKmsgRecord } from './parse-kmsg.js';

/** What the follower reports. */
export interface KmsgEvents {
  entries(entries: LogEntry[]): void;
  /** The source's facts, at start and when they change (coverage known, a failure). */
  facts(facts: KernelLogFacts): void;
  note(type: 'note' | 'error', text: string): void;
}

/** How far back the buffer is read at start: the log's counting window. */
export const START_WINDOW_MS = 10 * 60_000;
const POLL_MS = 200;
/** Records read per turn at most (a flood's rest waits for the next turn, 0 ms later). */
const MAX_PER_TURN = 5000;
/** One read returns one record; the kernel's longest (text and dictionary) is 8 KiB. */
const BUFFER_BYTES = 16_384;

/** Microseconds of the monotonic clock (CLOCK_MONOTONIC, the clock of the kernel's stamps). */
function monoUsec(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Wall clock (ms) at monotonic zero, measured now. */
export function bootTimeNow(): number {
  return Date.now() - monoUsec() / 1000;
}

function readBootId(): string {
  try {
    // as the journal writes it (_BOOT_ID): without the dashes
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().replace(/-/g, '').slice(0, 64);
  } catch {
    return '';
  }
}

/** Why /dev/kmsg could not be opened, in the admin's words. */
export function kmsgProblem(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `no ${path}: the kernel's log is not read (OOM kills, segfaults and I/O errors come only from the journal)`;
  if (code === 'EPERM' || code === 'EACCES') {
    let restrict = '';
    try {
      restrict = readFileSync('/proc/sys/kernel/dmesg_restrict', 'utf8').trim() === '1' ? ' (kernel.dmesg_restrict=1: needs root or CAP_SYSLOG)' : '';
    } catch {
      // not readable: say no more
    }
    return `cannot read ${path}: permission denied${restrict}; OOM kills, segfaults and I/O errors come only from the journal`;
  }
  return `cannot read ${path}: ${(error as Error).message}`;
}

/** A followed /dev/kmsg; `stop()` closes it. */
export class KmsgFollower {
  private fd: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly buffer = Buffer.alloc(BUFFER_BYTES);
  private facts: KernelLogFacts = { source: null, bootTime: 0, bootId: '', coveredFromUsec: null };
  private startCut = 0;
  private openedAt = 0;
  private lastSeq = -1;
  private overwritten = false;

  constructor(private readonly events: KmsgEvents, private readonly path = '/dev/kmsg', private readonly windowMs = START_WINDOW_MS) {}

  /** Opens the device and reads the buffer's recent records; says why when it cannot. */
  start(): void {
    const bootId = readBootId();
    try {
      this.fd = openSync(this.path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      this.facts = { source: null, problem: kmsgProblem(this.path, error), bootTime: bootTimeNow(), bootId, coveredFromUsec: null };
      this.events.facts(this.facts);
      this.events.note('note', `kernel log: ${this.facts.problem}`);
      return;
    }
    this.openedAt = monoUsec();
    this.startCut = this.openedAt - this.windowMs * 1000;
    this.facts = { source: this.path, bootTime: bootTimeNow(), bootId, coveredFromUsec: null };
    this.turn();
  }

  /** Reads what is there (at most MAX_PER_TURN records) and schedules the next turn. */
  private turn(): void {
    this.timer = null;
    if (this.fd === null) return;
    const entries: LogEntry[] = [];
    let drained = false;
    const now = Date.now();
    for (let n = 0; n < MAX_PER_TURN; n++) {
      let length: number;
      try {
        length = readSync(this.fd, this.buffer, 0, BUFFER_BYTES, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          this.skipped();
          continue;
        }
        if (code !== 'EAGAIN') this.fail(error);
        drained = true;
        break;
      }
      if (length <= 0) {
        drained = true;
        break;
      }
      const record = parseKmsgRecord(this.buffer.toString('latin1', 0, length));
      if (!record) continue;
      if (this.lastSeq >= 0 && record.seq > this.lastSeq + 1) this.skipped();
      this.lastSeq = record.seq;
      if (record.usec < this.startCut) continue;
      if (this.facts.coveredFromUsec === null) this.cover(Math.min(record.usec, this.openedAt));
      entries.push(kmsgEntry(record, now));
    }
    if (drained && this.facts.coveredFromUsec === null && this.fd !== null) this.cover(this.openedAt);
    if (entries.length) this.events.entries(entries);
    if (this.fd !== null) this.timer = setTimeout(() => this.turn(), drained ? POLL_MS : 0);
  }

  private cover(usec: number): void {
    this.facts = { ...this.facts, coveredFromUsec: usec };
    this.events.facts(this.facts);
  }

  private skipped(): void {
    if (this.overwritten) return;
    this.overwritten = true;
    this.events.note('note', 'kernel log: records were overwritten in the kernel\'s buffer before sitrep read them (a flood); skipped on');
  }

  private fail(error: unknown): void {
    this.stop();
    this.facts = { ...this.facts, source: null, problem: kmsgProblem(this.path, error) };
    this.events.facts(this.facts);
    this.events.note('error', `kernel log: ${this.facts.problem}`);
  }

  /** Closes the device. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
