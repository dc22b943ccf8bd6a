import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFollower } from '../../../collectors/log/file-follower.js';
import { readJournalStorage } from '../../../collectors/log/journal-storage.js';
import { journalctlArgs } from '../../../collectors/log/journal-follower.js';
import { chooseLogSource, type LogPaths } from '../../../collectors/log/log-tail.js';
import { logSender } from '../../../src/model/log-classify.js';
import { parseJournalLine, parseSyslogLine, storageSetting } from '../../../collectors/log/parse-journal.js';
import type { LogEntry } from '../../../src/stream/messages.js';
import { journalFields } from '../../../src/text/journal-fields.js';
import { eventually } from '../../support/tmux.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sitrep-journal-'));
  dirs.push(d);
  return d;
};

describe('journal JSON lines', () => {
  it('reads priority, unit, pid, time and a MESSAGE given as bytes (invalid UTF-8 replaced)', () => {
    const bytes = [...Buffer.from('bin \x1b[31m'), 0xff, 0xfe, ...Buffer.from(' end')];
    const e = parseJournalLine(JSON.stringify({ MESSAGE: bytes, PRIORITY: '3', _SYSTEMD_UNIT: 'php-fpm.service', _PID: '77', __REALTIME_TIMESTAMP: '1795332395575636', __CURSOR: 'c', UNIT: 'x.service' }))!;
    expect(e).toMatchObject({ priority: 3, unit: 'php-fpm.service', pid: 77, t: 1795332395575 });
    expect(e.message).toBe('bin \x1b[31m\ufffd\ufffd end');
    expect(e.fields).toMatchObject({ UNIT: 'x.service', _SYSTEMD_UNIT: 'php-fpm.service' });
    expect(e.raw).toContain('"__CURSOR":"c"');
    // the line detail lists every field from the raw entry, binary ones decoded
    const all = journalFields(e.raw!);
    expect(all).toMatchObject({ _PID: '77', UNIT: 'x.service', PRIORITY: '3' });
    expect(all).not.toHaveProperty('__CURSOR');
    expect(journalFields(JSON.stringify({ BIN: [104, 105, 0xff] })).BIN).toBe('hi\ufffd');
  });

  it('keeps a syslog identifier as the sender, never as a unit; bounds huge messages, and ignores garbage', () => {
    const e = parseJournalLine(JSON.stringify({ MESSAGE: 'x'.repeat(100_000), SYSLOG_IDENTIFIER: 'kernel' }))!;
    expect(e.unit).toBe('');
    expect(logSender(e)).toBe('kernel');
    expect(e.message.length).toBe(4096);
    expect(e.priority).toBeNull();
    expect(parseJournalLine('not json')).toBeNull();
    expect(parseJournalLine('42')).toBeNull();
  });

  it('follows with -f -o json --no-pager, 500 lines of history, or after the last cursor', () => {
    expect(journalctlArgs(null, null)).toEqual(['-f', '-o', 'json', '--all', '--no-pager', '-n', '500']);
    expect(journalctlArgs('/mnt/j', 's=1')).toEqual(['-f', '-o', 'json', '--all', '--no-pager', '--after-cursor=s=1', '--directory', '/mnt/j']);
  });
});

describe('syslog lines', () => {
  it('parses BSD and ISO timestamps, tags and pids, and keeps unparsed lines', () => {
    const now = new Date(2026, 10, 22, 12, 0, 0).getTime();
    expect(parseSyslogLine('Nov 22 07:00:01 web nginx[12]: GET / failed', now)).toMatchObject({ unit: '', fields: { SYSLOG_IDENTIFIER: 'nginx' }, pid: 12, message: 'GET / failed', priority: 3, t: new Date(2026, 10, 22, 7, 0, 1).getTime() });
    expect(parseSyslogLine('2026-11-22T07:00:01.5+00:00 web kernel: Out of memory: Killed process 1 (x)', now)).toMatchObject({ unit: '', fields: { SYSLOG_IDENTIFIER: 'kernel' }, t: Date.parse('2026-11-22T07:00:01.5Z'), priority: 2 });
    expect(parseSyslogLine('Dec 31 23:59:59 web cron: x', now).t).toBe(new Date(2025, 11, 31, 23, 59, 59).getTime());
    expect(parseSyslogLine('just text', now)).toMatchObject({ unit: '', message: 'just text', t: now });
  });
});

