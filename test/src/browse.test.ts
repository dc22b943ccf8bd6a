import { describe, expect, it } from 'vitest';
import { pathRefusal } from '../../src/effects/intents.js';
import { commandFor } from '../../src/view/keymap.js';
import type { DirChild } from '../../src/stream/messages.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { browseRows, parentOf } from '../../src/model/browse-selectors.js';
import { initialView, reduceView, stepView, type ViewContext, type ViewState, intentOf, dialogOf } from '../../src/view/view.js';
import { autoRescan, openBrowse, remeasured } from '../../src/view/view-browse.js';
import { rescanDueAt, scanDrift } from '../../src/model/dirs.js';
import { growthText } from '../../ui/DirBrowser.js';
import { freedText } from '../../src/effects/path-actions.js';
import { header } from '../support/samples.js';
import { testContext } from '../support/view-context.js';

const child = (name: string, bytes: number, isDir = true): DirChild => ({ name, isDir, bytes, apparent: bytes / 2, files: 3, dirs: 1, errors: 0, mtime: bytes });
function model(): ModelState {
  let m = reduce(initialModel(), header());
  m = reduce(m, { kind: 'scan', t: 1, dir: '/', state: 'done', device: '8:1', children: [child('etc', 10), child('usr', 900), child('srv', 500), child('lib64', 5)], totalBytes: 1415, errors: 0, elapsedMs: 10 });
  m = reduce(m, { kind: 'scan', t: 2, dir: '/srv', state: 'done', device: '8:1', children: [{ ...child('var', 300), ino: 31 }, child('www', 150), { ...child('big.log', 50, false), ino: 33 }], totalBytes: 500, errors: 0, elapsedMs: 10, lock: ['2049:2', '2049:77'] });
  m = reduce(m, { kind: 'growth', t: 3, dir: '/srv', watch: 'inotify', bytesPerSec: { www: 2e6, var: 5e6 } });
  return m;
}
const ctx: ViewContext = testContext({ model: model(), self: { pid: 1, parentPid: 1, uid: 0, user: 'root' } });
const keys = (v: ViewState, ...ks: string[]) => ks.reduce((acc, k) => stepView(acc, commandFor(k, acc.mode)!, ctx), v);

