/**
 * Every key goes through the keymap once, in the store: the console's own
 * keys (C-l, C-z, H, the replay transport, Esc ending a fleet host's console)
 * come out as effects; help says what read-only turns off; the help's scroll
 * keys and the connections list's are separate commands.
 */
import { describe, expect, it } from 'vitest';
import { initialModel } from '../../src/model/model.js';
import { Store } from '../../src/view/store.js';
import { initialView, stepView } from '../../src/view/view.js';
import { commandFor, KEYMAP } from '../../src/view/keymap.js';
import { helpLines } from '../../src/view/keymap-help.js';
import { testContext, testMeasure } from '../support/view-context.js';

const store = () => new Store(initialModel(60), initialView());

describe('console keys through the keymap', () => {
  it('C-l, C-z and H are effects, the view untouched', () => {
    const s = store();
    const before = s.getState().view;
    expect(s.dispatchKey('ctrl-l', testMeasure())).toEqual([{ kind: 'redraw' }]);
    expect(s.dispatchKey('ctrl-z', testMeasure())).toEqual([{ kind: 'suspend' }]);
    expect(s.dispatchKey('H', testMeasure())).toEqual([{ kind: 'history' }]);
    expect(s.getState().view).toEqual(before);
  });

  it('a notice stays on screen across C-l', () => {
    const s = store();
    s.dispatchKey('K', testMeasure()); // nothing selected: a notice
    const notice = s.getState().view.notice;
    expect(notice).toBeTruthy();
    s.dispatchKey('ctrl-l', testMeasure());
    expect(s.getState().view.notice).toBe(notice);
  });

  it('the replay transport only in replay', () => {
    expect(store().dispatchKey('[', testMeasure(), undefined, 'replay')).toEqual([{ kind: 'replay', command: 'replay.slower' }]);
    expect(store().dispatchKey('[', testMeasure(), undefined, 'live')).toEqual([]);
  });

  it('Esc ends a console that asks for it, after unzooming', () => {
    const ctx = testContext({ escapeEnds: true });
    const zoomed = stepView(initialView(), 'view.zoom', ctx);
    const unzoomed = stepView(zoomed, commandFor('escape', 'normal')!, ctx);
    expect(unzoomed.zoomed).toBe(false);
    expect(unzoomed.quit).toBe(false);
    expect(stepView(unzoomed, commandFor('escape', 'normal')!, ctx).quit).toBe(true);
    expect(stepView(unzoomed, commandFor('escape', 'normal')!, testContext()).quit).toBe(false);
  });
});

describe('help says what read-only turns off', () => {
  it('each acting binding carries the reason, and only those', () => {
    const off = 'read-only: actions are off (--read-only)';
    const lines = helpLines('live', off).filter((l) => l.kind === 'binding');
    const acting = new Set(KEYMAP.filter((b) => b.acts).map((b) => b.help));
    expect(lines.filter((l) => l.off === off).map((l) => l.help).sort()).toEqual([...acting].sort());
    expect(lines.find((l) => l.help.startsWith('send a signal'))?.off).toBe(off);
    expect(helpLines('live').every((l) => l.kind !== 'binding' || !l.off)).toBe(true);
  });
});

describe('help and connections scroll apart', () => {
  it('j in the connections list moves the list, not the help; j in help the help', () => {
    const ctx = testContext({ helpLines: 50, helpPage: 10 });
    const net = { ...initialView(), mode: 'net-detail' as const, netDetail: '203.0.113.0/24' };
    expect(commandFor('j', 'net-detail')).toBe('connections.down');
    expect(commandFor('j', 'help')).toBe('help.down');
    const after = stepView(net, commandFor('j', 'net-detail')!, ctx);
    expect(after.helpScroll).toBe(0);
    const help = stepView({ ...initialView(), mode: 'help' }, 'help.down', ctx);
    expect(help.helpScroll).toBe(1);
    expect(help.netScroll).toBe(0);
  });
});

describe('the fleet screen reads its keys from the keymap', () => {
  it('in the fleet context, ↑ ↓ j k move, Enter opens, q quits', () => {
    expect(['up', 'k', 'down', 'j', 'enter', 'q', 'ctrl-c'].map((k) => commandFor(k, 'normal', 'fleet'))).toEqual(['fleet.up', 'fleet.up', 'fleet.down', 'fleet.down', 'fleet.open', 'app.quit', 'app.quit']);
    expect(commandFor('enter', 'normal', 'live')).toBe('item.open');
    expect(helpLines('fleet').some((l) => l.kind === 'section' && l.title === 'Fleet')).toBe(true);
    expect(helpLines('live').some((l) => l.kind === 'section' && l.title === 'Fleet')).toBe(false);
  });
});
