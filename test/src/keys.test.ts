import { describe, expect, it } from 'vitest';
import { decodeKeys } from '../../src/view/keys.js';
import { commandFor, KEYMAP, type Mode } from '../../src/view/keymap.js';
import { readFileSync } from 'node:fs';
import { keyTableMarkdown } from '../../src/view/keymap-help.js';

describe('decodeKeys', () => {
  it('decodes arrows, paging, function keys and Shift-Tab', () => {
    expect(decodeKeys('\x1b[A\x1b[B\x1bOA')).toEqual(['up', 'down', 'up']);
    expect(decodeKeys('\x1b[5~\x1b[6~\x1b[Z\x1b[21~\x1bOP')).toEqual(['pageup', 'pagedown', 'shift-tab', 'f10', 'f1']);
  });

  it('decodes control keys and printable characters, including several per chunk', () => {
    expect(decodeKeys('\tq?jk\r\x7f\x03')).toEqual(['tab', 'q', '?', 'j', 'k', 'enter', 'backspace', 'ctrl-c']);
    expect(decodeKeys('é')).toEqual(['é']);
  });

  it('treats a lone ESC as escape and drops unknown sequences', () => {
    expect(decodeKeys('\x1b')).toEqual(['escape']);
    expect(decodeKeys('\x1b[99~x')).toEqual(['x']);
  });
});

describe('keymap table', () => {
  const modes: Mode[] = ['normal', 'help'];

  it('binds every key to at most one command per mode and context (replay\'s transport comes first in its context)', () => {
    for (const mode of modes) for (const context of ['live', 'replay'] as const) {
      const seen = new Map<string, string>();
      for (const b of KEYMAP.filter((k) => k.modes.includes(mode) && (k.context === undefined || k.context === context)).filter((k) => context === 'live' || k.context === 'replay' || !KEYMAP.some((r) => r.context === 'replay' && r.keys.some((key) => k.keys.includes(key))))) {
        for (const key of b.keys) {
          expect(seen.get(key), `${key} in ${mode}`).toBeUndefined();
          seen.set(key, b.command);
        }
      }
    }
  });

  it('maps the keys the brief names', () => {
    expect(commandFor('tab', 'normal')).toBe('focus.next');
    expect(commandFor('shift-tab', 'normal')).toBe('focus.prev');
    expect(['1', '2', '3', '4'].map((k) => commandFor(k, 'normal'))).toEqual(['focus.disks', 'focus.writers', 'focus.log', 'focus.cpu']);
    expect(commandFor('j', 'normal')).toBe('select.down');
    expect(commandFor('up', 'normal')).toBe('select.up');
    expect(commandFor('pagedown', 'normal')).toBe('page.down');
    expect(commandFor('?', 'normal')).toBe('help.toggle');
    expect(commandFor('p', 'normal')).toBe('view.pause');
    expect(commandFor('q', 'help')).toBe('app.quit');
    expect(commandFor('f10', 'normal')).toBe('app.quit');
  });

  it('scrolls the help with the list keys, and never moves a list behind it', () => {
    expect(commandFor('j', 'help')).toBe('help.down');
    expect(commandFor('pagedown', 'help')).toBe('help.pagedown');
    expect(commandFor('escape', 'help')).toBe('overlay.close');
  });

  it('gives every binding a label and help text', () => {
    for (const b of KEYMAP) {
      expect(b.label.length).toBeGreaterThan(0);
      expect(b.help.length).toBeGreaterThan(0);
    }
  });
});

describe('README key table', () => {
  it('is the table generated from the keymap (regenerate it from keyTableMarkdown() when a binding changes)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('| key | does |');
    const table = readme.slice(start, readme.indexOf('\n\n', start));
    expect(table).toBe(keyTableMarkdown());
  });

  it('has replay transport keys only in the replay context, ahead of the main screen bindings', () => {
    expect(commandFor('g', 'normal', 'replay')).toBe('replay.start');
    expect(commandFor('g', 'normal', 'live')).toBe('select.first');
    expect(commandFor(' ', 'normal', 'live')).toBe('list.toggle');
    expect(commandFor('ctrl-l', 'normal')).toBe('screen.redraw');
    expect(commandFor('j', 'help')).toBe('help.down');
  });
});
