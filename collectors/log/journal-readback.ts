/**
 * Reads the journal back from its end over the counting window, newest first
 * (`journalctl -r`), so a bound on bytes or time keeps the most recent part:
 * "10m (only the last 4m were readable)". The entries are handed over oldest
 * first, with the newest entry's cursor for the follower to go on from.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry, LogReadBack } from '../../src/stream/messages.js';
import { parseJournalLine } from './parse-journal.js';
import { formatBytes } from './log-window.js';

/** journalctl JSON read back before the window's start is cut short. */
export const JOURNAL_READBACK_BYTES = 64 * 1024 * 1024;
/** Entries read back at most (a flood of short lines). */
export const JOURNAL_READBACK_LINES = 200_000;
/** The read-back stops after this long (journalctl is killed). */
export const JOURNAL_READBACK_MS = 5000;
/** Entries read even when older than the window: context for a quiet journal (what `-n 500` gave). */
export const CONTEXT_LINES = 500;
/** The newest entries keep their raw JSON (the pane keeps 5,000 lines; older ones only count). */
const RAW_KEPT = 5000;

/** The journalctl argv of the read-back: newest first, no follow. */
export function readBackArgs(dir: string | null): string[] {
  return ['-r', '-o', 'json', '--all', '--no-pager', ...(dir ? ['--directory', dir] : [])];
}

/** What the read-back found: entries oldest first, the newest cursor, how far back it went. */
export interface JournalReadBack {
  readonly entries: LogEntry[];
  readonly cursor: string | null;
  readonly readBack: LogReadBack;
}

/**
 * Reads the journal back to `since` (and at least CONTEXT_LINES entries),
 * bounded by `limit`; calls `done` once. `stop()` kills journalctl.
 */
export function readJournalBack(dir: string | null, since: number, done: (result: JournalReadBack) => void, limit = { bytes: JOURNAL_READBACK_BYTES, ms: JOURNAL_READBACK_MS }): { stop(): void } {
  const child = spawn('journalctl', readBackArgs(dir), { stdio: ['ignore', 'pipe', 'ignore'] });
  const newestFirst: LogEntry[] = [];
  let cursor: string | null = null;
  let pending = '';
  let bytes = 0;
  let finished = false;
  const finish = (bound: string) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    child.kill('SIGKILL');
    const reached = bound ? (newestFirst.at(-1)?.t ?? Date.now()) : null;
    done({ entries: newestFirst.reverse(), cursor, readBack: { since, reading: false, reached, bound } });
  };
  const timer = setTimeout(() => finish(`${limit.ms / 1000} s`), limit.ms);
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    if (finished) return;
    bytes += chunk.length;
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const entry = line ? parseJournalLine(line) : null;
      if (!entry) continue;
      // The journal's own order is by reception time: a kernel line's own stamp may be far older (moved back at boot).
      const received = Number(/"__REALTIME_TIMESTAMP":"(\d+)"/.exec(line)?.[1] ?? entry.t * 1000) / 1000;
      if (received < since && newestFirst.length >= CONTEXT_LINES) return finish('');
      cursor ??= /"__CURSOR":"([^"]+)"/.exec(line)?.[1] ?? null;
      newestFirst.push(newestFirst.length < RAW_KEPT ? entry : { ...entry, raw: undefined });
    }
    if (bytes > limit.bytes) finish(formatBytes(limit.bytes));
    else if (newestFirst.length >= JOURNAL_READBACK_LINES) finish(`${String(JOURNAL_READBACK_LINES).replace(/\B(?=(\d{3})+$)/g, ',')} lines`);
  });
  child.on('error', () => finish(''));
  child.on('close', () => finish(''));
  return { stop: () => finish('') };
}

/** Which journal roots hold an active journal file now ('/run/log/journal' before J, '/var/log/journal' after its flush). */
export function activeJournals(roots: readonly string[]): string {
  return roots
    .filter((root) => {
      try {
        return readdirSync(root).some((id) => existsSync(join(root, id, 'system.journal')));
      } catch {
        return false;
      }
    })
    .join(' ');
}
