/** DirService on a real directory: growth through the watch, and the periodic re-measure when the watch fails. */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/stream/messages.js';
import { DirService } from '../../src/sources/dir-service.js';
import { eventually } from '../support/tmux.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(): string {
  // Under /srv when it exists: tmpfs /tmp would do too, but keep to the project's test root habit.
  const base = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'sitrep-dirs-'));
  dirs.push(base);
  mkdirSync(join(base, 'logs/app'), { recursive: true });
  mkdirSync(join(base, 'quiet'));
  writeFileSync(join(base, 'quiet/a'), Buffer.alloc(10_000));
  writeFileSync(join(base, 'logs/app/out.log'), '');
  return base;
}

const growthOf = (messages: Message[], child: string) => {
  const last = [...messages].reverse().find((m) => m.kind === 'growth');
  return last && last.kind === 'growth' ? { watch: last.watch, rate: last.bytesPerSec[child] ?? 0 } : null;
};

describe('DirService', () => {
  it('scans, then reports growth per child from the watch', async () => {
    const dir = tree();
    const seen: Message[] = [];
    const service = new DirService((m) => seen.push(m), () => false);
    service.show(dir);
    try {
      expect(await eventually(() => seen.some((m) => m.kind === 'scan' && m.state === 'done'), 5000)).toBe(true);
      // The watch is on once it reports (its first growth message); the writes start after that.
      expect(await eventually(() => seen.some((m) => m.kind === 'growth'), 5000)).toBe(true);
      const timer = setInterval(() => appendFileSync(join(dir, 'logs/app/out.log'), Buffer.alloc(256 * 1024, 1)), 100);
      try {
        expect(await eventually(() => (growthOf(seen, 'logs')?.rate ?? 0) > 256 * 1024, 5000)).toBe(true);
      } finally {
        clearInterval(timer);
      }
      expect(growthOf(seen, 'logs')!.watch).toBe('inotify');
      expect(growthOf(seen, 'quiet')!.rate).toBe(0);
    } finally {
      service.release();
    }
  });

  it('falls back to re-measuring when the watch fails, and says so', async () => {
    const dir = tree();
    const seen: Message[] = [];
    // A watch that fails as inotify does at its limit (ENOSPC), just after it started.
    const failing: ConstructorParameters<typeof DirService>[2] = (_dir, _growth, onError) => ({
      start: () => {
        setImmediate(onError);
        return true;
      },
      stop: () => {},
    });
    const service = new DirService((m) => seen.push(m), () => false, failing);
    service.show(dir);
    const timer = setInterval(() => appendFileSync(join(dir, 'logs/app/out.log'), Buffer.alloc(128 * 1024, 1)), 100);
    try {
      expect(await eventually(() => growthOf(seen, 'logs')?.watch === 'polling' && growthOf(seen, 'logs')!.rate > 100 * 1024, 12_000)).toBe(true);
    } finally {
      clearInterval(timer);
      service.release();
    }
  }, 20_000);
});

describe('the growth watch is bounded', () => {
  it('watches at most MAX_WATCHED_DIRS directories of a wide tree, and still sees a write two levels down', async () => {
    const { DirWatch, MAX_WATCHED_DIRS } = await import('../../collectors/dirs/dir-watch.js');
    const dir = mkdtempSync('/srv/sitrep-watch-');
    dirs.push(dir);
    for (let i = 0; i < 40; i++) for (let j = 0; j < 20; j++) mkdirSync(join(dir, `d${i}`, `e${j}`), { recursive: true });
    mkdirSync(join(dir, 'var/mod_gzip'), { recursive: true });
    const grew = new Map<string, number>();
    const w = new DirWatch(dir, (child, bytes) => grew.set(child, (grew.get(child) ?? 0) + bytes), () => { throw new Error('watch failed'); });
    expect(w.start()).toBe(true);
    expect(w.watched).toBeLessThanOrEqual(MAX_WATCHED_DIRS);
    expect(w.found).toBeGreaterThan(MAX_WATCHED_DIRS);
    const timer = setInterval(() => appendFileSync(join(dir, 'var/mod_gzip/cache.gz'), Buffer.alloc(64 * 1024, 1)), 50);
    try {
      expect(await eventually(() => (grew.get('var') ?? 0) > 256 * 1024, 5000)).toBe(true);
    } finally {
      clearInterval(timer);
      w.stop();
    }
  });
});

describe('the growth watch counts new entries (issue 29)', () => {
  it('a directory gaining small files shows entries and their bytes; a file only rewritten adds no entry', async () => {
    const { DirWatch } = await import('../../collectors/dirs/dir-watch.js');
    const dir = mkdtempSync('/srv/sitrep-watch-');
    dirs.push(dir);
    mkdirSync(join(dir, 'spool/q'), { recursive: true });
    mkdirSync(join(dir, 'logs'));
    appendFileSync(join(dir, 'logs/old.log'), 'x');
    const entries = new Map<string, number>();
    const bytes = new Map<string, number>();
    const w = new DirWatch(dir, (child, b, e) => {
      entries.set(child, (entries.get(child) ?? 0) + e);
      bytes.set(child, (bytes.get(child) ?? 0) + b);
    }, () => { throw new Error('watch failed'); });
    expect(w.start()).toBe(true);
    let i = 0;
    const timer = setInterval(() => {
      writeFileSync(join(dir, 'spool/q', `f${i++}`), 'y'.repeat(100));
      appendFileSync(join(dir, 'logs/old.log'), 'x');
    }, 25);
    try {
      expect(await eventually(() => (entries.get('spool') ?? 0) >= 40, 5000)).toBe(true);
      expect(bytes.get('spool') ?? 0).toBeGreaterThan(0);
      expect(entries.get('logs') ?? 0).toBe(0);
    } finally {
      clearInterval(timer);
      w.stop();
    }
  });
});
