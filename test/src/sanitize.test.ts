import { describe, expect, it } from 'vitest';
import { decodeUtf8, MAX_INPUT, sanitize } from '../../src/text/sanitize.js';
import { displayWidth, fit, truncate, truncateLeft } from '../../src/text/width.js';
import { safeJson } from '../../src/text/safe-json.js';

const ANY_CONTROL = /[\x00-\x1f\x7f-\x9f]/;

describe('sanitize: hostile input from testing.md', () => {
  it('removes CSI sequences (colours, cursor moves, screen clears)', () => {
    expect(sanitize('a\x1b[31mred\x1b[0m\x1b[2J\x1b[10;10Hb')).toBe('aredb');
    expect(sanitize('\x1b[?1049lscreen')).toBe('screen');
  });

  it('removes OSC: title setting, hyperlinks and clipboard writes', () => {
    expect(sanitize('x\x1b]0;pwned\x07y')).toBe('xy');
    expect(sanitize('\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\')).toBe('link');
    expect(sanitize('\x1b]52;c;ZXZpbA==\x07ok')).toBe('ok');
  });

  it('removes DCS and unterminated strings', () => {
    expect(sanitize('a\x1bPq#0;2;0;0;0\x1b\\b')).toBe('ab');
    expect(sanitize('a\x1b]0;never ends')).toBe('a');
  });

  it('handles the 8-bit C1 forms and other C1 controls', () => {
    expect(sanitize('a\x9b31mb\x9d0;t\x9cc')).toBe('abc');
    expect(ANY_CONTROL.test(sanitize('\x85\x8e\x90x\x9c'))).toBe(false);
  });

  it('replaces C0 controls with ? and line breaks with spaces', () => {
    expect(sanitize('a\x00b\x07c\x08d')).toBe('a?b?c?d');
    expect(sanitize('one\ntwo\r\nthree\tfour')).toBe('one two  three four');
  });

  it('replaces invalid UTF-8 and lone surrogates', () => {
    expect(decodeUtf8(Uint8Array.from([0x61, 0xff, 0xfe, 0x62]))).toBe('a\ufffd\ufffdb');
    expect(sanitize('a\ud800b')).toBe('a\ufffdb');
    expect(sanitize('😀')).toBe('😀');
  });

  it('neutralises bidi overrides that would reorder text', () => {
    expect(sanitize('abc\u202Efdp.exe')).toBe('abc?fdp.exe');
  });

  it('bounds huge input and truncates to a width with an ellipsis', () => {
    const huge = 'x'.repeat(1_000_000);
    expect(sanitize(huge).length).toBe(MAX_INPUT + 1);
    expect(sanitize('abcdefgh', 5)).toBe('abcd…');
  });

  it('never lets a control character through, whatever the input', () => {
    let seed = 7;
    for (let n = 0; n < 300; n++) {
      let s = '';
      for (let i = 0; i < 40; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        s += String.fromCharCode(seed % 0xa0);
      }
      expect(ANY_CONTROL.test(sanitize(s))).toBe(false);
    }
  });
});

describe('display width', () => {
  it('counts wide CJK and emoji as two cells and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('👍🏽')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('truncates by cells, never splitting a wide character', () => {
    expect(truncate('日本語テキスト', 7)).toBe('日本語…');
    expect(displayWidth(truncate('日本語テキスト', 7))).toBeLessThanOrEqual(7);
    expect(truncateLeft('/var/mod_gzip/cache-0001.gz', 14)).toBe('…cache-0001.gz');
    expect(fit('日本', 6)).toBe('日本  ');
    expect(fit('42', 5, 'right')).toBe('   42');
  });
});

describe('widths every terminal agrees on', () => {
  it('turns zero-width and joiner characters into a visible ?', () => {
    expect(sanitize('Z\u200dZ\u200bZ\u2060Z\ufeffZ\u00adZ')).toBe('Z?Z?Z?Z?Z?Z');
    expect(displayWidth(sanitize('Z\u200d'.repeat(50)))).toBe(100);
  });

  it('keeps at most two combining marks on a character; an orphan mark gets a base', () => {
    const storm = `a${'\u0301'.repeat(40)}b`;
    expect(sanitize(storm)).toBe('a\u0301\u0301b');
    expect(sanitize('\u0301x')).toBe('?\u0301x');
    expect(sanitize('é')).toBe('é');
  });

  it('drops variation selectors and skin tones, marks regional indicators', () => {
    expect(sanitize('\u263a\ufe0f')).toBe('\u263a');
    expect(sanitize('\u{1f44d}\u{1f3fd}')).toBe('\u{1f44d}');
    expect(sanitize('\u{1f1fa}\u{1f1f8}')).toBe('??');
  });

  it('leaves plain text and ordinary wide characters alone', () => {
    expect(sanitize('php-fpm: pool www')).toBe('php-fpm: pool www');
    expect(sanitize('日本語 ▾ ⣿')).toBe('日本語 ▾ ⣿');
  });
});

describe('safeJson', () => {
  it('escapes C1 controls, DEL and bidi controls, and stays the same value', () => {
    const value = { name: 'a\u009b31mb\u202ec\u007fd\u200de', n: 1 };
    const text = safeJson(value, 2);
    expect(text).not.toMatch(/[\u007f-\u009f\u202e\u200d]/);
    expect(text).toContain('\\u009b');
    expect(JSON.parse(text)).toEqual(value);
  });
});