describe('drill-down in the view reducer', () => {
  it('sorts by size, growth, name and modified time, with shares and growth', () => {
    expect(browseRows(ctx.model, '/srv', 'size', false).map((r) => r.name)).toEqual(['var', 'www', 'big.log']);
    expect(browseRows(ctx.model, '/srv', 'growth', false).map((r) => [r.name, r.growth])).toEqual([['var', 5e6], ['www', 2e6], ['big.log', 0]]);
    expect(browseRows(ctx.model, '/srv', 'name', false)[0]!.name).toBe('big.log');
    expect(browseRows(ctx.model, '/srv', 'size', true)[0]).toMatchObject({ size: 150, share: 0.6 });
  });

  it('goes into a child with Enter and back up with Backspace, selecting where it came from', () => {
    const v = keys(openBrowse(initialView(), '/'), 'down', 'enter');
    expect(v.browse!.path).toBe('/srv');
    const up = keys(v, 'backspace');
    expect(up.browse).toMatchObject({ path: '/', selected: 1 });
    expect(keys(up, 's').browse!.sort).toBe('growth');
    expect(keys(up, 'a').browse!.apparent).toBe(true);
    expect(parentOf('/srv/var/')).toBe('/srv');
  });

  it('Esc cancels a running scan first, then closes', () => {
    const running = { ...ctx, model: reduce(ctx.model, { kind: 'scan', t: 4, dir: '/srv', state: 'running', progress: { files: 1, bytes: 1, dir: '/srv/x', filesPerSec: 1 } }) };
    const v = reduceView(openBrowse(initialView(), '/srv'), 'browse.escape', running);
    expect(v.effects).toEqual([{ kind: 'cancel-scan' }]);
    expect(v.view.mode).toBe('browse');
    const closed = reduceView(openBrowse(initialView(), '/srv'), 'browse.escape', ctx);
    expect(closed.view.mode).toBe('normal');
    expect(closed.effects).toEqual([{ kind: 'show-dir', dir: null }]);
  });

  it('asks before deleting (No by default), re-measures first, names path and fresh size, and refuses / and system directories', () => {
    const measuring = keys(openBrowse(initialView(), '/srv'), 'd');
    expect(dialogOf(measuring, 'action')!.title).toBe('Delete /srv/var?');
    expect(dialogOf(measuring, 'action')!.lines[1]).toContain('measuring…');
    expect(reduceView(openBrowse(initialView(), '/srv'), 'browse.delete', ctx).effects).toEqual([{ kind: 'rescan', dir: '/srv' }]);
    expect(intentOf(keys(measuring, 'y'))).toBeNull(); // y waits for the fresh figures
    // The fresh scan finds var grown to 800 bytes, 17 files: the dialog quotes that.
    const fresh = reduce(ctx.model, { kind: 'scan', t: 9, dir: '/srv', state: 'done', device: '8:1', children: [{ ...child('var', 800), files: 17, ino: 31 }], totalBytes: 800, errors: 0, elapsedMs: 10, lock: ['2049:2', '2049:77'] });
    const ask = remeasured(measuring, fresh, '/srv');
    expect(dialogOf(ask, 'action')!.lines[1]).toBe('size     800 B allocated, 17 files, 1 directory');
    expect(intentOf(keys(ask, 'enter'))).toBeNull();
    expect(intentOf(keys(ask, 'y'))).toEqual({ kind: 'delete-path', path: '/srv/var', bytes: 800, lock: { chain: ['2049:2', '2049:77'], target: '8:1:31' } });
    const gone = remeasured(measuring, reduce(ctx.model, { kind: 'scan', t: 9, dir: '/srv', state: 'done', device: '8:1', children: [], totalBytes: 0, errors: 0, elapsedMs: 10 }), '/srv');
    expect(gone.dialog).toBeNull();
    expect(gone.notice).toMatch(/gone since you chose it/);
    expect(keys(ask, 'n').mode).toBe('browse');
    expect(keys(openBrowse(initialView(), '/'), 'd').notice).toBe('refused: /usr is a top-level system directory');
    for (const p of ['/', '/etc', '/usr/', '/var', '/boot', '/lib64', '/sbin', '/bin']) expect(pathRefusal(p), p).toMatch(/^refused:/);
    for (const p of ['/srv', '/var/log', '/home/alice']) expect(pathRefusal(p), p).toBeNull();
  });

  it('truncates files only, and read-only turns both off', () => {
    const truncate = remeasured(keys(openBrowse(initialView(), '/srv'), 'end', 't'), ctx.model, '/srv');
    expect(dialogOf(truncate, 'action')!.intent).toEqual({ kind: 'truncate-path', path: '/srv/big.log', bytes: 50, lock: { chain: ['2049:2', '2049:77'], target: '8:1:33' } });
    expect(keys(openBrowse(initialView(), '/srv'), 't').notice).toMatch(/truncates a file/);
    expect(stepView(openBrowse(initialView(), '/srv'), 'browse.delete', { ...ctx, actionsOff: 'read-only: actions are off (--read-only)' }).notice).toMatch(/^read-only/);
  });
});

