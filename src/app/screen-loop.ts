/**
 * The console's loop, shared by every full screen (the console, the fleet's
 * table of hosts, the fleet from Prometheus): the terminal (alternate screen,
 * raw mode, restored on every way out), the frames (text the screen gives:
 * the fast path's or its Ink renderer's), a frame at once after a key or a resize and at most every
 * DATA_FRAME_MS for data, the keys decoded once, and the signals: SIGINT,
 * SIGTERM and SIGHUP end the screen restored, SIGCONT draws it again, a crash
 * restores it and exits 1. A screen can hand the terminal over (a host's
 * console, a child process) and take it back.
 */
import { decodeKeys } from '../view/keys.js';
import { parseMouse, type MouseEvent } from '../view/mouse.js';
import { Terminal } from '../term/terminal.js';
import { sanitize } from '../text/sanitize.js';

/** How a screen ended: an exit code, or a signal to die of once restored. */
export type ScreenEnd = { readonly code: number } | { readonly signal: NodeJS.Signals };

/** What a screen gives the loop. */
export interface ScreenOptions {
  readonly noColor: boolean;
  readonly ascii: boolean;
  /**
   * The frame at this size, or null when there is nothing new to draw. `ready`
   * says whether the terminal reads: ask it after the cheap "unchanged" test,
   * so no frame is built for a terminal that does not read.
   */
  readonly frame: (width: number, height: number, ready: () => boolean) => string | null;
  /** After a frame is built, before it is drawn: throws a render error a boundary caught. */
  readonly built?: () => void;
  /** One decoded key. */
  readonly key: (key: string) => void;
  /** Report the mouse (SGR), turned off on every way out like the alternate screen. */
  readonly mouse?: boolean;
  /** One mouse report (with `mouse` on), taken out of the input before its keys are decoded. */
  readonly pointer?: (event: MouseEvent) => void;
  /** After each batch of input (keys and clicks). */
  readonly afterInput?: () => void;
  /** What was drawn is gone (a resize, a drain, C-l, a resume): the next frame is drawn in full. */
  readonly forget?: () => void;
  /** Draw this often even without data (a banner or a status line that ages). */
  readonly tickMs?: number;
  /** Runs first when the screen ends (stop the source, close the links). */
  readonly closing?: (end: ScreenEnd) => void;
}

