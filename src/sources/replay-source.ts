/**
 * Replay: a recording played back as a Source, on a virtual clock with pause,
 * seek (±10 s, ±1 min, start, end), speed (0.25× to 16×) and single steps.
 * The source keeps its own copy of the model and a checkpoint every 60
 * messages (built in the background after load): a seek restores the nearest
 * checkpoint and replays at most 60 messages, then hands the model to the
 * console. Frames are throttled by the console, so 16× drops frames rather
 * than lagging.
 */
import { formatTime } from '../text/format.js';
import type { ReplayCommand } from '../view/keymap.js';
import type { Message, Source } from '../stream/messages.js';
import { initialModel, reduce, type ModelState } from '../model/model.js';
import type { Recording } from '../record/reader.js';

/** A model state kept every CHECKPOINT_EVERY messages, so a seek replays at most that many. */
interface Checkpoint {
  readonly next: number;
  readonly at: number;
  readonly model: ModelState;
}
const CHECKPOINT_EVERY = 60;

const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16];
const TICK_MS = 100;

const timeOf = (m: Message): number | null => (m.kind === 'header' ? m.startedAt : m.t);
const clock = (t: number) => formatTime(t, Date.now());

/** Plays `recording`; `handleCommand` runs the transport commands (bound in the keymap's replay context). */
export class ReplaySource implements Source {
  private emit: ((m: Message) => void) | null = null;
  /** Index of the next message to emit. */
  private next = 0;
  private at: number;
  /** Replay starts at real time, ×1 (README). */
  private speed = 1;
  private paused = false;
  private timer: NodeJS.Timeout | null = null;
  private lastTick = 0;
  private readonly start0: number;
  private readonly end0: number;
  private model: ModelState = initialModel(600);
  private checkpoints: Checkpoint[] = [];
  private reset: ((model: ModelState) => void) | null = null;
  private building: NodeJS.Immediate | null = null;

  constructor(private readonly recording: Recording) {
    // A loop, not Math.min(...times): spreading 125k values into a call overflows the stack.
    let first = Infinity;
    let last = -Infinity;
    for (const m of recording.messages) {
      const t = timeOf(m);
      if (t === null || !Number.isFinite(t)) continue;
      if (t < first) first = t;
      if (t > last) last = t;
    }
    this.start0 = Number.isFinite(first) ? first : 0;
    this.end0 = Number.isFinite(last) ? last : 0;
    this.at = this.start0;
  }

  /** Lets a seek hand the restored model straight to the console's store. */
  connect(reset: (model: ModelState) => void): void {
    this.reset = reset;
  }

  /** Begins playing from the start, and builds the checkpoints in the background. */
  start(emit: (m: Message) => void): void {
    this.emit = emit;
    this.seekTo(this.start0);
    this.lastTick = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.buildCheckpoints();
  }

  /** Stops the clock. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.building) clearImmediate(this.building);
    this.timer = null;
    this.emit = null;
  }

  /** Reduces ahead of playback in slices, leaving a checkpoint every CHECKPOINT_EVERY messages. */
  private buildCheckpoints(): void {
    const msgs = this.recording.messages;
    const last = this.checkpoints[this.checkpoints.length - 1] ?? { next: 0, at: this.start0, model: initialModel(600) };
    let model = last.model;
    let i = last.next;
    const stopAt = Math.min(msgs.length, i + 4 * CHECKPOINT_EVERY);
    for (; i < stopAt; i++) {
      model = reduce(model, msgs[i]!);
      this.remember(i + 1, model);
    }
    if (i < msgs.length && this.emit) this.building = setImmediate(() => this.buildCheckpoints());
  }

  private remember(next: number, model: ModelState): void {
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (next % CHECKPOINT_EVERY !== 0 || (last && last.next >= next)) return;
    const m = this.recording.messages[next - 1]!;
    this.checkpoints.push({ next, at: timeOf(m) ?? this.start0, model });
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
      const m = msgs[this.next++]!;
      this.model = reduce(this.model, m);
      this.remember(this.next, this.model);
      this.emit?.(m);
    }
    this.at = t;
  }

  /** Jumps to time `t`: from the nearest checkpoint at or before it, without drawing the way there. */
  seekTo(t: number): void {
    const target = Math.max(this.start0, Math.min(this.end0, t));
    const msgs = this.recording.messages;
    let cp: Checkpoint | null = null;
    for (const c of this.checkpoints) if (c.at <= target && c.next > 0) cp = c;
    // Go on from where we are when that is nearer than any checkpoint; else restore one.
    const keep = target >= this.at && this.next > 0 && (!cp || cp.next <= this.next);
    if (!keep) {
      this.model = cp?.model ?? initialModel(600);
      this.next = cp?.next ?? 0;
    }
    while (this.next < msgs.length) {
      const mt = timeOf(msgs[this.next]!);
      if (mt !== null && mt > target) break;
      this.model = reduce(this.model, msgs[this.next++]!);
      this.remember(this.next, this.model);
    }
    this.at = target;
    this.reset?.(this.model);
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
  handleCommand(command: ReplayCommand): void {
    const i = this.speedIndex();
    switch (command) {
      case 'replay.toggle': this.paused = !this.paused; break;
      case 'replay.back': this.seekTo(this.at - 10_000); break;
      case 'replay.forward': this.seekTo(this.at + 10_000); break;
      case 'replay.back-minute': this.seekTo(this.at - 60_000); break;
      case 'replay.forward-minute': this.seekTo(this.at + 60_000); break;
      case 'replay.slower': this.speed = SPEEDS[Math.max(0, i - 1)]!; break;
      case 'replay.faster': this.speed = SPEEDS[Math.min(SPEEDS.length - 1, i + 1)]!; break;
      case 'replay.step': this.step(); break;
      case 'replay.start': this.seekTo(this.start0); break;
      case 'replay.end': this.seekTo(this.end0); break;
    }
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