describe('scan age and drift', () => {
  const fsAt = (used: number) => ({ device: '8:1', source: '/dev/sda1', type: 'ext4', mountPoint: '/srv', otherMounts: [], responding: true, stat: { bsize: 4096, blocks: 1 << 20, bfree: (1 << 20) - used / 4096, bavail: (1 << 20) - used / 4096, files: 0, ffree: 0 } });
  const sampleAt = (t: number, used: number) => ({ kind: 'sample' as const, t, cpuTotal: { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0 }, cpuCores: [], load: [0, 0, 0] as [number, number, number], pressure: null, memory: null as never, processes: [], filesystems: [fsAt(used)] });
  const MB = 1024 * 1024;
  function scanned(): ModelState {
    let m = reduce(initialModel(), header());
    m = reduce(m, sampleAt(1000, 400 * MB));
    m = reduce(m, { kind: 'scan', t: 1000, dir: '/srv', state: 'running', progress: { files: 0, bytes: 0, dir: '/srv', filesPerSec: 0 } });
    m = reduce(m, sampleAt(1500, 402 * MB)); // 2 MB moved while scanning: the scan's own error
    return reduce(m, { kind: 'scan', t: 2000, dir: '/srv', state: 'done', device: '8:1', children: [child('var', 300 * MB)], totalBytes: 300 * MB, errors: 0, elapsedMs: 1000 });
  }

  it('records the used space at the scan and its error, and calls it stale once the filesystem moved past both', () => {
    const scan = scanned().dirs.scans.get('/srv')!;
    expect(scan.usedAtScan).toBe(402 * MB);
    expect(scan.errorBytes).toBe(2 * MB);
    expect(scanDrift(scan, 5000, 404 * MB)).toMatchObject({ ageMs: 3000, movedBytes: 2 * MB, stale: false }); // within 1% of 300 MB
    expect(scanDrift(scan, 120_000, 502 * MB)).toMatchObject({ movedBytes: 100 * MB, stale: true });
  });

  it('rescans the directory in view by itself once stale and 15 s old, not while a scan runs', () => {
    const view = openBrowse(initialView(), '/srv');
    const soon = reduce(scanned(), sampleAt(5000, 502 * MB));
    expect(autoRescan(view, soon)).toEqual([]); // stale, but only 3 s old
    const later = reduce(soon, sampleAt(20_000, 502 * MB));
    expect(autoRescan(view, later)).toEqual([{ kind: 'rescan', dir: '/srv' }]);
    const running = reduce(later, { kind: 'scan', t: 20_001, dir: '/srv', state: 'running', progress: { files: 0, bytes: 0, dir: '/srv', filesPerSec: 0 } });
    expect(autoRescan(view, running)).toEqual([]);
    expect(autoRescan(view, reduce(scanned(), sampleAt(60_000, 402 * MB)))).toEqual([]); // old but nothing moved
  });

  it('waits sixty scan-times, not ten, when inotify saw nothing move under the directory since its scan', () => {
    const view = openBrowse(initialView(), '/srv');
    // The watch was measuring (first report at 1.5 s) before the scan finished at 2 s.
    const watching = reduce(scanned(), { kind: 'growth', t: 1500, dir: '/srv', watch: 'inotify', bytesPerSec: { var: 0 } });
    const quiet = reduce(watching, { kind: 'growth', t: 3000, dir: '/srv', watch: 'inotify', bytesPerSec: { var: 0 } });
    expect(autoRescan(view, reduce(quiet, sampleAt(20_000, 502 * MB)))).toEqual([]); // moved elsewhere on the filesystem
    expect(autoRescan(view, reduce(quiet, sampleAt(62_000, 502 * MB)))).toEqual([{ kind: 'rescan', dir: '/srv' }]);
    const grew = reduce(quiet, { kind: 'growth', t: 4000, dir: '/srv', watch: 'inotify', bytesPerSec: { var: 5 * MB } });
    expect(autoRescan(view, reduce(grew, sampleAt(20_000, 502 * MB)))).toEqual([{ kind: 'rescan', dir: '/srv' }]);
  });

  it("takes the scan's own statfs as its baseline, and no sample older than the scan (issue 29: 'used -1.1G since' after a delete)", () => {
    // The last sample (t=1500) predates a delete of 100 MB; the rescan after it ends at t=2000 with its own statfs.
    let m = reduce(initialModel(), header());
    m = reduce(m, sampleAt(1500, 500 * MB));
    m = reduce(m, { kind: 'scan', t: 1800, dir: '/srv', state: 'running', progress: { files: 0, bytes: 0, dir: '/srv', filesPerSec: 0 } });
    m = reduce(m, { kind: 'scan', t: 2000, dir: '/srv', state: 'done', device: '8:1', children: [child('var', 200 * MB)], totalBytes: 200 * MB, errors: 0, elapsedMs: 200, usedBytesAtStart: 400 * MB, usedBytesAtEnd: 400 * MB });
    const scan = m.dirs.scans.get('/srv')!;
    expect(scan.usedAtScan).toBe(400 * MB);
    expect(scan.errorBytes).toBe(0);
    expect(scanDrift(scan, 1500, 500 * MB).movedBytes).toBeNull(); // the sample before the scan says nothing
    expect(scanDrift(scan, 3000, 400 * MB)).toMatchObject({ movedBytes: 0, stale: false });
  });

  it('a scan left unfinished in another directory does not hold back the rescan of the one in view', () => {
    const view = openBrowse(initialView(), '/srv');
    let m = reduce(scanned(), sampleAt(5000, 502 * MB));
    m = reduce(m, { kind: 'scan', t: 5001, dir: '/srv/big', state: 'running', progress: { files: 0, bytes: 0, dir: '/srv/big', filesPerSec: 0 } });
    expect(autoRescan(view, reduce(m, sampleAt(20_000, 502 * MB)))).toEqual([{ kind: 'rescan', dir: '/srv' }]);
  });

  it('says when a stale scan is redone, and waits at most two minutes on the quiet pace', () => {
    const scan = { ...scanned().dirs.scans.get('/srv')!, elapsedMs: 5000 };
    const quiet = { dir: '/srv', watch: 'inotify' as const, bytesPerSec: {}, entriesPerSec: {}, t: 3000, movedAt: null, since: 1000 };
    expect(rescanDueAt(scan, null)).toBe(scan.t + 50_000);
    expect(rescanDueAt(scan, quiet)).toBe(scan.t + 120_000); // not 60 x 5 s
  });

  it('the delete outcome says the inodes it freed', () => {
    expect(freedText({ bytes: 0, inodes: 10 }, { bytes: 12163481, inodes: 2942 })).toBe('freed 11.6 MiB and 2,932 inodes');
    expect(freedText({ bytes: 0, inodes: 10 }, { bytes: 4096, inodes: 10 })).toBe('freed 4.0 KiB');
    expect(freedText(null, { bytes: 1, inodes: 1 })).toBe('freed ?');
  });

  it('rows carry new entries per second beside bytes', () => {
    let m = scanned();
    m = reduce(m, { kind: 'growth', t: 3000, dir: '/srv', watch: 'inotify', bytesPerSec: { var: 40 * 1024 }, entriesPerSec: { var: 40 } });
    expect(browseRows(m, '/srv', 'growth', false)[0]).toMatchObject({ name: 'var', growth: 40 * 1024, entries: 40 });
    expect(m.dirs.growth!.movedAt).toBe(3000);
    expect(growthText(40 * 1024, 40)).toBe('+40.0K/s +40 ent/s');
    expect(growthText(0, 40)).toBe('+40 ent/s');
    expect(growthText(0, 0)).toBe('—');
    expect(growthText(null, null)).toBe('');
  });

  it('keeps the usual pace for a scan under a second, whatever the watch saw (it can miss a file written whole between flushes)', () => {
    const view = openBrowse(initialView(), '/srv');
    let m = scanned();
    m = reduce(m, { kind: 'scan', t: 2500, dir: '/srv', state: 'running', progress: { files: 0, bytes: 0, dir: '/srv', filesPerSec: 0 } });
    m = reduce(m, { kind: 'growth', t: 2600, dir: '/srv', watch: 'inotify', bytesPerSec: { var: 0 } });
    m = reduce(m, { kind: 'scan', t: 3100, dir: '/srv', state: 'done', device: '8:1', children: [child('var', 300 * MB)], totalBytes: 300 * MB, errors: 0, elapsedMs: 600 });
    m = reduce(m, { kind: 'growth', t: 4000, dir: '/srv', watch: 'inotify', bytesPerSec: { var: 0 } });
    expect(autoRescan(view, reduce(m, sampleAt(19_000, 502 * MB)))).toEqual([{ kind: 'rescan', dir: '/srv' }]);
  });

  it('keeps to ten scan-times when the watch began after the scan (back up to a cached parent): it never saw the writes between', () => {
    const view = openBrowse(initialView(), '/srv');
    const lateWatch = reduce(scanned(), { kind: 'growth', t: 9000, dir: '/srv', watch: 'inotify', bytesPerSec: { var: 0 } });
    expect(autoRescan(view, reduce(lateWatch, sampleAt(20_000, 502 * MB)))).toEqual([{ kind: 'rescan', dir: '/srv' }]);
  });

  it('r scans the directory in view again', () => {
    expect(reduceView(openBrowse(initialView(), '/srv'), 'browse.rescan', ctx).effects).toEqual([{ kind: 'rescan', dir: '/srv' }]);
  });
});
