/**
 * A recording's messages from one line on, read ahead from the file into a
 * queue bounded by bytes (MAX_AHEAD of JSON): playback takes from the front,
 * the reader refills behind it. Replay never holds more of a recording than
 * this queue and its checkpoints.
 */
import type { Message } from '../stream/messages.js';
import { gzipLines, linesEnd, type RecordingPath } from '../record/gzip-lines.js';
import { MessageParser } from '../record/reader.js';

/** JSON bytes read ahead of playback. */
export const MAX_AHEAD = 8 * 1024 * 1024;

interface Queued {
  readonly message: Message;
  readonly bytes: number;
  /** Its line index in the file (0 is the recording header). */
  readonly line: number;
  /** Whether the line was a keyframe: a new cursor can start there. */
  readonly keyframe: boolean;
}

/** Reads `path` from line index `fromLine` (a keyframe, or 1: the first message). */
export class ReplayCursor {
  private readonly queue: Queued[] = [];
  private head = 0;
  private queuedBytes = 0;
  private room: (() => void) | null = null;
  private arrival: (() => void) | null = null;
  private closed = false;
  /** True once the file has been read to its end (or its damage). */
  done = false;
  /** "recording ends early at …", once done, or null. */
  problem: string | null = null;
  /** Line index of the next message (the one after the last read once all is taken). */
  private nextLine: number;

  constructor(path: RecordingPath, startedAt: number, fromLine: number) {
    this.nextLine = fromLine;
    void this.pump(path, startedAt, fromLine);
  }

  private async pump(path: RecordingPath, startedAt: number, fromLine: number): Promise<void> {
    const end = linesEnd();
    const parser = new MessageParser(startedAt, fromLine + 1);
    let line = fromLine;
    for await (const text of gzipLines(path, end, fromLine)) {
      if (this.closed) return;
      const message = parser.push(text);
      if (parser.stopped) break;
      if (message) {
        this.queue.push({ message, bytes: text.length, line, keyframe: parser.keyframe });
        this.queuedBytes += text.length;
      }
      line++;
      this.arrival?.();
      while (this.queuedBytes > MAX_AHEAD && !this.closed) await new Promise<void>((resolve) => (this.room = resolve));
    }
    this.problem = parser.problem(end);
    this.done = true;
    this.arrival?.();
  }

  /** The next message, without taking it. */
  peek(): Message | undefined {
    return this.queue[this.head]?.message;
  }

  /** Line index of the next message, and whether it is a keyframe. */
  position(): { line: number; keyframe: boolean } {
    const q = this.queue[this.head];
    return q ? { line: q.line, keyframe: q.keyframe } : { line: this.nextLine, keyframe: false };
  }

  /** Takes the next message. */
  shift(): Message | undefined {
    const q = this.queue[this.head];
    if (!q) return undefined;
    this.head++;
    this.nextLine = q.line + 1;
    this.queuedBytes -= q.bytes;
    if (this.head > 1024) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.room && this.queuedBytes <= MAX_AHEAD / 2) {
      const wake = this.room;
      this.room = null;
      wake();
    }
    return q.message;
  }

  /** True when every message has been taken. */
  ended(): boolean {
    return this.done && this.head >= this.queue.length;
  }

  /** Resolves once a message is waiting or the file is done. */
  ready(): Promise<void> {
    if (this.head < this.queue.length || this.done) return Promise.resolve();
    return new Promise((resolve) => (this.arrival = () => {
      this.arrival = null;
      resolve();
    }));
  }

  /** Stops reading; the file is closed at the reader's next step. */
  close(): void {
    this.closed = true;
    this.room?.();
  }
}
