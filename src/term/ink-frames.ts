/**
 * Renders React elements to frame strings with one long-lived Ink instance, so
 * React and yoga update only what changed between frames (renderToString
 * builds and frees the whole tree every time). Ink writes each frame, whole,
 * to a private stream (debug mode); the Terminal then sends only changed cells.
 */
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';

/** The stream Ink writes to: it keeps the last frame and reports a size. */
class FrameSink extends EventEmitter {
  columns: number;
  rows: number;
  frame = '';
  readonly isTTY = false;

  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write(chunk: string): boolean {
    this.frame = chunk;
    return true;
  }
}

/** Stands in for stdin: Ink never reads keys here (the console decodes them). */
class SilentInput extends EventEmitter {
  readonly isTTY = false;
  setEncoding(): this { return this; }
  setRawMode(): this { return this; }
  ref(): this { return this; }
  unref(): this { return this; }
  read(): null { return null; }
  resume(): this { return this; }
  pause(): this { return this; }
}

/** A persistent renderer: `frame()` returns the text of the element at a size. */
export class InkFrames {
  private readonly sink: FrameSink;
  private instance: Instance | null = null;

  constructor(columns: number, rows: number) {
    this.sink = new FrameSink(columns, rows);
  }

  /** Renders `element` at columns x rows and returns the frame text. */
  frame(element: ReactElement, columns: number, rows: number): string {
    if (columns !== this.sink.columns || rows !== this.sink.rows) {
      this.sink.columns = columns;
      this.sink.rows = rows;
      this.sink.emit('resize');
    }
    if (!this.instance) {
      this.instance = render(element, {
        stdout: this.sink as unknown as NodeJS.WriteStream,
        stdin: new SilentInput() as unknown as NodeJS.ReadStream,
        debug: true,
        patchConsole: false,
        exitOnCtrlC: false,
      });
    } else {
      this.instance.rerender(element);
    }
    return this.sink.frame;
  }

  /** Unmounts the tree and frees its layout nodes. */
  close(): void {
    this.instance?.unmount();
    this.instance = null;
  }
}
