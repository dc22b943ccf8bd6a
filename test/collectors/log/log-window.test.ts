/**
 * The read-back at start on real files and a stand-in journalctl: a file is
 * read back to the window's start (bounded in bytes), the journal newest first
 * and handed over oldest first, and journalctl is started again after the
 * last cursor when the journal's files move (J's flush).
 */
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileFollower } from '../../../collectors/log/file-follower.js';
import { JournalFollower } from '../../../collectors/log/journal-follower.js';
import { activeJournals, readBackArgs, readJournalBack, type JournalReadBack } from '../../../collectors/log/journal-readback.js';
import { fileWindowStart, rotatedAway } from '../../../collectors/log/log-window.js';
import type { LogEntry, LogReadBack } from '../../../src/stream/messages.js';
import { eventually } from '../../support/tmux.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sitrep-window-'));
  dirs.push(d);
  return d;
};

const iso = (t: number) => new Date(t).toISOString();
/** `n` ISO-dated lines evenly from `from` to `to`, each about 100 bytes. */
const dated = (n: number, from: number, to: number) =>
  Array.from({ length: n }, (_, i) => `${iso(from + Math.floor(((to - from) * i) / (n - 1)))} web sshd[7]: line ${i} ${'x'.repeat(40)}\n`).join('');

describe('fileWindowStart', () => {
  const now = Date.now();
  const since = now - 600_000;

  it('starts at or before the first line of the window, not far before it', () => {
    const path = join(tempDir(), 'log');
    const old = dated(20_000, now - 3_600_000, since - 1000);
    writeFileSync(path, old + dated(10_000, since + 1000, now));
    const fd = openSync(path, 'r');
    try {
      const start = fileWindowStart(fd, Buffer.byteLength(readFileSync(path)), since, now);
      expect(start.readBack).toEqual({ since, reading: false, reached: null, bound: '' });
      expect(start.offset).toBeLessThanOrEqual(Buffer.byteLength(old));
      expect(Buffer.byteLength(old) - start.offset).toBeLessThan(256 * 1024);
    } finally {
      closeSync(fd);
    }
  });

  it('stops at the byte bound and says how far back it got', () => {
    const path = join(tempDir(), 'log');
    writeFileSync(path, dated(40_000, since + 1000, now));
    const size = readFileSync(path).length;
    const fd = openSync(path, 'r');
    try {
      const start = fileWindowStart(fd, size, since, now, { bytes: 2 * 2 ** 20, ms: 10_000 });
      expect(start.offset).toBe(size - 2 * 2 ** 20);
      expect(start.readBack.bound).toBe('2 MiB');
      expect(start.readBack.reached).toBeGreaterThan(since);
      expect(start.readBack.reached).toBeLessThan(now);
    } finally {
      closeSync(fd);
    }
  });

  it('says the window is cut when the file starts inside it and its rotated predecessor was written since', () => {
    const dir = tempDir();
    const path = join(dir, 'syslog');
    const first = since + 120_000;
    writeFileSync(path, dated(100, first, now));
    const fd = openSync(path, 'r');
    try {
      const start = fileWindowStart(fd, readFileSync(path).length, since, now);
      expect(start).toMatchObject({ offset: 0, startsAt: first });
      expect(rotatedAway(path, start)).toEqual({ since, reading: false, reached: null, bound: '' });
      writeFileSync(`${path}.1`, 'the lines before the rotation\n');
      expect(rotatedAway(path, start)).toEqual({ since, reading: false, reached: first, bound: 'syslog.1 (rotated, not read)' });
    } finally {
      closeSync(fd);
    }
  });

  it('reads an undated file from its last 64 KiB, as before', () => {
    const path = join(tempDir(), 'log');
    writeFileSync(path, 'no date on this line at all\n'.repeat(40_000));
    const fd = openSync(path, 'r');
    try {
      const size = readFileSync(path).length;
      expect(fileWindowStart(fd, size, since, now)).toMatchObject({ offset: size - 64 * 1024, readBack: { reached: null } });
    } finally {
      closeSync(fd);
    }
  });

  it('FileFollower hands over every line of the window, then says the read-back is done', async () => {
    const path = join(tempDir(), 'log');
    writeFileSync(path, dated(100, now - 3_600_000, since - 60_000) + dated(5000, since + 1000, now));
    const seen: LogEntry[] = [];
    const readBacks: Array<[LogReadBack, number]> = [];
    const f = new FileFollower(path, { entries: (e) => seen.push(...e), note: () => {}, readBack: (r) => readBacks.push([r, seen.length]) }, since);
    f.start();
    try {
      expect(await eventually(() => readBacks.length === 1, 3000)).toBe(true);
      expect(seen.filter((e) => e.t >= since)).toHaveLength(5000);
      expect(readBacks[0]).toEqual([{ since, reading: false, reached: null, bound: '' }, seen.length]);
    } finally {
      f.stop();
    }
  });
});

