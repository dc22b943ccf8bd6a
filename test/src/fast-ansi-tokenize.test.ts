import * as original from '@alcalzone/ansi-tokenize';
import { describe, expect, it } from 'vitest';
import * as fast from '../../src/text/fast-ansi-tokenize.js';

const SAMPLES = [
  '', 'plain ascii', '⣿⣀ ╭─ CPU ─╮ …', '\x1b[32mgreen\x1b[39m and \x1b[1;31mbold red\x1b[22;39m',
  '\x1b[38;5;208morange\x1b[0m', '\x1b[48;2;1;2;3mtrue\x1b[49m', '日本語 \x1b[31mwide\x1b[39m', 'e\u0301 combining',
  '👍🏽 emoji', '\x1b]8;;http://x\x07link\x1b]8;;\x07', '\x1b[31', 'bad \x1b[Kerase', '\x9b31mc1',
  '\x1b[7m inverse \x1b[27m\x1b[2mdim\x1b[22m', '\x1b[31m\x1b[32mtwice\x1b[39m',
];

describe('fast ansi-tokenize', () => {
  it('tokenizes exactly like the original', () => {
    for (const s of SAMPLES) expect(fast.tokenize(s), JSON.stringify(s)).toEqual(original.tokenize(s));
  });

  it('builds the same styled characters and strings', () => {
    for (const s of SAMPLES) {
      const chars = fast.styledCharsFromTokens(fast.tokenize(s));
      expect(chars).toEqual(original.styledCharsFromTokens(original.tokenize(s)));
      expect(fast.styledCharsToString(chars)).toBe(original.styledCharsToString(original.styledCharsFromTokens(original.tokenize(s))));
    }
  });

  it('renders mixed rows (as Ink builds them) the same way', () => {
    const a = original.styledCharsFromTokens(original.tokenize('\x1b[31mab\x1b[39mc'));
    const row = [...a, { type: 'char' as const, value: ' ', fullWidth: false, styles: [] }, ...fast.styledCharsFromTokens(fast.tokenize('\x1b[1mx\x1b[22m'))];
    expect(fast.styledCharsToString(row)).toBe(original.styledCharsToString(row));
  });
});
