import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/view/keymap.js';
import { initialModel } from '../../src/model/model.js';
import type { PaneId } from '../../src/core/types.js';
import { Store, shownModel } from '../../src/view/store.js';
import { initialView, stepView, type ViewContext, type ViewState } from '../../src/view/view.js';
import { header, proc, sample } from '../support/samples.js';
import { testContext, testMeasure } from '../support/view-context.js';

const ALL: PaneId[] = ['disks', 'writers', 'log', 'cpu'];
const ctx: ViewContext = testContext({ rows: 50 });
const apply = (commands: Command[], panes: PaneId[] = ALL, view: ViewState = initialView(panes)): ViewState =>
  commands.reduce((v, c) => stepView(v, c, ctx, panes), view);

describe('view reducer', () => {
  it('starts in normal mode with the first pane focused and top rows selected', () => {
    const v = initialView(ALL);
    expect(v).toMatchObject({ mode: 'normal', focus: 'disks', frozen: null, quit: false });
    expect(Object.values(v.selected)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('cycles focus with Tab and Shift-Tab, wrapping around', () => {
    expect(apply(['focus.next']).focus).toBe('writers');
    expect(apply(['focus.next', 'focus.next', 'focus.next', 'focus.next']).focus).toBe('disks');
    expect(apply(['focus.prev']).focus).toBe('cpu');
  });

  it('focuses panes by number, and ignores absent panes', () => {
    expect(apply(['focus.log']).focus).toBe('log');
    expect(apply(['focus.disks'], ['cpu']).focus).toBe('cpu');
    expect(apply(['focus.next'], ['cpu']).focus).toBe('cpu');
  });

  it('moves the selection within the list, by rows and by pages', () => {
    expect(apply(['focus.cpu', 'select.down', 'select.down']).selected.cpu).toBe(2);
    expect(apply(['focus.cpu', 'select.up']).selected.cpu).toBe(0);
    expect(apply(['focus.cpu', 'page.down', 'page.down']).selected.cpu).toBe(20);
    expect(apply(['focus.cpu', 'select.last', 'page.down']).selected.cpu).toBe(49);
    expect(apply(['focus.cpu', 'select.last', 'page.up']).selected.cpu).toBe(39);
    expect(apply(['focus.cpu', 'select.down', 'select.first']).selected.cpu).toBe(0);
  });

  it('keeps a selection per pane', () => {
    const v = apply(['focus.cpu', 'select.down', 'focus.log']);
    expect(v.selected).toMatchObject({ cpu: 1, log: 0 });
  });

  it('opens and closes the help', () => {
    expect(apply(['help.toggle']).mode).toBe('help');
    expect(apply(['help.toggle', 'help.toggle']).mode).toBe('normal');
    expect(apply(['help.toggle', 'overlay.close']).mode).toBe('normal');
  });

  it('quits', () => {
    expect(apply(['app.quit']).quit).toBe(true);
  });
});

describe('store', () => {
  const measure = testMeasure(5);

  it('pausing freezes the shown model while collection goes on', () => {
    const store = new Store(initialModel(60), initialView(['cpu']));
    store.dispatchMessage(header());
    store.dispatchMessage(sample(0, 0, 0));
    store.dispatchKey('p', measure, ['cpu']);
    const frozen = shownModel(store.getState());
    store.dispatchMessage(sample(1, 50, 50));
    expect(shownModel(store.getState())).toBe(frozen);
    expect(store.getState().model.sampleCount).toBe(2);
    store.dispatchKey('p', measure, ['cpu']);
    expect(shownModel(store.getState()).sampleCount).toBe(2);
  });

  it('maps keys through the keymap in the current mode and notifies listeners', () => {
    const store = new Store(initialModel(60), initialView(['cpu']));
    store.dispatchMessage(header());
    store.dispatchMessage(sample(0, 0, 0, Array.from({ length: 10 }, (_, i) => proc(100 + i, 10))));
    let calls = 0;
    store.subscribe(() => calls++);
    store.dispatchKey('?', measure, ['cpu']);
    store.dispatchKey('j', measure, ['cpu']);
    expect(store.getState().view.mode).toBe('help');
    expect(store.getState().view.helpScroll).toBe(1);
    expect(store.getState().view.selected.cpu).toBe(0);
    store.dispatchKey('escape', measure, ['cpu']);
    store.dispatchKey('j', measure, ['cpu']);
    expect(store.getState().view.selected.cpu).toBe(1);
    expect(calls).toBe(4);
  });
});
