import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import fastStringWidth from '../../src/text/fast-width.js';

describe('fastStringWidth', () => {
  it('agrees with string-width on every code point of its fast ranges, and around them', () => {
    for (let code = 0; code < 0x3000; code++) {
      if (code >= 0xd800) break;
      const ch = String.fromCharCode(code);
      expect(fastStringWidth(ch), `U+${code.toString(16)}`).toBe(stringWidth(ch));
      expect(fastStringWidth(`a${ch}b`)).toBe(stringWidth(`a${ch}b`));
    }
  });

  it('agrees on wide, emoji, combining and escaped text', () => {
    for (const s of ['日本語', '👍🏽x', 'e\u0301', '\x1b[31mred\x1b[0m', '⣿⣿ ╭─╮ …', 'a\u00adb', '\x1b[2m  \x1b[22m\x1b[32m⣀⣿\x1b[39m', '\x1b[31m日本\x1b[39m', '\x1b[Kx\x1b[31m', '\x1b]0;t\x07ab']) {
      expect(fastStringWidth(s)).toBe(stringWidth(s));
    }
    expect(fastStringWidth('─', { ambiguousIsNarrow: false })).toBe(stringWidth('─', { ambiguousIsNarrow: false }));
  });
});