describe('JournalFollower with a stand-in journalctl', () => {
  it('reads back newest first, hands entries over oldest first, follows after the newest cursor, and again after a journal move', async () => {
    const dir = tempDir();
    const bin = join(dir, 'bin');
    const calls = join(dir, 'calls');
    mkdirSync(bin);
    const now = Date.now() * 1000;
    const entry = (cursor: string, message: string, ageSeconds: number) => JSON.stringify({ __CURSOR: cursor, __REALTIME_TIMESTAMP: String(now - ageSeconds * 1e6), MESSAGE: message, _SYSTEMD_UNIT: 'x.service' });
    const script = [
      '#!/usr/bin/env node',
      "const fs = require('fs');",
      `fs.appendFileSync(${JSON.stringify(calls)}, process.argv.slice(2).join(' ') + '\\n');`,
      "if (process.argv.includes('-r')) {",
      `  process.stdout.write(${JSON.stringify([entry('c3', 'third', 10), entry('c2', 'second', 20), entry('c1', 'first', 30)].join('\n') + '\n')});`,
      '} else {',
      "  const after = process.argv.find((a) => a.startsWith('--after-cursor=')) || 'none';",
      `  const n = fs.readFileSync(${JSON.stringify(calls)}, 'utf8').split('\\n').filter((l) => l.startsWith('-f')).length;`,
      `  process.stdout.write(JSON.stringify({ __CURSOR: 'f' + n, __REALTIME_TIMESTAMP: String(Date.now() * 1000), MESSAGE: 'follow ' + after }) + '\\n');`,
      '  setInterval(() => {}, 1000);',
      '}',
    ].join('\n');
    writeFileSync(join(bin, 'journalctl'), script);
    chmodSync(join(bin, 'journalctl'), 0o755);
    const roots = [join(dir, 'run'), join(dir, 'var')];
    mkdirSync(join(roots[0]!, 'abc'), { recursive: true });
    writeFileSync(join(roots[0]!, 'abc', 'system.journal'), '');
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    const seen: string[] = [];
    const readBacks: LogReadBack[] = [];
    const f = new JournalFollower(null, { entries: (e) => seen.push(...e.map((x) => x.message)), note: () => {}, readBack: (r) => readBacks.push(r) }, roots);
    try {
      f.start();
      expect(await eventually(() => seen.includes('follow --after-cursor=c3'), 5000), seen.join(' | ')).toBe(true);
      expect(seen.slice(0, 3)).toEqual(['first', 'second', 'third']);
      expect(readBacks).toEqual([expect.objectContaining({ reading: false, reached: null, bound: '' })]);
      // J: journald flushes /run/log/journal into /var/log/journal
      mkdirSync(join(roots[1]!, 'abc'), { recursive: true });
      writeFileSync(join(roots[1]!, 'abc', 'system.journal'), '');
      rmSync(join(roots[0]!, 'abc'), { recursive: true });
      expect(await eventually(() => seen.includes('follow --after-cursor=f1'), 6000), seen.join(' | ')).toBe(true);
      expect(activeJournals(roots)).toBe(roots[1]);
    } finally {
      f.stop();
      process.env.PATH = path;
    }
  });

  it('stops at the window (after 500 lines of context) or at the byte bound, saying how far it got', async () => {
    const dir = tempDir();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const nowMs = Date.now();
    // 1,200 entries newest first, one a second: the last 600 are in a 10-minute window, the others older
    const lines = Array.from({ length: 1200 }, (_, i) => JSON.stringify({ __CURSOR: `c${i}`, __REALTIME_TIMESTAMP: String((nowMs - i * 1000) * 1000), MESSAGE: `entry ${i} ${'y'.repeat(200)}` }));
    writeFileSync(join(dir, 'entries'), lines.join('\n') + '\n');
    writeFileSync(join(bin, 'journalctl'), `#!/bin/sh\nexec cat ${join(dir, 'entries')}\n`);
    chmodSync(join(bin, 'journalctl'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const since = nowMs - 600_000 + 500;
      const whole = await new Promise<JournalReadBack>((done) => readJournalBack(null, since, done));
      expect(whole.entries).toHaveLength(600);
      expect(whole.entries.at(-1)!.message).toMatch(/^entry 0 /);
      expect(whole.cursor).toBe('c0');
      expect(whole.readBack).toEqual({ since, reading: false, reached: null, bound: '' });
      const cut = await new Promise<JournalReadBack>((done) => readJournalBack(null, since, done, { bytes: 64 * 1024, ms: 5000 }));
      expect(cut.readBack.bound).toBe('64 KiB');
      expect(cut.entries.length).toBeLessThan(600);
      expect(cut.readBack.reached).toBe(cut.entries[0]!.t);
      expect(cut.readBack.reached).toBeGreaterThan(since);
    } finally {
      process.env.PATH = path;
    }
  });

  it('reads back with journalctl -r, no follow', () => {
    expect(readBackArgs(null)).toEqual(['-r', '-o', 'json', '--all', '--no-pager']);
    expect(readBackArgs('/mnt/j')).toEqual(['-r', '-o', 'json', '--all', '--no-pager', '--directory', '/mnt/j']);
  });
});
