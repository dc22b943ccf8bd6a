/**
 * The view core's selection, with no terminal: it follows a row's identity
 * through re-sorts and vanishing rows, never lands on a header, and while
 * paused every key acts on the frozen model, the one on screen.
 */
import { describe, expect, it } from 'vitest';
import type { LogEntry, ProcessSample } from '../../src/stream/messages.js';
import { initialModel } from '../../src/model/model.js';
import { Store } from '../../src/view/store.js';
import { initialView, dialogOf } from '../../src/view/view.js';
import { header, proc, sample } from '../support/samples.js';
import { testMeasure } from '../support/view-context.js';

const measure = testMeasure(5);
const self = { pid: 99999, parentPid: 99998, uid: 0, user: 'root', sshClients: [] };
/** A sample at second s where each pid has used `ticks[pid]` so far (CPU order follows the rate). */
const at = (s: number, ticks: Record<number, number>, over: (pid: number) => Partial<ProcessSample> = () => ({})) =>
  sample(s, 10 * s, 10 * s, Object.entries(ticks).map(([pid, t]) => proc(Number(pid), t, over(Number(pid)))));
const cpuPids = (store: Store) => store.getState().model.processes.map((p) => p.pid);
const selectedPid = (store: Store) => store.getState().model.processes[store.getState().view.selected.cpu]?.pid;

function cpuStore(): Store {
  const store = new Store(initialModel(60), initialView(['cpu']));
  store.dispatchMessage(header());
  store.dispatchMessage(at(0, { 101: 0, 102: 0, 103: 0 }));
  store.dispatchMessage(at(1, { 101: 30, 102: 20, 103: 10 }));
  store.dispatchKey('g', measure, ['cpu']); // the top row: 101
  return store;
}

describe('selection follows identity', () => {
  it('stays on the same pid when a re-sort gives its index to another process', () => {
    const store = cpuStore();
    expect(cpuPids(store)).toEqual([101, 102, 103]);
    store.dispatchKey('j', measure, ['cpu']);
    expect(selectedPid(store)).toBe(102);
    // 103 now uses the most CPU and 101 the least: 102's index changes
    store.dispatchMessage(at(2, { 101: 31, 102: 30, 103: 80 }));
    expect(cpuPids(store)).toEqual([103, 102, 101]);
    store.dispatchMessage(at(3, { 101: 32, 102: 31, 103: 200 }));
    expect(cpuPids(store).indexOf(102)).not.toBe(-1);
    expect(selectedPid(store)).toBe(102);
    expect(store.getState().view.notice).toBeNull();
  });

  it('keeps the top row selected until the admin chooses one (the culprit stays in view)', () => {
    const store = new Store(initialModel(60), initialView(['cpu']));
    store.dispatchMessage(header());
    store.dispatchMessage(at(0, { 101: 0, 102: 0, 103: 0 }));
    store.dispatchMessage(at(1, { 101: 30, 102: 20, 103: 10 }));
    store.dispatchMessage(at(2, { 101: 31, 102: 21, 103: 90 }));
    expect(store.getState().view.selected.cpu).toBe(0);
    expect(selectedPid(store)).toBe(103);
    expect(store.getState().view.anchors.cpu).toBeNull();
  });

  it('moves to the neighbour at the same position when the selected process goes, and says so', () => {
    const store = cpuStore();
    store.dispatchKey('j', measure, ['cpu']);
    expect(selectedPid(store)).toBe(102);
    store.dispatchMessage(at(2, { 101: 60, 103: 20 }));
    expect(cpuPids(store)).toEqual([101, 103]);
    expect(selectedPid(store)).toBe(103);
    expect(store.getState().view.notice).toBe('102 (p102) is gone: selection moved to 103 (p103)');
    // a new process taking the old index does not take the selection
    store.dispatchMessage(at(3, { 101: 90, 103: 21, 104: 1000 }));
    expect(selectedPid(store)).toBe(103);
  });

  it('an action\'s outcome is not covered by the selection note: an event replaces a notice, and no notice covers an event on show', () => {
    const store = cpuStore();
    store.dispatchKey('j', measure, ['cpu']);
    // the selected process goes (the action's target, killed) while its outcome is on show
    store.dispatchMessage({ kind: 'event', t: 100_000 + 1500, type: 'note', text: 'sent TERM to 102 (p102): it exited' });
    store.dispatchMessage(at(2, { 101: 60, 103: 20 }));
    expect(selectedPid(store)).toBe(103);
    expect(store.getState().view.notice).toBeNull();
    // a notice first, then an event: the newer one shows
    store.dispatchKey('j', measure, ['cpu']);
    store.dispatchMessage(at(20, { 101: 90 }));
    expect(store.getState().view.notice).toMatch(/is gone: selection moved/);
    store.dispatchMessage({ kind: 'event', t: 120_500, type: 'note', text: 'stopped x.service in 0.2 s: now inactive' });
    expect(store.getState().view.notice).toBeNull();
  });

  it('G lands on the last selectable row and k skips the header of the deleted files', () => {
    const store = new Store(initialModel(60), initialView(['writers']));
    store.dispatchMessage(header());
    const io = (w: number) => ({ io: { readBytes: 0, writeBytes: w, cancelledWriteBytes: 0, rchar: 0, wchar: w, syscr: 0, syscw: 0 } });
    const writing = (s: number, w: number) => ({ ...at(s, { 201: s, 202: s }, () => io(w)), deletedOpen: [{ pid: 202, startTicks: 100, files: [{ fd: 4, path: '/srv/x.log', deleted: true, sizeBytes: 9e6, allocatedBytes: 9e6, device: '8:1', inode: 12 }] }] });
    store.dispatchMessage(writing(0, 0));
    store.dispatchMessage(writing(1, 5e6));
    store.dispatchKey('G', measure, ['writers']);
    const v = store.getState().view;
    expect(v.anchors.writers?.key).toBe('held:202:100:4');
    store.dispatchKey('k', measure, ['writers']);
    expect(store.getState().view.anchors.writers?.key).toMatch(/^proc:20[12]:100$/);
    store.dispatchKey('g', measure, ['writers']);
    expect(store.getState().view.anchors.writers?.key).toMatch(/^group:/);
  });
});

