/**
 * The flight recorder's writer: the stream into a store's segments (one per
 * `segmentMs`, an hour by default), each a whole version-1 recording written as
 * `.part`, flushed every `flushMs` (what a crash can lose) and renamed when
 * complete. Retention drops the oldest segments past `maxBytes` or `maxAgeMs`,
 * keeping the current window's unspent share free (store-budget.ts): the
 * store, the segment being written included, never passes `maxBytes`, and an
 * inflated stream is thinned, then stopped, before it can cost the past.
 * It never writes into its filesystem's last 5% or last GiB, whichever is
 * smaller: at that floor it closes the segment, says so, and waits; when space
 * returns it starts a new one with a note in the stream.
 */
import { createWriteStream, renameSync, statfsSync, unlinkSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { constants, createGzip, deflateRawSync, type Gzip } from 'node:zlib';
import type { Message, StreamHeader } from '../stream/messages.js';
import { Encoder, RECORDING_VERSIONS, type RecordingHeader } from './codec.js';
import { createPrivateFile } from './private-file.js';
import { listStore, segmentName } from './store.js';
import { allowanceOf, WindowBudget } from './store-budget.js';

/** Space free on a filesystem, and its size, in bytes. */
export interface Space {
  readonly avail: number;
  readonly size: number;
}

/** How the writer is set. */
export interface StoreOptions {
  readonly maxBytes: number;
  readonly maxAgeMs: number;
  readonly segmentMs?: number;
  readonly flushMs?: number;
  /** Space on the store's filesystem (statfs; injected by tests). */
  readonly space?: (dir: string) => Space | null;
  /** Where notes go (stderr, the journal under systemd). */
  readonly say?: (text: string) => void;
}

/** The floor: the last 5% or the last GiB, whichever is smaller. */
export const floorOf = (size: number): number => Math.min(0.05 * size, 2 ** 30);
/** Space above the floor wanted before writing again. */
const RESUME_ABOVE = 8 * 2 ** 20;

function statSpace(dir: string): Space | null {
  try {
    const s = statfsSync(dir);
    return { avail: s.bavail * s.bsize, size: s.blocks * s.bsize };
  } catch {
    return null;
  }
}

interface Open {
  readonly part: string;
  readonly gzip: Gzip;
  readonly file: WriteStream;
  encoder: Encoder;
  readonly start: number;
  readonly closed: Promise<void>;
  /** Compressed bytes out of gzip so far. */
  out: number;
  /** The stream's last 32 KiB written (the estimate's dictionary). */
  tail: Buffer;
  /** Upper bounds of the lines written before the flush in progress, and since it; `out` when it began. */
  inFlight: number;
  outAtFlush: number;
  pending: number;
}

/** A sure upper bound of what `bytes` of input add to a gzip stream (stored blocks at worst). */
const rawBound = (bytes: number) => bytes + 5 * Math.ceil(bytes / 16_384) + 64;

/** Writes a stream into the store at `dir` (which storeRefusal has accepted). */
export class StoreWriter {
  private header: StreamHeader | null = null;
  private current: Open | null = null;
  private paused: number | null = null;
  private readonly timer: NodeJS.Timeout;
  private lastRetention = 0;
  private window: WindowBudget | null = null;
  /** What earlier segments of the window spent. */
  private windowBefore = 0;
  private readonly segmentMs: number;
  private readonly space: (dir: string) => Space | null;
  private readonly say: (text: string) => void;

  constructor(private readonly dir: string, private readonly options: StoreOptions) {
    this.segmentMs = options.segmentMs ?? 3_600_000;
    this.space = options.space ?? statSpace;
    this.say = options.say ?? ((text) => process.stderr.write(`sitrep recorder: ${text}\n`));
    this.timer = setInterval(() => this.tick(), options.flushMs ?? 2000);
  }

  /** Whether writing waits for space. */
  isPaused(): boolean {
    return this.paused !== null;
  }

  /** Takes one message of the stream (the header is kept for every segment's first line). */
  write(m: Message): void {
    if (m.kind === 'header') {
      this.header = m;
      return;
    }
    if (!this.header || this.paused !== null) return;
    const t = m.t;
    if (this.current && t - this.current.start >= this.segmentMs) this.finish();
    if (!this.current && !this.open(t)) return;
    const c = this.current!;
    const admitted = this.window!.admit(m);
    if (admitted && !this.line(c, c.encoder.encode(admitted), false) && admitted.kind === 'sample') c.encoder = new Encoder(); // the next sample is a keyframe
    const note = this.window!.note(t, this.segmentMs);
    if (note) {
      this.say(note);
      this.line(c, { kind: 'event', t, type: 'note', text: note }, true);
    }
  }

  /** Writes one line when it fits the window's share (`force`: a note, within the room kept for it). */
  private line(c: Open, obj: unknown, force: boolean): boolean {
    const text = `${JSON.stringify(obj)}\n`;
    const bytes = Buffer.byteLength(text);
    // What the line costs on disk until the next flush says: a longer line is compressed (level 1) after the
    // stream's last 32 KiB as the dictionary, as gzip (level 6, the same history) does at least as well; 5% more.
    const bound = bytes < 2048 ? rawBound(bytes) : Math.min(rawBound(bytes), Math.ceil(deflateRawSync(text, { level: 1, dictionary: c.tail }).length * 1.05) + 64);
    if (!force && !this.window!.fits(bound)) return false;
    c.gzip.write(text);
    c.tail = Buffer.concat([c.tail, Buffer.from(text)]).subarray(-32_768);
    c.pending += bound;
    this.account(c);
    return true;
  }

  /** The window's spending: earlier segments, and an upper bound of this one's bytes on disk. */
  private account(c: Open): void {
    // While a flush runs, what it emits is part of inFlight: counted once.
    if (this.current === c) this.window!.spent = this.windowBefore + Math.max(c.out, c.outAtFlush + c.inFlight) + c.pending;
  }

  private open(t: number, note?: string): boolean {
    const header = this.header!;
    // A window whose share is spent opens nothing more (not even after a pause: its header would cost the share too).
    if (this.window && t - this.window.start < this.segmentMs && this.window.phase() === 'spent') return false;
    if (!this.window || t - this.window.start >= this.segmentMs) {
      this.window = new WindowBudget(t, allowanceOf(this.options.maxBytes, this.segmentMs));
      this.windowBefore = 0;
    } else this.windowBefore = this.window.spent;
    // Room for the whole of the window's unspent share before a byte is written.
    this.retain(t, true);
    const part = join(this.dir, segmentName(t, true));
    let fd: number;
    try {
      fd = createPrivateFile(part);
    } catch (error) {
      this.say(`${(error as Error).message}: not recording`);
      this.pause(t);
      return false;
    }
    const gzip = createGzip({ level: 6 });
    const file = createWriteStream('', { fd });
    gzip.pipe(file);
    const closed = new Promise<void>((resolve) => file.on('close', () => resolve()));
    const fail = (error: NodeJS.ErrnoException) => {
      this.say(`writing ${part} failed: ${error.code ?? error.message}; waiting for space`);
      this.pause(Date.now());
    };
    file.on('error', fail);
    gzip.on('error', fail);
    const stream: StreamHeader = { ...header, startedAt: t };
    const head: RecordingHeader = { format: 'sitrep-recording', version: RECORDING_VERSIONS[0], host: header.host, kernel: header.kernel, intervalMs: header.intervalMs, startedAt: t, stream };
    const c: Open = { part, gzip, file, encoder: new Encoder(), start: t, closed, out: 0, tail: Buffer.alloc(0), inFlight: 0, outAtFlush: 0, pending: 0 };
    gzip.on('data', (chunk: Buffer) => {
      c.out += chunk.length;
      this.account(c);
    });
    this.current = c;
    this.line(c, head, true);
    if (note) this.line(c, { kind: 'event', t, type: 'note', text: note }, true);
    return true;
  }

  /** Ends the segment being written and gives it its final name once it is on disk. */
  private finish(): Promise<void> {
    const c = this.current;
    if (!c) return Promise.resolve();
    this.current = null;
    c.gzip.end();
    return c.closed.then(() => {
      try {
        renameSync(c.part, c.part.slice(0, -'.part'.length));
      } catch {
        // Left as .part: still read, up to its last flush.
      }
      // Its size is final now: the bound counts it.
      this.retain(Date.now(), true);
    });
  }

  private pause(t: number): void {
    if (this.paused !== null) return;
    this.paused = t;
    void this.finish();
  }

  private tick(): void {
    const now = Date.now();
    const space = this.space(this.dir);
    if (space) {
      const floor = floorOf(space.size);
      if (this.paused === null && space.avail < floor + 2 ** 20) {
        this.say(`paused: ${Math.round(space.avail / 2 ** 20)} MiB free, at the floor of ${Math.round(floor / 2 ** 20)} MiB; resuming when space returns`);
        this.pause(now);
      } else if (this.paused !== null && space.avail > floor + RESUME_ABOVE) {
        const since = new Date(this.paused).toISOString();
        this.paused = null;
        this.say('resumed: space is back above the floor');
        if (this.header) this.open(now, `recorder resumed: paused at the free-space floor since ${since}`);
      }
    }
    const c = this.current;
    if (c) {
      const flushed = c.pending;
      c.inFlight += flushed;
      c.pending = 0;
      c.outAtFlush = c.out;
      c.gzip.flush(constants.Z_SYNC_FLUSH, () => {
        c.inFlight -= flushed;
        this.account(c);
      });
    }
    if (now - this.lastRetention > 60_000) this.retain(now, false);
  }

  /**
   * Drops the oldest complete segments past the age bound, or while they and
   * the window's unspent share (what the segment being written may still
   * take) pass the size bound.
   */
  private retain(at: number, force: boolean): void {
    // Age is measured against the stream's own time when it is ahead (a replayed or simulated stream).
    const now = Math.max(at, this.current?.start ?? 0);
    if (!force && now - this.lastRetention < 60_000) return;
    this.lastRetention = now;
    const segments = listStore(this.dir).segments.filter((s) => s.path !== this.current?.part);
    const reserved = this.window ? Math.max(0, this.window.allowance - this.windowBefore) : 0;
    let total = segments.reduce((n, s) => n + s.bytes, 0) + reserved;
    for (const s of segments) {
      const old = now - s.start > this.options.maxAgeMs + this.segmentMs;
      if (!old && total <= this.options.maxBytes) break;
      try {
        unlinkSync(s.path);
        total -= s.bytes;
      } catch {
        // gone already
      }
    }
  }

  /** Flushes and completes the segment being written. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.race([this.finish(), new Promise((r) => setTimeout(r, 3000))]);
  }
}
