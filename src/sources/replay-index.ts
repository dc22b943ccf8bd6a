/**
 * The replay's index, built by one pass over the file in the background: the
 * recording's end time, its problem, and at most MAX_CHECKPOINTS model states
 * at keyframe lines. When the set is full, every other one goes and the
 * spacing doubles, so a recording of any length keeps the same few states
 * spread evenly over it. A seek restores the nearest state at or before its
 * target and reads on from that keyframe.
 */
import { initialModel, reduce, type ModelState } from '../model/model.js';
import { gzipLines, linesEnd, type RecordingPath } from '../record/gzip-lines.js';
import type { RecordingHeader } from '../record/codec.js';
import { MessageParser } from '../record/reader.js';

/** Model states kept: in a flood each holds a full Log tail and 2 × 2,500 counted keys (the 20-minute flood replay peaked at 450 MiB RSS with 16, 373 MiB with 8). */
export const MAX_CHECKPOINTS = 8;
const FIRST_SPACING_MS = 10_000;

/** The model before line `line` (a keyframe, or 1), at recorded time `at`. */
export interface Checkpoint {
  readonly line: number;
  readonly at: number;
  readonly model: ModelState;
}

/** The index of one recording; `done` resolves when the pass ends. */
export class ReplayIndex {
  readonly checkpoints: Checkpoint[];
  /** The last message's time, so far. */
  endAt: number;
  /** "recording ends early at …", once known. */
  problem: string | null = null;
  finished = false;
  /** Fraction of the file read, 0 to 1. */
  progress = 0;
  readonly done: Promise<void>;
  private spacing = FIRST_SPACING_MS;
  private stopped = false;

  constructor(private readonly path: RecordingPath, private readonly header: RecordingHeader, private readonly fileBytes: number) {
    this.endAt = header.startedAt;
    this.checkpoints = [{ line: 1, at: header.startedAt, model: reduce(initialModel(600), header.stream) }];
    this.done = this.build();
  }

  /** The latest checkpoint at or before `t`. */
  before(t: number): Checkpoint {
    let best = this.checkpoints[0]!;
    for (const c of this.checkpoints) if (c.at <= t) best = c;
    return best;
  }

  /** Ends the pass early (the console quit). */
  stop(): void {
    this.stopped = true;
  }

  private async build(): Promise<void> {
    const end = linesEnd();
    const parser = new MessageParser(this.header.startedAt);
    let model = this.checkpoints[0]!.model;
    let line = 1;
    for await (const text of gzipLines(this.path, end, 1)) {
      if (this.stopped) return;
      const m = parser.push(text);
      if (parser.stopped) break;
      if (m) {
        if (parser.keyframe && m.t - this.checkpoints.at(-1)!.at >= this.spacing) this.keep({ line, at: m.t, model });
        model = reduce(model, m);
        this.endAt = Math.max(this.endAt, m.t);
      }
      line++;
      this.progress = this.fileBytes > 0 ? Math.min(1, end.compressedBytes / this.fileBytes) : 1;
    }
    this.problem = parser.problem(end);
    this.progress = 1;
    this.finished = true;
  }

  private keep(checkpoint: Checkpoint): void {
    this.checkpoints.push(checkpoint);
    if (this.checkpoints.length <= MAX_CHECKPOINTS) return;
    const kept = this.checkpoints.filter((_, i) => i % 2 === 0);
    this.checkpoints.splice(0, this.checkpoints.length, ...kept);
    this.spacing *= 2;
  }
}
