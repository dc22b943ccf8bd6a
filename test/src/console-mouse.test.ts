/**
 * The console's mouse handler (issue 35) over a real Store: a press on a
 * dialog's No cancels it, on Yes answers it as y would (a run effect), a press
 * elsewhere answers nothing; a typed confirmation is still refused by a click
 * on Yes until its unit is typed. No stays the default.
 */
import { describe, expect, it } from 'vitest';
import { mouseHandler } from '../../src/app/console-mouse.js';
import type { ProcessTarget, UnitTarget } from '../../src/effects/intents.js';
import { initialModel } from '../../src/model/model.js';
import { Store } from '../../src/view/store.js';
import { initialView, type ViewState } from '../../src/view/view.js';
import { testMeasure } from '../support/view-context.js';

const target: ProcessTarget = { pid: 4242, startTicks: 1000, comm: 'apache2', command: '/usr/sbin/apache2', user: 'www-data', unit: 'apache2.service', kernelThread: false, started: '05:00:00' };
const ANSWERS = '║ ' + '  No  ' + '   ' + '  Yes  ' + '   ←/→ choose · Enter take · y yes · n/Esc no';
const press = (x: number, y: number) => ({ kind: 'press' as const, button: 0, x, y });

function open(view: Partial<ViewState>): { store: Store; click: (x: number, y: number) => readonly unknown[] } {
  const store = new Store(initialModel(60), { ...initialView(), ...view });
  const handler = mouseHandler({ store, size: () => ({ width: 120, height: 40 }), lineText: (y) => (y === 30 ? ANSWERS : '║ Send a signal to 4242?'), measure: () => testMeasure() });
  return { store, click: (x, y) => handler(press(x, y)) };
}

describe('the mouse answers a dialog (issue 35)', () => {
  const signal: Partial<ViewState> = { mode: 'confirm-signal', dialog: { kind: 'process', target, file: null, signalIndex: 0, yes: false } };

  it('No cancels, nothing runs', () => {
    const { store, click } = open(signal);
    expect(click(4, 30)).toEqual([]);
    expect(store.getState().view).toMatchObject({ mode: 'normal', dialog: null, notice: 'cancelled' });
  });

  it('a press off the buttons answers nothing; Yes sends the chosen signal', () => {
    const { store, click } = open(signal);
    expect(click(4, 5)).toEqual([]);
    expect(click(10, 30)).toEqual([]);
    expect(store.getState().view.dialog).not.toBeNull();
    expect(click(13, 30)).toEqual([{ kind: 'run', intent: { kind: 'signal', target, signal: 'TERM' } }]);
    expect(store.getState().view.dialog).toBeNull();
  });

  it('a typed confirmation refuses a click on Yes until the unit is typed', () => {
    const unit: UnitTarget = { unit: 'apache2.service', manager: 'systemd', description: 'web', state: 'active', mainPid: 4242, members: [], guard: 'your SSH session runs in it' };
    const { store, click } = open({ mode: 'confirm-typed', dialog: { kind: 'service', verb: 'stop', target: unit, yes: false, typed: '' } });
    expect(click(13, 30)).toEqual([]);
    expect(store.getState().view.notice).toMatch(/type apache2\.service exactly/);
    expect(store.getState().view.dialog).not.toBeNull();
  });
});