describe('while paused, keys act on the frozen model', () => {
  const line = (message: string, t: number): LogEntry => ({ t, priority: 6, unit: 'sshd.service', pid: 7, message });

  it('b names the range on screen, not one that arrived after the pause', () => {
    const store = new Store(initialModel(60), initialView(['log']));
    store.dispatchMessage(header());
    const t = 1_800_000_000_000;
    store.dispatchMessage({ kind: 'log', t, source: 'journald', entries: [line('Failed password for root from 198.51.100.7 port 22 ssh2', t)] });
    store.dispatchKey('p', { ...measure, self }, ['log']);
    store.dispatchMessage({ kind: 'log', t: t + 1000, source: 'journald', entries: [line('Failed password for root from 203.0.113.9 port 22 ssh2', t + 1000)] });
    store.dispatchKey('b', { ...measure, self }, ['log']);
    expect(dialogOf(store.getState().view, 'action')?.title).toBe('Block 198.51.100.0/24?');
  });

  it('K in the CPU pane locks the process shown, even when the live list re-sorted under it', () => {
    const store = cpuStore();
    store.dispatchKey('p', { ...measure, self }, ['cpu']);
    store.dispatchMessage(at(2, { 101: 31, 102: 21, 103: 500 }));
    store.dispatchKey('K', { ...measure, self }, ['cpu']);
    expect(dialogOf(store.getState().view, 'process')?.target.pid).toBe(101);
    // leaving pause finds the selection again by its key in the live model
    store.dispatchKey('escape', measure, ['cpu']);
    store.dispatchKey('p', measure, ['cpu']);
    expect(selectedPid(store)).toBe(101);
  });
});

describe('drill-down selection follows the path', () => {
  it('stays on the same child when a growth report re-sorts the rows', () => {
    const store = new Store(initialModel(60), initialView(['disks']));
    store.dispatchMessage(header());
    const child = (name: string, bytes: number) => ({ name, isDir: true, bytes, apparent: bytes, files: 1, dirs: 0, errors: 0, mtime: 0 });
    store.dispatchMessage({ kind: 'scan', t: 1, dir: '/srv', state: 'done', device: '8:1', children: [child('a', 300), child('b', 200), child('c', 100)], totalBytes: 600, errors: 0, elapsedMs: 1 });
    store.openDir('/srv');
    store.dispatchKey('s', measure, ['disks']); // sort by growth
    store.dispatchKey('j', measure, ['disks']);
    const name = () => {
      const b = store.getState().view.browse!;
      return b.anchor;
    };
    const before = name();
    // c now grows fastest: the growth sort puts it first, the selection stays on its child
    store.dispatchMessage({ kind: 'growth', t: 2, dir: '/srv', watch: 'inotify', bytesPerSec: { c: 5e6, a: 1e3 } });
    expect(name()).toBe(before);
    const b = store.getState().view.browse!;
    const rows = ['c', 'a', 'b'];
    expect(rows[b.selected]).toBe(before);
  });
});