describe('journald storage', () => {
  it('takes the last Storage= of the [Journal] sections in order', () => {
    expect(storageSetting(['[Journal]\n#Storage=auto\n'])).toBe('auto');
    expect(storageSetting(['[Journal]\nStorage=persistent\n', '[Journal]\nStorage=volatile\n'])).toBe('volatile');
    expect(storageSetting(['[Other]\nStorage=volatile\n'])).toBe('auto');
  });

  it('calls auto without /var/log/journal volatile, and persistent once the directory exists; drop-ins override', () => {
    const root = tempDir();
    mkdirSync(join(root, 'etc/systemd'), { recursive: true });
    writeFileSync(join(root, 'etc/systemd/journald.conf'), '[Journal]\n#Storage=auto\n');
    expect(readJournalStorage(root)).toMatchObject({ storage: 'auto', volatile: true });
    mkdirSync(join(root, 'var/log/journal/0123456789abcdef0123456789abcdef'), { recursive: true });
    expect(readJournalStorage(root)).toMatchObject({ volatile: false, storagePath: join(root, 'var/log/journal/0123456789abcdef0123456789abcdef') });
    mkdirSync(join(root, 'etc/systemd/journald.conf.d'));
    writeFileSync(join(root, 'etc/systemd/journald.conf.d/90-ram.conf'), '[Journal]\nStorage=volatile\n');
    expect(readJournalStorage(root)).toMatchObject({ storage: 'volatile', volatile: true });
  });
});

describe('FileFollower on real files', () => {
  it('follows appends, rotation (mv plus a new file) and truncation', async () => {
    const dir = tempDir();
    const path = join(dir, 'syslog');
    writeFileSync(path, 'Nov 22 07:00:00 h a: old\n');
    const seen: LogEntry[] = [];
    const notes: string[] = [];
    const f = new FileFollower(path, { entries: (e) => seen.push(...e), note: (_t, text) => notes.push(text) });
    f.start();
    try {
      expect(seen.map((e) => e.message)).toEqual(['old']);
      appendFileSync(path, 'Nov 22 07:00:01 h a: one\n');
      expect(await eventually(() => seen.some((e) => e.message === 'one'), 3000)).toBe(true);
      appendFileSync(path, 'Nov 22 07:00:02 h a: last-before-rotation\n');
      renameSync(path, `${path}.1`);
      writeFileSync(path, 'Nov 22 07:00:03 h a: first-after-rotation\n');
      expect(await eventually(() => seen.some((e) => e.message === 'first-after-rotation'), 3000)).toBe(true);
      expect(seen.some((e) => e.message === 'last-before-rotation')).toBe(true);
      expect(notes.some((n) => n.includes('rotated'))).toBe(true);
      appendFileSync(path, 'Nov 22 07:00:04 h a: padding padding padding padding\n');
      await eventually(() => seen.some((e) => e.message.startsWith('padding')), 3000);
      truncateSync(path, 0);
      appendFileSync(path, 'Nov 22 07:00:05 h a: after-truncation\n');
      expect(await eventually(() => seen.some((e) => e.message === 'after-truncation'), 3000)).toBe(true);
      expect(notes.some((n) => n.includes('truncated'))).toBe(true);
    } finally {
      f.stop();
    }
  });
});

