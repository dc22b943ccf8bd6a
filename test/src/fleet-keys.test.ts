/**
 * The fleet screens' keys come from the keymap's `fleet` context, once per key
 * (fleet-view.ts), and the help and the key line list exactly those bindings:
 * no console binding (Tab, K, /) leaks into the fleet, no fleet binding into
 * the console.
 */
import { describe, expect, it } from 'vitest';
import { commandFor, inContext, KEYMAP } from '../../src/view/keymap.js';
import { helpLines, keyLine } from '../../src/view/keymap-help.js';
import { fleetIndex, fleetKey, INITIAL_FLEET_VIEW, type FleetView } from '../../src/view/fleet-view.js';

const IDS = ['db-1', 'web-1', 'web-2'];
const press = (keys: readonly string[], ids: readonly string[] = IDS, from: FleetView = INITIAL_FLEET_VIEW) => {
  let view = from;
  const effects = [];
  for (const key of keys) {
    const next = fleetKey(view, key, ids);
    view = next.view;
    if (next.effect) effects.push(next.effect);
  }
  return { view, effects };
};

describe('the fleet context of the keymap', () => {
  it('holds only its own bindings: the console keys do nothing in the fleet, the fleet keys nothing in the console', () => {
    const fleet = KEYMAP.filter((b) => inContext(b, 'fleet'));
    expect(fleet.length).toBeGreaterThan(0);
    expect(fleet.every((b) => b.context === 'fleet')).toBe(true);
    for (const key of ['tab', 'K', '/', '1', 'z', 'H', 'W', ' ']) expect(commandFor(key, 'normal', 'fleet'), key).toBeNull();
    for (const context of ['live', 'replay'] as const) expect(KEYMAP.filter((b) => inContext(b, context)).some((b) => b.context === 'fleet')).toBe(false);
  });

  it('its keys: ↑ ↓ j k select, Enter opens, ? F1 help, Esc closes it, C-l, C-z, q F10 C-c quit', () => {
    const table = { up: 'fleet.up', k: 'fleet.up', down: 'fleet.down', j: 'fleet.down', enter: 'fleet.open', '?': 'help.toggle', f1: 'help.toggle', 'ctrl-l': 'screen.redraw', 'ctrl-z': 'app.suspend', q: 'app.quit', f10: 'app.quit', 'ctrl-c': 'app.quit' };
    for (const [key, command] of Object.entries(table)) expect(commandFor(key, 'normal', 'fleet'), key).toBe(command);
    expect(commandFor('escape', 'help', 'fleet')).toBe('overlay.close');
    expect(commandFor('q', 'help', 'fleet')).toBe('app.quit');
    expect(commandFor('enter', 'help', 'fleet')).toBeNull();
  });

  it('the help lists every fleet binding, in one Fleet section, and nothing else', () => {
    const lines = helpLines('fleet');
    expect(lines.filter((l) => l.kind === 'section')).toEqual([{ kind: 'section', title: 'Fleet' }]);
    const helps = lines.flatMap((l) => (l.kind === 'binding' ? [l.help] : []));
    expect(helps.sort()).toEqual([...new Set(KEYMAP.filter((b) => b.context === 'fleet').map((b) => b.help))].sort());
    expect(helpLines('live').some((l) => l.kind === 'section' && l.title === 'Fleet')).toBe(false);
    expect(helpLines('all').some((l) => l.kind === 'binding' && l.help === 'fleet: show or hide this help')).toBe(true);
  });

  it('the key line is made of the keymap labels', () => {
    expect(keyLine('fleet')).toBe('↑ k ↓ j select · Enter open · ? F1 keys · q F10 quit');
    expect(keyLine('fleet', 'help')).toBe('? F1 keys · q F10 quit');
  });
});

describe('the fleet view: each key through the keymap once', () => {
  it('the top host is selected until a move; the selection follows the host as the rows re-sort', () => {
    expect(fleetIndex(INITIAL_FLEET_VIEW, IDS)).toBe(0);
    const { view } = press(['down', 'j']);
    expect(view.selected).toBe('web-2');
    expect(fleetIndex(view, ['web-2', 'db-1', 'web-1'])).toBe(0);
    expect(press(['k'], ['web-2', 'db-1', 'web-1'], view).view.selected).toBe('web-2');
    expect(press(['down', 'down', 'down', 'down']).view.selected).toBe('web-2');
    expect(press(['up']).view.selected).toBe('db-1');
  });

  it('Enter opens the selected host, q quits, C-l redraws, C-z suspends; ? opens the help where Enter does nothing and Esc closes it', () => {
    expect(press(['j', 'enter']).effects).toEqual([{ kind: 'open', id: 'web-1' }]);
    expect(press(['enter'], []).effects).toEqual([]);
    expect(press(['q']).effects).toEqual([{ kind: 'quit' }]);
    expect(press(['ctrl-l', 'ctrl-z']).effects).toEqual([{ kind: 'redraw' }, { kind: 'suspend' }]);
    const help = press(['?']).view;
    expect(help.mode).toBe('help');
    expect(press(['enter', 'j'], IDS, help)).toEqual({ view: help, effects: [] });
    expect(press(['escape'], IDS, help).view.mode).toBe('normal');
    expect(press(['?'], IDS, help).view.mode).toBe('normal');
  });
});
