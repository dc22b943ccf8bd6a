/**
 * The log source: journald through journalctl, or a syslog file where there is
 * no journal. Entries are batched (every 100 ms) into `log` messages, so a
 * flood of lines costs one model update per batch, not one per line.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { JournalStorage, LogEntry, Message } from '../src/stream/messages.js';
import { FileFollower } from './file-follower.js';
import { JournalFollower, type FollowerEvents } from './journal-follower.js';
import { readJournalStorage } from './journal-storage.js';
import { onPath } from './services-poller.js';

/** Where logs come from. */
export interface LogOptions {
  /** Another journal directory (--journal-dir), e.g. from a rescue mount. */
  readonly journalDir?: string | null;
  /** A plain log file to follow instead (--log-file). */
  readonly logFile?: string | null;
}

const BATCH_MS = 100;
const SYSLOG_FILES = ['/var/log/syslog', '/var/log/messages'];

function hasJournalFiles(dir: string): boolean {
  try {
    return readdirSync(dir, { recursive: true }).some((n) => String(n).endsWith('.journal'));
  } catch {
    return false;
  }
}

/** Which source to follow on this machine. */
export function chooseLogSource(options: LogOptions): { kind: 'journal'; dir: string | null } | { kind: 'file'; path: string } | null {
  if (options.logFile) return { kind: 'file', path: options.logFile };
  if (options.journalDir) return { kind: 'journal', dir: options.journalDir };
  if (onPath('journalctl') && (hasJournalFiles('/run/log/journal') || hasJournalFiles('/var/log/journal'))) return { kind: 'journal', dir: null };
  const file = SYSLOG_FILES.find((f) => existsSync(f));
  if (file) return { kind: 'file', path: file };
  return onPath('journalctl') ? { kind: 'journal', dir: null } : null;
}

/** A started log tail; `stop()` kills journalctl and closes files. */
export interface LogTail {
  stop(): void;
  /** Reads journald's storage again (after J). */
  refreshStorage(): void;
}

/** Starts following logs; emits `log` batches and notes. */
export function startLogTail(options: LogOptions, emit: (message: Message) => void): LogTail {
  const choice = chooseLogSource(options);
  const source = !choice ? 'no log source' : choice.kind === 'file' ? choice.path : choice.dir ? `journald (${choice.dir})` : 'journald';
  let pending: LogEntry[] = [];
  let journal: JournalStorage | undefined = choice?.kind === 'journal' && !choice.dir ? readJournalStorage() : undefined;
  const flush = () => {
    const batch = pending;
    pending = [];
    emit({ kind: 'log', t: Date.now(), source, entries: batch, ...(journal ? { journal } : {}) });
    journal = undefined;
  };
  flush();
  const timer = setInterval(() => {
    if (pending.length) flush();
  }, BATCH_MS);
  const events: FollowerEvents = {
    entries: (entries) => {
      for (const e of entries) pending.push(e);
    },
    note: (type, text) => emit({ kind: 'event', t: Date.now(), type, text }),
  };
  const follower = !choice ? null : choice.kind === 'file' ? new FileFollower(choice.path, events) : new JournalFollower(choice.dir, events);
  follower?.start();
  if (!choice) events.note('note', 'no journal and no /var/log/syslog: the Log pane stays empty (try --log-file FILE)');
  return {
    stop() {
      clearInterval(timer);
      follower?.stop();
    },
    refreshStorage() {
      if (choice?.kind === 'journal' && !choice.dir) {
        journal = readJournalStorage();
        flush();
      }
    },
  };
}
