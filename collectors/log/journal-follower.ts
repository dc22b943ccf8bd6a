/**
 * Follows the journal through a `journalctl -f -o json` child, after reading
 * the counting window back (journal-readback.ts). When the child dies it is
 * started again with backoff, after the last cursor seen, and the reason is
 * reported. When the journal's files move (J: journald flushes
 * /run/log/journal into /var/log/journal, and a `journalctl -f` started before
 * /var/log/journal existed never sees the new files) it is started again at
 * once, after the last cursor. `stop()` kills it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { LogEntry, LogReadBack } from '../../src/stream/messages.js';
import { parseJournalLine } from './parse-journal.js';
import { activeJournals, readJournalBack } from './journal-readback.js';
import { WINDOW_MS } from './log-window.js';

/** What the follower reports besides entries. */
export interface FollowerEvents {
  entries(entries: LogEntry[]): void;
  note(type: 'note' | 'error', text: string): void;
  /** How far back the read at start went (after its entries). */
  readBack?(readBack: LogReadBack): void;
}

/** Where journald keeps its files: watched for a move (the flush of J). */
export const JOURNAL_ROOTS = ['/run/log/journal', '/var/log/journal'];
/** How often the journal roots are looked at. */
const MOVE_CHECK_MS = 2000;

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
  private reader: { stop(): void } | null = null;
  private readDone = false;
  /** The child is being restarted on purpose (the journal moved). */
  private resuming = false;
  /** The journal roots with an active file when the child started. */
  private journals = '';
  private moveCheck: NodeJS.Timeout | null = null;

  /** `roots`: journald's directories, watched for a move (only when following the system journal, `dir` null). */
  constructor(private readonly dir: string | null, private readonly events: FollowerEvents, private readonly roots: readonly string[] = JOURNAL_ROOTS) {}

  /** Reads the window back (the first time), then starts `journalctl -f`. */
  start(): void {
    if (this.stopped) return;
    if (!this.readDone) return this.readBack();
    const startedAt = Date.now();
    this.pending = '';
    this.journals = this.dir ? '' : activeJournals(this.roots);
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
      // A restart on purpose says nothing: J's own outcome is on the status line.
      if (this.resuming) {
        this.resuming = false;
        return this.start();
      }
      if (Date.now() - startedAt > 30_000) this.backoffMs = 1000;
      const why = stderr.trim().split('\n').pop() || (signal ? `killed by ${signal}` : `exit code ${code}`);
      this.events.note('error', `journalctl stopped (${why}); restarting in ${this.backoffMs / 1000} s`);
      this.timer = setTimeout(() => this.start(), this.backoffMs);
      this.backoffMs = Math.min(30_000, this.backoffMs * 2);
    });
  }

  /** Reads the counting window back, newest first, then follows after its newest entry. */
  private readBack(): void {
    this.reader = readJournalBack(this.dir, Date.now() - WINDOW_MS, (result) => {
      this.reader = null;
      this.readDone = true;
      if (this.stopped) return;
      if (result.entries.length) this.events.entries(result.entries);
      this.events.readBack?.(result.readBack);
      this.cursor = result.cursor;
      if (!this.dir) this.moveCheck = setInterval(() => this.checkMove(), MOVE_CHECK_MS);
      this.start();
    });
  }

  /** Restarts the child after the last entry when the journal's active files moved. */
  private checkMove(): void {
    const now = activeJournals(this.roots);
    if (now !== this.journals) this.resume();
  }

  /** Starts journalctl again at once, after the last entry seen (after J: the journal now lives in /var/log/journal). */
  resume(): void {
    if (this.stopped || !this.child || this.resuming) return;
    this.resuming = true;
    this.child.kill('SIGKILL');
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
    if (this.moveCheck) clearInterval(this.moveCheck);
    this.reader?.stop();
    this.child?.kill('SIGKILL');
    this.child = null;
  }
}
