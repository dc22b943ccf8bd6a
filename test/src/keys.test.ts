import { describe, expect, it } from 'vitest';
import { decodeKeys } from '../../src/keys.js';
import { commandFor, KEYMAP, type Mode } from '../../src/keymap.js';

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

  it('binds every key to at most one command per mode', () => {
    for (const mode of modes) {
      const seen = new Map<string, string>();
      for (const b of KEYMAP.filter((k) => k.modes.includes(mode))) {
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

  it('ignores list keys while the help is open', () => {
    expect(commandFor('j', 'help')).toBeNull();
    expect(commandFor('escape', 'help')).toBe('overlay.close');
  });

  it('gives every binding a label and help text', () => {
    for (const b of KEYMAP) {
      expect(b.label.length).toBeGreaterThan(0);
      expect(b.help.length).toBeGreaterThan(0);
    }
  });
});
