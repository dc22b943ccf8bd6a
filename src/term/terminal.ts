/**
 * The terminal: enters and leaves the alternate screen, raw mode and cursor
 * visibility, and draws frames by writing only changed cells. `restore()` is
 * idempotent and synchronous, so it is safe from signal and exit handlers.
 */
import { asciiRow } from './ascii.js';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { LineMemo, parseLine, type Row } from './cells.js';
import { diffFrames } from './diff.js';

const ENTER = '\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[H\x1b[2J';
// Mouse reporting (issue 35) is turned off on every way out, whether or not it was on.
const LEAVE = '\x1b[?1006l\x1b[?1000l\x1b[0m\x1b[?7h\x1b[?25h\x1b[?1049l';
/** SGR mouse reporting on (src/view/mouse.ts's MOUSE_ON; the terminal's side owns the bytes). */
const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';

/** Owns the tty for the life of the console. */
export class Terminal {
  private shown: Row[] | null = null;
  private readonly lines = new LineMemo();
  private active = false;
  /** Bytes written to the terminal so far (frames only). */
  bytesWritten = 0;

  constructor(
    private readonly output: NodeJS.WriteStream,
    private readonly input: NodeJS.ReadStream,
    private readonly noColor: boolean,
    /** Draw ASCII only (--ascii, TERM=linux). */
    private readonly ascii = false,
    /** Report the mouse (on by default; --no-mouse keeps the terminal's own selection). */
    private readonly mouse = false,
  ) {}

  /** The text of screen row `y` as last drawn ('' before a frame): what a click landed on. */
  lineText(y: number): string {
    return this.shown?.[y]?.chars.join('') ?? '';
  }

  /** True while a write is still queued: the terminal is not reading (a stalled SSH link). */
  private waiting = false;
  /** Called once the queued write has drained, so the console draws again (in full). */
  onDrain: () => void = () => {};

  /**
   * Whether a frame may be drawn now. While the terminal does not read, none
   * is: no frame is queued in memory, and the next one after the drain is
   * drawn in full.
   */
  ready(): boolean {
    if (!this.active) return false;
    if (this.output.writableLength === 0) return true;
    this.shown = null;
    if (!this.waiting) {
      this.waiting = true;
      this.output.once('drain', () => {
        this.waiting = false;
        this.onDrain();
      });
    }
    return false;
  }

  /** Switches to the alternate screen, hides the cursor and enters raw mode. */
  enter(): void {
    if (this.active) return;
    this.active = true;
    // A TTY is written blocking by default: a terminal that stops reading would
    // stop the whole process (collection, recording, signals). Non-blocking, the
    // loop goes on and ready() holds frames back instead.
    (this.output as { _handle?: { setBlocking?: (blocking: boolean) => void } })._handle?.setBlocking?.(false);
    if (this.input.isTTY) this.input.setRawMode(true);
    this.input.resume();
    this.write(ENTER + (this.mouse ? MOUSE_ON : ''));
    this.shown = null;
  }

  /** Draws a rendered frame, writing only the cells that changed. */
  draw(frame: string, width: number, height: number): void {
    if (!this.ready()) return;
    const next = this.lines.rows(frame, width, height, (line) => {
      const row = parseLine(line, width, this.noColor);
      return this.ascii ? asciiRow(row) : row;
    });
    const bytes = diffFrames(this.shown, next);
    this.shown = next;
    if (bytes) this.write(bytes);
    if (FRAME_FILE) dumpFrame(FRAME_FILE, next);
  }

  /** Forgets what is on screen, so the next frame is drawn in full. */
  invalidate(): void {
    this.shown = null;
  }

  /** Leaves the alternate screen, shows the cursor, returns to cooked mode. */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    try {
      if (this.input.isTTY) this.input.setRawMode(false);
    } catch {
      // The tty is gone (hang-up): there is nothing left to restore.
    }
    this.input.pause();
    writeAllSync(fdOf(this.output), LEAVE);
  }

  private write(text: string): void {
    if (this.output.writableEnded || this.output.destroyed) return;
    this.bytesWritten += Buffer.byteLength(text);
    this.output.write(text);
  }
}

/**
 * A test hook: with SITREP_FRAME_FILE set, the text of every frame drawn (what
 * sitrep believes is on screen, one line per row, a wide character once) is
 * written there, so a test can compare it cell for cell with tmux and with an
 * independent terminal emulator. Never set in normal use.
 */
const FRAME_FILE = process.env.SITREP_FRAME_FILE ?? '';

/** The plain text of a frame, as a terminal's screen dump shows it. */
export function frameText(rows: readonly Row[]): string {
  return rows.map((r) => r.chars.join('').trimEnd()).join('\n');
}

function dumpFrame(path: string, rows: readonly Row[]): void {
  try {
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);
    writeAllSync(fd, `${frameText(rows)}\n`);
    closeSync(fd);
  } catch {
    // a test hook: never the console's problem
  }
}

function fdOf(stream: NodeJS.WriteStream): number {
  return (stream as unknown as { fd?: number }).fd ?? 1;
}

/** Writes all of `text` to `fd` now, retrying short writes; gives up on a dead tty. */
function writeAllSync(fd: number, text: string): void {
  const buffer = Buffer.from(text);
  let offset = 0;
  for (let tries = 0; offset < buffer.length && tries < 100; tries++) {
    try {
      offset += writeSync(fd, buffer, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
    }
  }
}