describe('FileFollower against hostile replacements', () => {
  const follow = (path: string) => {
    const seen: LogEntry[] = [];
    const notes: string[] = [];
    const f = new FileFollower(path, { entries: (e) => seen.push(...e), note: (_t, text) => notes.push(text) });
    return { f, seen, notes };
  };

  for (const [what, plant] of [
    ['a symlink to /dev/zero', (p: string) => symlinkSync('/dev/zero', p)],
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p])],
  ] as const) {
    it(`refuses ${what} put at the path by rename, and keeps answering`, async () => {
      const dir = tempDir();
      const path = join(dir, 'syslog');
      writeFileSync(path, 'Nov 22 07:00:00 h a: before\n');
      const { f, seen, notes } = follow(path);
      f.start();
      try {
        plant(`${path}.new`);
        renameSync(`${path}.new`, path);
        expect(await eventually(() => notes.some((n) => n.includes('not a regular file')), 3000)).toBe(true);
        // the event loop still turns: a timer fires promptly
        const t0 = Date.now();
        await new Promise((r) => setTimeout(r, 20));
        expect(Date.now() - t0).toBeLessThan(1000);
        expect(notes.filter((n) => n.includes('not a regular file'))).toHaveLength(1);
        // a regular file again is followed
        writeFileSync(`${path}.new`, 'Nov 22 07:00:01 h a: regular-again\n');
        renameSync(`${path}.new`, path);
        expect(await eventually(() => seen.some((e) => e.message === 'regular-again'), 3000)).toBe(true);
      } finally {
        f.stop();
      }
    });
  }

  it('skips a sparse 20 GB jump to the recent end, and says so', async () => {
    const dir = tempDir();
    const path = join(dir, 'syslog');
    writeFileSync(path, 'Nov 22 07:00:00 h a: before\n');
    const { f, seen, notes } = follow(path);
    f.start();
    try {
      truncateSync(path, 20 * 2 ** 30);
      appendFileSync(path, '\nNov 22 07:00:02 h a: after-the-hole\n');
      expect(await eventually(() => seen.some((e) => e.message === 'after-the-hole'), 3000)).toBe(true);
      expect(notes.some((n) => /skipped 20\.0 GiB/.test(n))).toBe(true);
    } finally {
      f.stop();
    }
  });
});


describe('choosing the log source', () => {
  const base = mkdtempSync(join(tmpdir(), 'sitrep-logsrc-'));
  const paths = (over: Partial<LogPaths> = {}): LogPaths => ({ journalDirs: [join(base, 'run-journal'), join(base, 'var-journal')], journalSocket: join(base, 'socket'), syslogFiles: [join(base, 'syslog')], ...over });

  it('follows the journal when it has files, or when journald runs (its socket)', () => {
    mkdirSync(join(base, 'var-journal', 'abc'), { recursive: true });
    writeFileSync(join(base, 'var-journal', 'abc', 'system.journal'), '');
    expect(chooseLogSource({}, paths())).toEqual({ kind: 'journal', dir: null });
    writeFileSync(join(base, 'socket'), '');
    expect(chooseLogSource({}, paths({ journalDirs: [join(base, 'nowhere')] }))).toEqual({ kind: 'journal', dir: null });
  });

  it('falls back to a syslog file saying what is missing, else says there is nothing', () => {
    const none = paths({ journalDirs: [join(base, 'nowhere')], journalSocket: join(base, 'no-socket') });
    expect(chooseLogSource({}, none)).toMatchObject({ kind: 'none', problem: expect.stringMatching(/^(no journalctl|no journal files in .*nowhere and no .*no-socket \(journald is not running\)), and no .*syslog: no log to show/) });
    writeFileSync(join(base, 'syslog'), '');
    expect(chooseLogSource({}, none)).toMatchObject({ kind: 'file', path: join(base, 'syslog'), problem: expect.stringMatching(/: following .*syslog$/) });
    expect(chooseLogSource({ logFile: '/x.log' }, none)).toEqual({ kind: 'file', path: '/x.log' });
  });
});