/** A running screen. */
export interface Screen {
  /** Resolves once the screen has ended, the terminal restored. */
  readonly done: Promise<ScreenEnd>;
  /** Whether the screen has ended. */
  closed(): boolean;
  /** The text of screen row `y` as last drawn (what a click landed on). */
  lineText(y: number): string;
  /** A frame at once (a key, a resize). */
  schedule(): void;
  /** A frame for data: at most every DATA_FRAME_MS. */
  scheduleData(): void;
  /** Draws now (the first frame). */
  drawNow(): void;
  /** C-l: the next frame in full. */
  redraw(): void;
  /** C-z: restores the terminal and stops the process; SIGCONT draws again. */
  suspend(): void;
  /** Hands the terminal over (a host's console, a child): keys, signals and frames stop here until `takeBack`. */
  handOver(): void;
  /** Takes the terminal back and draws in full. */
  takeBack(): void;
  /** Ends the screen. */
  end(end: ScreenEnd): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** The shortest time between two frames caused by data rather than keys. */
const DATA_FRAME_MS = 250;

/** Starts a screen on the process's terminal (stdin and stdout). */
export function startScreen(options: ScreenOptions): Screen {
  const out = process.stdout;
  const input = process.stdin;
  const terminal = new Terminal(out, input, options.noColor, options.ascii, options.mouse ?? false);
  const size = () => ({ width: out.columns || 80, height: out.rows || 24 });
  let pending: NodeJS.Immediate | null = null;
  let throttled: NodeJS.Timeout | null = null;
  let lastFrameAt = 0;
  let away = false;
  let closed = false;
  let finish: (end: ScreenEnd) => void = () => {};
  const done = new Promise<ScreenEnd>((resolve) => (finish = resolve));

  const draw = (): void => {
    pending = null;
    if (away || closed) return;
    const { width, height } = size();
    const text = options.frame(width, height, () => terminal.ready());
    if (text === null) return;
    lastFrameAt = performance.now();
    options.built?.();
    terminal.draw(text, width, height);
  };
  const schedule = (): void => {
    if (throttled) clearTimeout(throttled);
    throttled = null;
    if (!away && !closed) pending ??= setImmediate(draw);
  };
  // Data (samples, log batches, fleet rows) draws at most every DATA_FRAME_MS,
  // so a flood costs a few frames a second; keys and resizes draw at once.
  const scheduleData = (): void => {
    if (pending || throttled || away || closed) return;
    const wait = lastFrameAt + DATA_FRAME_MS - performance.now();
    if (wait <= 0) pending = setImmediate(draw);
    else throttled = setTimeout(() => {
      throttled = null;
      if (!away && !closed) pending ??= setImmediate(draw);
    }, wait);
  };
  const forget = (): void => {
    terminal.invalidate();
    options.forget?.();
  };
  const stopFrames = (): void => {
    if (pending) clearImmediate(pending);
    if (throttled) clearTimeout(throttled);
    pending = null;
    throttled = null;
  };

  const onKeys = (data: Buffer): void => {
    const text = data.toString('utf8');
    const { events, rest } = options.mouse ? parseMouse(text) : { events: [], rest: text };
    for (const event of events) {
      options.pointer?.(event);
      if (closed || away) return;
    }
    for (const key of decodeKeys(rest)) {
      options.key(key);
      if (closed || away) return;
    }
    options.afterInput?.();
    schedule();
  };
  const onSignal = Object.fromEntries(SIGNALS.map((signal) => [signal, () => end({ signal })])) as Record<(typeof SIGNALS)[number], () => void>;
  const onContinue = (): void => {
    terminal.enter();
    forget();
    schedule();
  };
  const onFatal = (error: unknown): void => {
    end({ code: 1 });
    const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
    process.stderr.write(`sitrep: internal error: ${sanitize(text, 300)} (SITREP_DEBUG=1 shows the stack)\n`);
    if (process.env.SITREP_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  };
  const onResize = (): void => {
    forget();
    schedule();
  };
  const onHangUp = (): void => end({ signal: 'SIGHUP' });
  const restoreAtExit = (): void => terminal.restore();
  /** Attaches (or detaches) everything the screen listens to while it owns the terminal. */
  const listen = (on: boolean): void => {
    const p = on ? process.on.bind(process) : process.removeListener.bind(process);
    for (const signal of SIGNALS) p(signal, onSignal[signal]);
    p('SIGCONT', onContinue);
    p('uncaughtException', onFatal);
    p('unhandledRejection', onFatal);
    if (on) {
      out.on('resize', onResize).on('error', onHangUp);
      input.on('data', onKeys).on('end', onHangUp);
    } else {
      out.removeListener('resize', onResize).removeListener('error', onHangUp);
      input.removeListener('data', onKeys).removeListener('end', onHangUp);
    }
  };

  const end = (how: ScreenEnd): void => {
    if (closed) return;
    closed = true;
    options.closing?.(how);
    stopFrames();
    if (ticker) clearInterval(ticker);
    if (!away) listen(false);
    terminal.restore();
    // A hang-up racing the exit (q, then the SSH drop) must not hit Node while
    // it tears down: late signals are swallowed until the exit.
    for (const signal of SIGNALS) {
      process.removeAllListeners(signal);
      process.on(signal, () => {});
    }
    // A screen can follow this one (H, back to the fleet): nothing of this one stays attached to the process.
    process.removeListener('exit', restoreAtExit);
    finish(how);
  };

  terminal.onDrain = () => {
    options.forget?.();
    schedule();
  };
  listen(true);
  process.on('exit', restoreAtExit);
  terminal.enter();
  const ticker = options.tickMs ? setInterval(schedule, options.tickMs) : null;
  return {
    done,
    closed: () => closed,
    lineText: (y) => terminal.lineText(y),
    schedule,
    scheduleData,
    drawNow: draw,
    redraw: forget,
    suspend: () => {
      terminal.restore();
      process.kill(process.pid, 'SIGSTOP');
    },
    handOver: () => {
      if (away || closed) return;
      away = true;
      stopFrames();
      listen(false);
      terminal.restore();
    },
    takeBack: () => {
      if (!away || closed) return;
      away = false;
      listen(true);
      terminal.enter();
      forget();
      schedule();
    },
    end,
  };
}
