/**
 * One pass from state to rows: the Writers row builder runs once per state,
 * whoever asks (the re-anchor after a sample, a key's reducer and its anchor
 * sync, the frame's layout and the pane drawing them).
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { IoCounters, Message } from '../../src/stream/messages.js';
import { initialModel } from '../../src/model/model.js';
import { initialView } from '../../src/view/view.js';
import { Store, shownModel } from '../../src/view/store.js';
import { PANE_REGISTRY, type PaneSpec } from '../../src/panes/registry.js';
import { pagesOf } from '../../src/panes/measure.js';
import { App } from '../../ui/App.js';
import { header, proc, sample } from '../support/samples.js';

const MB = 1024 * 1024;
const io = (n: number): IoCounters => ({ rchar: 0, wchar: n, readBytes: 0, writeBytes: n, cancelledWriteBytes: 0 });
const fs = [{ device: '7:0', source: '/dev/loop0', type: 'ext4', mountPoint: '/srv', otherMounts: [], responding: true, stat: null }];
const writers = (s: number): Message => ({
  ...sample(s, s, s, [41, 42, 43].map((pid) => proc(pid, 0, {
    user: 'www-data', cgroup: '/system.slice/apache2.service', io: io(s * pid * MB),
    openWrites: [{ fd: 5, path: `/srv/log-${pid}`, deleted: false, sizeBytes: s * pid * MB, allocatedBytes: s * pid * MB, device: '7:0' }],
  }))),
  filesystems: fs,
});

const spec = PANE_REGISTRY.writers as { -readonly [K in keyof PaneSpec]: PaneSpec[K] };
const original = spec.rows;
afterEach(() => {
  spec.rows = original;
});

/** Counts the Writers builder's calls from now on. */
function countBuilds(): () => number {
  let calls = 0;
  spec.rows = (model, view) => {
    calls++;
    return original(model, view);
  };
  return () => calls;
}

const W = 140;
const H = 44;
function frame(store: Store): string {
  const { model, view } = store.getState();
  return render(<App model={shownModel(store.getState())} live={model} view={view} width={W} height={H} />).lastFrame() ?? '';
}
function key(store: Store, k: string): void {
  const { model, view } = store.getState();
  store.dispatchKey(k, { pages: pagesOf(view.frozen ?? model, W, H, view) });
}

describe('Writers rows are built once per state', () => {
  it('across a sample, a key and a frame', () => {
    const store = new Store(initialModel(60), initialView());
    for (const m of [header(), writers(1), writers(2)]) store.dispatchMessage(m);
    key(store, '2');
    key(store, 'j'); // the admin chose a row: the Writers selection now follows its key after each sample
    expect(store.getState().view.anchors.writers).not.toBeNull();
    const builds = countBuilds();
    store.dispatchMessage(writers(3)); // a new state: the re-anchor builds its rows
    expect(builds()).toBe(1);
    expect(frame(store)).toContain('/srv/log-43'); // the frame draws the same rows
    key(store, 'j'); // the key's reducer, its anchor sync and the page sizes read them too
    key(store, 'k');
    expect(frame(store)).toContain('/srv/log-41');
    expect(builds()).toBe(1);
    store.dispatchMessage(writers(4)); // the next state: once more
    frame(store);
    key(store, 'j');
    expect(builds()).toBe(2);
  });
});
