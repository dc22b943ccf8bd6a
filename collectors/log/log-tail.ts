/**
 * The log source: journald through journalctl, or a syslog file where there is
 * no journal. Entries are batched (every 100 ms) into `log` messages, so a
 * flood of lines costs one model update per batch, not one per line.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { JournalStorage, KernelLogFacts, LogEntry, LogReadBack, Message } from '../../src/stream/messages.js';
import { FileFollower } from './file-follower.js';
import { bootTimeNow, KmsgFollower } from './kmsg-follower.js';
import { JournalFollower, type FollowerEvents } from './journal-follower.js';
import { KernelHold, mergeByTime } from './kernel-hold.js';
import { readJournalStorage } from './journal-storage.js';
import { WINDOW_MS } from './log-window.js';
import { onPath } from '../services/services-poller.js';

/** Where logs come from. */
export interface LogOptions {
  /** Another journal directory (--journal-dir), e.g. from a rescue mount. */
  readonly journalDir?: string | null;
  /** A plain log file to follow instead (--log-file). */
  readonly logFile?: string | null;
  /** The kernel's log device; null: not read. Read only when sitrep chose the source itself (not --log-file or --journal-dir). */
  readonly kmsg?: string | null;
}

const BATCH_MS = 100;
/** A batch holds at most about this many entries (a read-back or a flood sends several; a recording's batch allows 200,000). */
const MAX_BATCH = 50_000;
const SYSLOG_FILES = ['/var/log/syslog', '/var/log/messages'];

function hasJournalFiles(dir: string): boolean {
  try {
    return readdirSync(dir, { recursive: true }).some((n) => String(n).endsWith('.journal'));
  } catch {
    return false;
  }
}

/** What the log tail follows, and what is missing when it is not the journal. */
export type LogChoice =
  | { readonly kind: 'journal'; readonly dir: string | null }
  | { readonly kind: 'file'; readonly path: string; readonly problem?: string }
  | { readonly kind: 'none'; readonly problem: string };

/** Where journald keeps its files and its socket; a test points these elsewhere. */
export interface LogPaths {
  readonly journalDirs: readonly string[];
  readonly journalSocket: string;
  readonly syslogFiles: readonly string[];
}

const LOG_PATHS: LogPaths = { journalDirs: ['/run/log/journal', '/var/log/journal'], journalSocket: '/run/systemd/journal', syslogFiles: SYSLOG_FILES };

/** Why there is no journal to read, or null when there is one. */
function journalMissing(paths: LogPaths): string | null {
  if (!onPath('journalctl')) return 'no journalctl';
  if (paths.journalDirs.some(hasJournalFiles)) return null;
  return existsSync(paths.journalSocket) ? null : `no journal files in ${paths.journalDirs.join(' or ')} and no ${paths.journalSocket} (journald is not running)`;
}

/**
 * Which source to follow on this machine: the journal when there is one (its
 * files, or a running journald), else the first syslog file, else nothing,
 * saying what is missing.
 */
export function chooseLogSource(options: LogOptions, paths: LogPaths = LOG_PATHS): LogChoice {
  if (options.logFile) return { kind: 'file', path: options.logFile };
  if (options.journalDir) return { kind: 'journal', dir: options.journalDir };
  const missing = journalMissing(paths);
  if (!missing) return { kind: 'journal', dir: null };
  const file = paths.syslogFiles.find((f) => existsSync(f));
  if (file) return { kind: 'file', path: file, problem: `${missing}: following ${file}` };
  return { kind: 'none', problem: `${missing}, and no ${paths.syslogFiles.join(' or ')}: no log to show (try --log-file FILE)` };
}

/** A started log tail; `stop()` kills journalctl and closes files. */
export interface LogTail {
  stop(): void;
  /** Reads journald's storage again (after J). */
  refreshStorage(): void;
}

/** Starts following logs; emits `log` batches and notes. */
export function startLogTail(options: LogOptions, emit: (message: Message) => void, paths: LogPaths = LOG_PATHS): LogTail {
  const choice = chooseLogSource(options, paths);
  const source = choice.kind === 'none' ? '' : choice.kind === 'file' ? choice.path : choice.dir ? `journald (${choice.dir})` : 'journald';
  let problem = choice.kind === 'journal' ? undefined : choice.problem;
  let pending: LogEntry[] = [];
  let journal: JournalStorage | undefined = choice.kind === 'journal' && !choice.dir ? readJournalStorage() : undefined;
  // The kernel's facts ride on every batch with kernel records (its boot time measured then), and when they change.
  let kernel: KernelLogFacts | undefined;
  let kernelChanged = false;
  // The window is read back at start (log-window.ts); the first batch says it is being read.
  let readBack: LogReadBack | undefined = choice.kind === 'none' ? undefined : { since: Date.now() - WINDOW_MS, reading: true, reached: null, bound: '' };
  const flush = () => {
    const batch = pending;
    pending = [];
    const facts = kernel && (kernelChanged || batch.some((e) => e.monoUsec !== undefined)) ? { ...kernel, bootTime: bootTimeNow() } : undefined;
    emit({ kind: 'log', t: Date.now(), source, entries: batch, ...(journal ? { journal } : {}), ...(problem ? { problem } : {}), ...(facts ? { kernel: facts } : {}), ...(readBack ? { readBack } : {}) });
    journal = undefined;
    problem = undefined;
    kernelChanged = false;
    readBack = undefined;
  };
  // Kernel records wait while the window is read back, then join its lines in time order: the
  // tail reads oldest to newest whichever source a line came from (bounded: MAX_BATCH, HOLD_MS).
  const held = new KernelHold(readBack !== undefined);
  const release = () => {
    const kernelLines = held.release();
    if (kernelLines.length) pending = mergeByTime(pending, kernelLines);
  };
  const kmsgPath = options.kmsg === undefined ? '/dev/kmsg' : options.kmsg;
  const kmsg = kmsgPath && !options.logFile && !options.journalDir
    ? new KmsgFollower({
      entries: (entries) => {
        if (held.take(entries)) return;
        for (const e of entries) pending.push(e);
      },
      facts: (facts) => {
        kernel = facts;
        kernelChanged = true;
      },
      note: (type, text) => emit({ kind: 'event', t: Date.now(), type, text }),
    }, kmsgPath)
    : null;
  kmsg?.start();
  flush();
  const timer = setInterval(() => {
    if (held.due()) release();
    // while the window is read back its lines wait too, so the kernel's can be merged among them
    if (!held.active && (pending.length || kernelChanged)) flush();
  }, BATCH_MS);
  const events: FollowerEvents = {
    entries: (entries) => {
      for (const e of entries) {
        pending.push(e);
        if (pending.length >= MAX_BATCH) flush();
      }
    },
    note: (type, text) => emit({ kind: 'event', t: Date.now(), type, text }),
    readBack: (done) => {
      readBack = done;
      if (!done.reading) release();
      flush();
    },
  };
  const since = readBack?.since;
  const follower = choice.kind === 'none' ? null : choice.kind === 'file' ? new FileFollower(choice.path, events, since) : new JournalFollower(choice.dir, events);
  follower?.start();
  return {
    stop() {
      clearInterval(timer);
      follower?.stop();
      kmsg?.stop();
    },
    refreshStorage() {
      if (choice.kind === 'journal' && !choice.dir) {
        journal = readJournalStorage();
        flush();
        // J flushed /run/log/journal into /var/log/journal: follow the files where they are now.
        if (follower instanceof JournalFollower) follower.resume();
      }
    },
  };
}
