/**
 * Follows the journal through a `journalctl -f -o json` child. When the child
 * dies it is started again with backoff, after the last cursor seen, and the
 * reason is reported. `stop()` kills it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { LogEntry } from '../src/stream/messages.js';
import { parseJournalLine } from './parse-journal.js';

/** What the follower reports besides entries. */
export interface FollowerEvents {
  entries(entries: LogEntry[]): void;
  note(type: 'note' | 'error', text: string): void;
}

const MAX_PENDING = 1 << 20;

/** The journalctl argv: history first, or resume after a cursor. */
export function journalctlArgs(dir: string | null, cursor: string | null, history = 500): string[] {
  const where = dir ? ['--directory', dir] : [];
  const from = cursor ? [`--after-cursor=${cursor}`] : ['-n', String(history)];
  // --all: without it, fields over 4 KiB come as null (the parser cuts messages to 4 KiB itself).
  return ['-f', '-o', 'json', '--all', '--no-pager', ...from, ...where];
}

/** A running `journalctl -f`, restarted when it dies. */
export class JournalFollower {
  private child: ChildProcess | null = null;
  private cursor: string | null = null;
  private pending = '';
  private stopped = false;
  private backoffMs = 1000;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly dir: string | null, private readonly events: FollowerEvents) {}

  /** Starts journalctl. */
  start(): void {
    if (this.stopped) return;
    const startedAt = Date.now();
    const child = spawn('journalctl', journalctlArgs(this.dir, this.cursor), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let stderr = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => this.onData(chunk));
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-500)));
    child.on('error', (error) => this.events.note('error', `journalctl: ${error.message}`));
    child.on('close', (code, signal) => {
      this.child = null;
      if (this.stopped) return;
      if (Date.now() - startedAt > 30_000) this.backoffMs = 1000;
      const why = stderr.trim().split('\n').pop() || (signal ? `killed by ${signal}` : `exit code ${code}`);
      this.events.note('error', `journalctl stopped (${why}); restarting in ${this.backoffMs / 1000} s`);
      this.timer = setTimeout(() => this.start(), this.backoffMs);
      this.backoffMs = Math.min(30_000, this.backoffMs * 2);
    });
  }

  private onData(chunk: string): void {
    const text = this.pending + chunk;
    const lines = text.split('\n');
    this.pending = (lines.pop() ?? '').slice(-MAX_PENDING);
    const entries: LogEntry[] = [];
    let last = '';
    for (const line of lines) {
      if (!line) continue;
      const entry = parseJournalLine(line);
      if (!entry) continue;
      entries.push(entry);
      last = line;
    }
    // Only the newest cursor matters (a restart resumes after it).
    const cursor = /"__CURSOR":"([^"]+)"/.exec(last)?.[1];
    if (cursor) this.cursor = cursor;
    if (entries.length) this.events.entries(entries);
  }

  /** Kills the child and stops restarting it. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.child?.kill('SIGKILL');
    this.child = null;
  }
}
