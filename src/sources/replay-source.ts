/**
 * Replay: a recording played back as a Source, on a virtual clock with pause,
 * seek (±10 s, ±1 min, start, end), speed (0.25× to 16×) and single steps.
 * Seeking re-emits the header (which resets the model) and the messages up to
 * the target; frames are throttled by the console, so 16× drops frames rather
 * than lagging.
 */
import type { Message, Source } from '../messages.js';
import type { Recording } from '../record/reader.js';

const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16];
const TICK_MS = 100;

const timeOf = (m: Message): number | null => (m.kind === 'header' ? m.startedAt : m.t);
const clock = (t: number) => new Date(t).toTimeString().slice(0, 8);

/** Plays `recording`; `handleKey` takes the transport keys. */
export class ReplaySource implements Source {
  private emit: ((m: Message) => void) | null = null;
  /** Index of the next message to emit. */
  private next = 0;
  private at: number;
  private speed = 2;
  private paused = false;
  private timer: NodeJS.Timeout | null = null;
  private lastTick = 0;
  private readonly start0: number;
  private readonly end0: number;

  constructor(private readonly recording: Recording) {
    const times = recording.messages.map(timeOf).filter((t): t is number => t !== null && Number.isFinite(t));
    this.start0 = times.length ? Math.min(...times) : 0;
    this.end0 = times.length ? Math.max(...times) : 0;
    this.at = this.start0;
  }

  /** Begins playing from the start. */
  start(emit: (m: Message) => void): void {
    this.emit = emit;
    this.seekTo(this.start0);
    this.lastTick = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops the clock. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.emit = null;
  }

  private tick(): void {
    const now = performance.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    if (this.paused) return;
    this.playTo(Math.min(this.end0, this.at + elapsed * SPEEDS[this.speedIndex()]!));
  }

  private speedIndex(): number {
    return SPEEDS.indexOf(this.speed);
  }

  /** Emits messages up to time `t`, forward only. */
  private playTo(t: number): void {
    const msgs = this.recording.messages;
    while (this.next < msgs.length) {
      const mt = timeOf(msgs[this.next]!);
      if (mt !== null && mt > t) break;
      this.emit?.(msgs[this.next++]!);
    }
    this.at = t;
  }

  /** Jumps to time `t`: resets the model (the header) and replays up to it. */
  seekTo(t: number): void {
    const target = Math.max(this.start0, Math.min(this.end0, t));
    if (target < this.at || this.next === 0) {
      this.next = 0;
      this.at = this.start0;
    }
    this.playTo(target);
  }

  /** Emits up to and including the next sample. */
  private step(): void {
    const msgs = this.recording.messages;
    this.paused = true;
    while (this.next < msgs.length) {
      const m = msgs[this.next]!;
      this.playTo(timeOf(m) ?? this.at);
      if (m.kind === 'sample') break;
    }
  }

  /** Handles a transport key; false when the key is not one. */
  handleKey(key: string): boolean {
    const i = this.speedIndex();
    switch (key) {
      case ' ': this.paused = !this.paused; break;
      case 'left': this.seekTo(this.at - 10_000); break;
      case 'right': this.seekTo(this.at + 10_000); break;
      case 'shift-left': this.seekTo(this.at - 60_000); break;
      case 'shift-right': this.seekTo(this.at + 60_000); break;
      case '[': this.speed = SPEEDS[Math.max(0, i - 1)]!; break;
      case ']': this.speed = SPEEDS[Math.min(SPEEDS.length - 1, i + 1)]!; break;
      case '.': this.step(); break;
      case 'g': this.seekTo(this.start0); break;
      case 'G': this.seekTo(this.end0); break;
      default: return false;
    }
    return true;
  }

  /** The REPLAY marker: recorded time, position, speed, state, and where the file ends early. */
  banner(): { text: string; alert: boolean } {
    const span = Math.max(1, this.end0 - this.start0);
    const pos = Math.round(((this.at - this.start0) / span) * 100);
    const state = this.paused ? 'paused' : this.at >= this.end0 ? 'end' : 'playing';
    const problem = this.at >= this.end0 && this.recording.problem ? ` · ${this.recording.problem}` : '';
    return { text: `REPLAY ${clock(this.at)} ${pos}% ×${this.speed} ${state}${problem}`, alert: problem !== '' };
  }
}
