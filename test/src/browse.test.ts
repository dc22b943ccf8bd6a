import { describe, expect, it } from 'vitest';
import { pathRefusal } from '../../src/effects/intents.js';
import { commandFor } from '../../src/view/keymap.js';
import type { DirChild } from '../../src/stream/messages.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { browseRows, parentOf } from '../../src/model/browse-selectors.js';
import { initialView, reduceView, stepView, type ViewContext, type ViewState, intentOf, dialogOf } from '../../src/view/view.js';
import { openBrowse } from '../../src/view/view-browse.js';
import { header } from '../support/samples.js';

const child = (name: string, bytes: number, isDir = true): DirChild => ({ name, isDir, bytes, apparent: bytes / 2, files: 3, dirs: 1, errors: 0, mtime: bytes });
function model(): ModelState {
  let m = reduce(initialModel(), header());
  m = reduce(m, { kind: 'scan', t: 1, dir: '/', state: 'done', device: '8:1', children: [child('etc', 10), child('usr', 900), child('srv', 500), child('lib64', 5)], totalBytes: 1415, errors: 0, elapsedMs: 10 });
  m = reduce(m, { kind: 'scan', t: 2, dir: '/srv', state: 'done', device: '8:1', children: [{ ...child('var', 300), ino: 31 }, child('www', 150), { ...child('big.log', 50, false), ino: 33 }], totalBytes: 500, errors: 0, elapsedMs: 10, lock: ['2049:2', '2049:77'] });
  m = reduce(m, { kind: 'growth', t: 3, dir: '/srv', watch: 'inotify', bytesPerSec: { www: 2e6, var: 5e6 } });
  return m;
}
const ctx: ViewContext = { listLength: () => 0, pageRows: () => 10, model: model(), self: { pid: 1, parentPid: 1, uid: 0, user: 'root' } };
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

  it('asks before deleting (No by default), names path and size, and refuses / and system directories', () => {
    const ask = keys(openBrowse(initialView(), '/srv'), 'd');
    expect(dialogOf(ask, 'action')!.title).toBe('Delete /srv/var?');
    expect(intentOf(keys(ask, 'enter'))).toBeNull();
    expect(intentOf(keys(ask, 'y'))).toEqual({ kind: 'delete-path', path: '/srv/var', bytes: 300, lock: { chain: ['2049:2', '2049:77'], target: '8:1:31' } });
    expect(keys(ask, 'n').mode).toBe('browse');
    expect(keys(openBrowse(initialView(), '/'), 'd').notice).toBe('refused: /usr is a top-level system directory');
    for (const p of ['/', '/etc', '/usr/', '/var', '/boot', '/lib64', '/sbin', '/bin']) expect(pathRefusal(p), p).toMatch(/^refused:/);
    for (const p of ['/srv', '/var/log', '/home/alice']) expect(pathRefusal(p), p).toBeNull();
  });

  it('truncates files only, and read-only turns both off', () => {
    expect(dialogOf(keys(openBrowse(initialView(), '/srv'), 'end', 't'), 'action')!.intent).toEqual({ kind: 'truncate-path', path: '/srv/big.log', bytes: 50, lock: { chain: ['2049:2', '2049:77'], target: '8:1:33' } });
    expect(keys(openBrowse(initialView(), '/srv'), 't').notice).toMatch(/truncates a file/);
    expect(stepView(openBrowse(initialView(), '/srv'), 'browse.delete', { ...ctx, actionsOff: 'read-only: actions are off (--read-only)' }).notice).toMatch(/^read-only/);
  });
});
