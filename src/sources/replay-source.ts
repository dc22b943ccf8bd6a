/**
 * Replay: a recording played back as a Source, on a virtual clock with pause,
 * seek (±10 s, ±1 min, start, end), speed (0.25× to 16×) and single steps.
 * The file is streamed, never held: a cursor reads ahead of the clock
 * (replay-cursor.ts) and an index pass keeps a few model states
 * (replay-index.ts). A seek restores the nearest state at or before its target,
 * reads on to the target without drawing, then hands the model to the
 * console. Frames are throttled by the console, so 16× drops frames rather
 * than lagging.
 */
import { formatTime } from '../text/format.js';
import type { ReplayCommand } from '../stream/replay-command.js';
import type { Message, Source } from '../stream/messages.js';
import { reduce, type ModelState } from '../model/model.js';
import type { RecordingHeader } from '../record/codec.js';
import { ReplayCursor } from './replay-cursor.js';
import { ReplayIndex } from './replay-index.js';
import type { RecordingPath } from '../record/gzip-lines.js';

const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16];
const TICK_MS = 100;

const timeOf = (m: Message): number => (m.kind === 'header' ? m.startedAt : m.t);
const clock = (t: number) => formatTime(t, Date.now());

/** Plays the recording at `path`; `handleCommand` runs the transport commands (bound in the keymap's replay context). */
export class ReplaySource implements Source {
  private emit: ((m: Message) => void) | null = null;
  private at: number;
  /** Replay starts at real time, ×1 (README). */
  private speed = 1;
  private paused = false;
  private seeking = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastTick = 0;
  private readonly start0: number;
  private readonly index: ReplayIndex;
  private cursor: ReplayCursor;
  private model: ModelState;
  private reset: ((model: ModelState) => void) | null = null;

  constructor(private readonly path: RecordingPath, private readonly header: RecordingHeader, fileBytes: number) {
    this.start0 = header.startedAt;
    this.at = this.start0;
    this.index = new ReplayIndex(path, header, fileBytes);
    this.model = this.index.checkpoints[0]!.model;
    this.cursor = new ReplayCursor(path, this.start0, 1);
  }

  /** Lets a seek hand the restored model straight to the console's store. */
  connect(reset: (model: ModelState) => void): void {
    this.reset = reset;
  }

  /** Begins playing from the start; the index is built meanwhile. */
  start(emit: (m: Message) => void): void {
    this.emit = emit;
    emit(this.header.stream);
    this.lastTick = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops the clock and both reads of the file. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.emit = null;
    this.cursor.close();
    this.index.stop();
  }

  /** Resolves when the index pass has read the whole file. */
  indexed(): Promise<void> {
    return this.index.done;
  }

  /** The recording's end as far as it is known (all of it once indexed). */
  private end0(): number {
    return this.index.endAt;
  }

  private tick(): void {
    const now = performance.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    if (this.paused || this.seeking) return;
    this.playTo(this.at + elapsed * SPEEDS[this.speedIndex()]!);
  }

  private speedIndex(): number {
    return SPEEDS.indexOf(this.speed);
  }

  /** Emits messages up to time `t`, forward only; the clock waits for a reader that is behind. */
  private playTo(t: number): void {
    for (let m = this.cursor.peek(); m && timeOf(m) <= t; m = this.cursor.peek()) {
      this.cursor.shift();
      this.model = reduce(this.model, m);
      this.emit?.(m);
    }
    const next = this.cursor.peek();
    if (next) this.at = t;
    else if (this.cursor.ended()) this.at = Math.min(t, Math.max(this.at, this.end0()));
  }

  /** Jumps to time `t`: from the nearest checkpoint at or before it (or on from here), without drawing the way there. */
  async seekTo(t: number): Promise<void> {
    const seek = ++this.seeking;
    if (t > this.index.endAt && !this.index.finished) await this.index.done;
    const target = Math.max(this.start0, Math.min(this.end0(), t));
    const cp = this.index.before(target);
    const here = this.cursor.position().line;
    if (target < this.at || cp.line > here) {
      this.cursor.close();
      this.cursor = new ReplayCursor(this.path, this.start0, cp.line);
      this.model = cp.model;
    }
    for (;;) {
      await this.cursor.ready();
      if (seek !== this.seeking) return;
      const m = this.cursor.peek();
      if (!m || timeOf(m) > target) break;
      this.cursor.shift();
      this.model = reduce(this.model, m);
    }
    this.at = target;
    this.seeking = 0;
    this.lastTick = performance.now();
    this.reset?.(this.model);
  }

  /** Emits up to and including the next sample (of what has been read). */
  private step(): void {
    this.paused = true;
    for (let m = this.cursor.peek(); m; m = this.cursor.peek()) {
      this.playTo(timeOf(m));
      if (m.kind === 'sample') break;
    }
  }

  /** Handles a transport key. */
  handleCommand(command: ReplayCommand): void {
    const i = this.speedIndex();
    switch (command) {
      case 'replay.toggle': this.paused = !this.paused; break;
      case 'replay.back': void this.seekTo(this.at - 10_000); break;
      case 'replay.forward': void this.seekTo(this.at + 10_000); break;
      case 'replay.back-minute': void this.seekTo(this.at - 60_000); break;
      case 'replay.forward-minute': void this.seekTo(this.at + 60_000); break;
      case 'replay.slower': this.speed = SPEEDS[Math.max(0, i - 1)]!; break;
      case 'replay.faster': this.speed = SPEEDS[Math.min(SPEEDS.length - 1, i + 1)]!; break;
      case 'replay.step': this.step(); break;
      case 'replay.start': void this.seekTo(this.start0); break;
      case 'replay.end': void this.seekTo(Infinity); break;
    }
  }

  /** The REPLAY marker: recorded time, position, speed, state, and where the file ends early. */
  banner(): { text: string; alert: boolean } {
    const span = Math.max(1, this.end0() - this.start0);
    const pos = this.index.finished ? `${Math.round(((this.at - this.start0) / span) * 100)}%` : `indexing ${Math.round(this.index.progress * 100)}%`;
    const ended = this.cursor.ended() && this.index.finished;
    const state = this.seeking ? 'seeking…' : this.paused ? 'paused' : ended ? 'end' : 'playing';
    const why = this.index.problem ?? this.cursor.problem;
    const problem = ended && why ? ` · ${why}` : '';
    return { text: `REPLAY ${clock(this.at)} ${pos} ×${this.speed} ${state}${problem}`, alert: problem !== '' };
  }
}
