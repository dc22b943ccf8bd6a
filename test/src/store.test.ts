import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMoment, parseSize, parseSpan, zoneName } from '../../src/cli/time-spec.js';
import { parseArgs } from '../../src/cli/args.js';
import { listStore, segmentName, storeRefusal } from '../../src/record/store.js';
import { floorOf, StoreWriter } from '../../src/record/store-writer.js';
import { forEachMessage, openRecording } from '../../src/record/reader.js';
import { demoMessagesTo } from '../../demo/demo-source.js';
import { TEST_ROOT } from '../support/loopfs.js';

const NOW = new Date(2026, 11, 2, 12, 0, 0).getTime();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const freshDir = (name: string) => {
  const d = join(TEST_ROOT, `store-${name}-${process.pid}`);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(TEST_ROOT, { recursive: true });
  dirs.push(d);
  return d;
};

describe('moments, sizes and spans', () => {
  it('reads "N units ago", a time of day (yesterday when still to come) and local or zoned dates', () => {
    expect(parseMoment('30 min ago', NOW)).toBe(NOW - 30 * 60_000);
    expect(parseMoment('2 hours ago', NOW)).toBe(NOW - 2 * 3_600_000);
    expect(parseMoment('03:12', NOW)).toBe(new Date(2026, 11, 2, 3, 12, 0).getTime());
    expect(parseMoment('13:00', NOW)).toBe(new Date(2026, 11, 1, 13, 0, 0).getTime());
    expect(parseMoment('2026-12-01T03:12:00', NOW)).toBe(new Date(2026, 11, 1, 3, 12, 0).getTime());
    expect(parseMoment('2026-12-01 03:12', NOW)).toBe(new Date(2026, 11, 1, 3, 12, 0).getTime());
    expect(parseMoment('2026-12-01T03:12:00Z', NOW)).toBe(Date.UTC(2026, 11, 1, 3, 12, 0));
    expect(parseMoment('2026-12-01T03:12:00.375Z', NOW)).toBe(Date.UTC(2026, 11, 1, 3, 12, 0, 375));
    expect(parseMoment('2026-12-01T03:12:00+01:00', NOW)).toBe(Date.UTC(2026, 11, 1, 2, 12, 0));
    expect(parseMoment('yesterday-ish', NOW)).toHaveProperty('error');
    expect(parseMoment('25:99', NOW)).toHaveProperty('error');
    expect([parseSize('500M'), parseSize('2m'), parseSize('1G'), parseSize('x')]).toEqual([500 * 2 ** 20, 2 * 2 ** 20, 2 ** 30, null]);
    expect([parseSpan('14d'), parseSpan('30 min'), parseSpan('soon')]).toEqual([14 * 86_400_000, 1_800_000, null]);
    expect(zoneName(NOW)).toMatch(/^UTC([+-]\d\d:\d\d)?$/);
  });

  it('parses the recorder commands, and keeps `record FILE` the console recording', () => {
    expect(parseArgs(['record', '--store', '/srv/s', '--interval', '2', '--max-size', '2M', '--segment', '10s'])).toMatchObject({ kind: 'recorder', store: '/srv/s', intervalMs: 2000, maxBytes: 2 ** 21, segmentMs: 10_000 });
    expect(parseArgs(['record', '/srv/x.gz'])).toMatchObject({ kind: 'console', record: '/srv/x.gz' });
    expect(parseArgs(['replay'])).toMatchObject({ kind: 'store-replay', store: null, at: null });
    expect(parseArgs(['replay', '--store', '/srv/s', '--since', '30 min ago'])).toMatchObject({ kind: 'store-replay', store: '/srv/s', at: '30 min ago' });
    expect(parseArgs(['replay', 'file.gz'])).toMatchObject({ kind: 'replay', file: 'file.gz' });
    expect(parseArgs(['snapshot', '--json', '--store', '/srv/s', '--at', '03:12'])).toMatchObject({ kind: 'store-snapshot', store: '/srv/s', at: '03:12' });
    expect(parseArgs(['recorder', 'status'])).toMatchObject({ kind: 'recorder-admin', action: 'status' });
    expect(parseArgs(['recorder', 'fly'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['record', '--store', '/s', '--max-size', '10K'])).toMatchObject({ kind: 'error' });
  });
});

describe('the store', () => {
  it('is created 0700, refuses a symlinked store, and leaves out symlinked and foreign segments by name', () => {
    const dir = freshDir('list');
    expect(storeRefusal(dir, true)).toBeNull();
    const link = `${dir}-link`;
    dirs.push(link);
    symlinkSync(dir, link);
    expect(storeRefusal(link, false)).toMatch(/is a symlink/);
    writeFileSync(join(dir, segmentName(NOW, false)), 'x');
    symlinkSync('/etc/passwd', join(dir, segmentName(NOW + 1000, false)));
    const foreign = join(dir, segmentName(NOW + 2000, true));
    writeFileSync(foreign, 'y');
    chownSync(foreign, 65534, 65534);
    const listing = listStore(dir);
    expect(listing.segments.map((s) => s.start)).toEqual([Math.floor(NOW / 1000) * 1000]);
    expect(listing.refused).toEqual([`${segmentName(NOW + 1000, false)} is a symlink: left out`, `${segmentName(NOW + 2000, true)} belongs to uid 65534: left out`]);
  });

  it('writes segments that read back as one timeline, drops the oldest past the size bound, and pauses at the free-space floor', async () => {
    const dir = freshDir('write');
    expect(storeRefusal(dir, true)).toBeNull();
    let avail = 10 * 2 ** 30;
    const notes: string[] = [];
    const writer = new StoreWriter(dir, { maxBytes: 200_000, maxAgeMs: 86_400_000, segmentMs: 10_000, flushMs: 20, space: () => ({ avail, size: 100 * 2 ** 30 }), say: (t) => notes.push(t) });
    // Retention ages segments by the wall clock: the stream starts two minutes ago, not on a fixed date.
    const start = Math.floor(Date.now() / 1000) * 1000 - 200_000;
    const messages = demoMessagesTo('crash-loop', 160, 1000, start);
    for (const [i, m] of messages.entries()) {
      writer.write(m);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 30));
    }
    await writer.close();
    const listing = listStore(dir);
    // 160 s in 10 s segments (~16 kB each, under half a window's share: 200 kB / 4, so not thinned); the oldest
    // were dropped to keep within 200 kB, the segment being written included (its window's share is kept free)
    expect(listing.segments.length).toBeGreaterThan(1);
    expect(listing.segments[0]!.start).toBeGreaterThan(start);
    expect(listing.bytes).toBeLessThan(200_000);
    const header = await openRecording(listing.segments[0]!.path);
    if ('error' in header) throw new Error(header.error);
    const times: number[] = [];
    const problem = await forEachMessage(listing.segments.map((s) => s.path), header, (m) => (m.kind === 'sample' && times.push(m.t), true));
    expect(problem).toBeNull();
    expect(times.at(-1)).toBe(start + 160_000);
    expect(times.every((t, i) => i === 0 || t - times[i - 1]! === 1000)).toBe(true);

    // the floor: 5% of 100 GiB is over 1 GiB, so 1 GiB
    expect(floorOf(100 * 2 ** 30)).toBe(2 ** 30);
    const dir2 = freshDir('floor');
    storeRefusal(dir2, true);
    const w2 = new StoreWriter(dir2, { maxBytes: 2 ** 30, maxAgeMs: 86_400_000, flushMs: 10, space: () => ({ avail, size: 100 * 2 ** 30 }), say: (t) => notes.push(t) });
    const [head, ...rest] = messages;
    w2.write(head!);
    w2.write(rest[0]!);
    avail = 2 ** 30 - 1;
    await new Promise((r) => setTimeout(r, 60));
    expect(w2.isPaused()).toBe(true);
    expect(notes.some((n) => /^paused: .* at the floor of 1024 MiB/.test(n))).toBe(true);
    avail = 2 * 2 ** 30;
    await new Promise((r) => setTimeout(r, 60));
    expect(w2.isPaused()).toBe(false);
    w2.write(rest[1]!);
    await w2.close();
    expect(readdirSync(dir2).filter((n) => n.endsWith('.rec.gz'))).toHaveLength(2);
  });
});
