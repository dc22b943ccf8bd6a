/**
 * A real terminal for end-to-end tests: a private tmux server per test, with
 * helpers to type, read the screen and wait for text with a deadline.
 */
import { spawnSync } from 'node:child_process';

/** Whether tmux is installed (CI installs it; elsewhere tests may skip). */
export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

/** A tmux session on its own socket. */
export class TmuxSession {
  readonly socket: string;

  constructor(name: string, width: number, height: number, command: string) {
    this.socket = `sitrep-test-${name}-${process.pid}`;
    this.tmux('kill-server');
    // A retried test finds its first attempt's server still exiting ("server exited unexpectedly"): wait for it, up to 2 s.
    const args = ['-L', this.socket, '-f', '/dev/null', 'new-session', '-d', '-s', 't', '-x', String(width), '-y', String(height), command];
    for (let attempt = 0; ; attempt++) {
      const r = spawnSync('tmux', args, { encoding: 'utf8' });
      if (r.status === 0) break;
      if (attempt >= 20) throw new Error(`tmux new-session failed: ${r.stderr.trim()}`);
      spawnSync('sleep', ['0.1']);
    }
  }

  /** Runs a tmux command on this socket; returns stdout, or '' when it fails. */
  tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout : '';
  }

  /** Types keys (tmux key names, such as 'Tab', 'q', 'Escape'). */
  send(...keys: string[]): void {
    this.tmux('send-keys', '-t', 't', ...keys);
  }

  /** Types text literally. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 't', '-l', text);
  }

  /** The screen as text; with `escapes`, colours and attributes too. */
  screen(escapes = false): string {
    return this.tmux('capture-pane', '-t', 't', '-p', ...(escapes ? ['-e'] : []));
  }

  /** A tmux format value for the pane, such as '#{alternate_on}'. */
  format(spec: string): string {
    return this.tmux('display-message', '-p', '-t', 't', spec).trim();
  }

  resize(width: number, height: number): void {
    this.tmux('resize-window', '-t', 't', '-x', String(width), '-y', String(height));
  }

  /** Polls the screen until `test` holds; throws with the last screen at the deadline. */
  async waitFor(test: (screen: string) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (test(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
  }

  /** Waits until the status line's clock (the time of the sample on screen) has moved `samples` times: that many new samples drawn. */
  async waitForSamples(samples: number, timeoutMs = 20_000): Promise<string> {
    const clock = (screen: string) => / sitrep \S+ {2}(\d\d:\d\d:\d\d) /.exec(screen)?.[1] ?? null;
    let last = clock(this.screen());
    let moved = 0;
    return this.waitFor((screen) => {
      const now = clock(screen);
      if (now !== null && now !== last) {
        if (last !== null) moved++;
        last = now;
      }
      return moved >= samples;
    }, timeoutMs, `${samples} new samples (the status line's clock)`);
  }

  /** Moves the selection (g, then j) until the inverse line holds `text`; waits for each move to show. */
  async selectLine(text: string, maxSteps = 80): Promise<void> {
    // The inverse line inside a pane (only the focused pane shows its selection). The status bar,
    // also inverse, is left out: its clock moves every second, which looked like a move.
    const selected = () => this.screen(true).split('\n').find((l) => l.includes('│') && /\x1b\[(?:[\d;]*;)?7(?:;[\d;]*)?m/.test(l)) ?? '';
    // Let keys sent just before (a focus switch) take effect first: a change they make would look like a move.
    await new Promise((r) => setTimeout(r, 300));
    let before = selected();
    this.send('g');
    for (let i = 0; i < maxSteps; i++) {
      // 3 s: on a loaded machine a move can take over a second, and a second j sent meanwhile overshoots.
      const deadline = Date.now() + 3000;
      let now = selected();
      while (now === before && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 30));
        now = selected();
      }
      if (now.includes(text)) return;
      before = now;
      this.send('j');
    }
    throw new Error(`no line with ${text} could be selected; screen was:\n${this.screen()}`);
  }

  /** Kills the server: every client hangs up, panes get SIGHUP. */
  kill(): void {
    this.tmux('kill-server');
  }
}

/** Waits until `test` holds or the deadline passes; returns whether it held. */
export async function eventually(test: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return test();
}

/** Skips a suite outside CI when a requirement is missing; in CI a skip is a failure. */
export function requireOrSkip(ok: boolean, reason: string): boolean {
  if (ok) return true;
  if (process.env.CI === 'true') throw new Error(`required in CI: ${reason}`);
  console.warn(`skipping: ${reason}`);
  return false;
}

/**
 * Whether `screen` shows "VERB PATH REST" with PATH whole or shortened in the
 * middle as the status line fits a long message ('/srv/…/victim'): the basename
 * must be there, and the start of the path up to the cut.
 */
export function shownPath(screen: string, verb: string, path: string, rest: string): boolean {
  if (screen.includes(`${verb} ${path}${rest}`)) return true;
  const base = path.slice(path.lastIndexOf('/'));
  const at = screen.indexOf(`…${base}${rest}`);
  if (at < 0) return false;
  const start = screen.lastIndexOf(`${verb} `, at);
  return start >= 0 && path.startsWith(screen.slice(start + verb.length + 1, at));
}
