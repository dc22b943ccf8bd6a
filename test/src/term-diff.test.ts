import { describe, expect, it } from 'vitest';
import { LineMemo, parseFrame, parseLine } from '../../src/term/cells.js';
import { diffFrames } from '../../src/term/diff.js';
import { VirtualTerminal } from '../support/vterm.js';

const W = 20;
const H = 4;

function apply(vt: VirtualTerminal, frame: string, prev: ReturnType<typeof parseFrame> | null) {
  const next = parseFrame(frame, W, H);
  const bytes = diffFrames(prev, next);
  vt.write(bytes);
  return { next, bytes };
}

describe('parseLine', () => {
  it('tracks SGR styles per cell and pads to the width', () => {
    const row = parseLine('a\x1b[31mb\x1b[39mc', 5);
    expect(row.chars).toEqual(['a', 'b', 'c', ' ', ' ']);
    expect(row.styles).toEqual(['', '31', '', '', '']);
  });

  it('gives wide characters two cells and drops non-SGR escapes', () => {
    const row = parseLine('日本\x1b]0;x\x07z', 6);
    expect(row.chars).toEqual(['日', '', '本', '', 'z', ' ']);
  });

  it('can drop colours for NO_COLOR but keep attributes', () => {
    const row = parseLine('\x1b[1;31;44mX', 1, true);
    expect(row.styles[0]).toBe('1');
  });
});

describe('diffFrames', () => {
  it('draws the first frame in full and the screen matches it', () => {
    const vt = new VirtualTerminal(W, H);
    apply(vt, 'hello\nworld', null);
    expect(vt.text()[0]).toBe('hello'.padEnd(W));
    expect(vt.text()[1]).toBe('world'.padEnd(W));
  });

  it('writes nothing when nothing changed', () => {
    const a = parseFrame('same\nframe', W, H);
    expect(diffFrames(a, parseFrame('same\nframe', W, H))).toBe('');
  });

  it('writes only the changed cells, and the screen ends up equal to the new frame', () => {
    const vt = new VirtualTerminal(W, H);
    const first = apply(vt, 'cpu 10%  load 0.10\nrow two\nrow three', null);
    const { bytes } = apply(vt, 'cpu 12%  load 0.10\nrow two\nrow three', first.next);
    expect(bytes.length).toBeLessThan(15);
    expect(vt.text()[0]).toBe('cpu 12%  load 0.10'.padEnd(W));
  });

  it('repaints both halves when a wide character replaces narrow ones', () => {
    const vt = new VirtualTerminal(W, H);
    const first = apply(vt, 'ab日cd', null);
    const second = apply(vt, 'abxycd', first.next);
    expect(vt.text()[0]).toBe('abxycd'.padEnd(W));
    apply(vt, 'a漢ycd', second.next);
    expect(vt.chars[0]!.slice(0, 6)).toEqual(['a', '漢', '', 'y', 'c', 'd']);
  });

  it('keeps colours right across runs', () => {
    const vt = new VirtualTerminal(W, H);
    const first = apply(vt, '\x1b[32mgreen\x1b[39m plain', null);
    apply(vt, '\x1b[31mred  \x1b[39m plain', first.next);
    expect(vt.styles[0]!.slice(0, 3)).toEqual(['31', '31', '31']);
    expect(vt.styles[0]![6]).toBe('');
  });

  it('redraws in full after a size change', () => {
    const a = parseFrame('x', W, H);
    const b = parseFrame('x', W + 1, H);
    expect(diffFrames(a, b)).toContain('\x1b[2J');
  });
});

describe('ASCII frames (--ascii, TERM=linux)', () => {
  it('maps box, bar, braille and marker glyphs to one ASCII cell each, and anything else to ?', async () => {
    const { asciiCell, asciiRow } = await import('../../src/term/ascii.js');
    expect(['╭', '─', '│', '█', '░', '▾', '…', '→', 'a', ' '].map(asciiCell).join('')).toBe('+-|#.v~>a ');
    expect(asciiCell('\u2800')).toBe(' ');
    expect(asciiCell('\u28ff')).toBe('#');
    expect(asciiCell('\u2840')).toBe('.');
    const row = asciiRow({ chars: ['日', '', 'x'], styles: ['', '', ''] });
    expect(row!.chars).toEqual(['?', '?', 'x']);
  });
});

describe('LineMemo (lines the previous frame had are not parsed again)', () => {
  it('gives the rows parseFrame gives, reuses repeated lines, and the diffs equal those of full parses', () => {
    const memo = new LineMemo();
    let parses = 0;
    const parse = (line: string) => (parses++, parseLine(line, W, false));
    const lines = ['top \x1b[1mbold\x1b[22m', '日本 wide', 'same', 'same', 'cpu 12%', 'cpu 13%', '\x1b[31mred'];
    let prevFull: ReturnType<typeof parseFrame> | null = null;
    let prevMemo: ReturnType<typeof parseFrame> | null = null;
    for (let f = 0; f < 40; f++) {
      const frame = Array.from({ length: H }, (_, y) => lines[(y * 3 + Math.floor(f / (y + 1))) % lines.length]).join('\n');
      const full = parseFrame(frame, W, H);
      const rows = memo.rows(frame, W, H, parse);
      expect(rows).toEqual(full);
      expect(diffFrames(prevMemo, rows)).toBe(diffFrames(prevFull, full));
      prevFull = full;
      prevMemo = rows;
    }
    expect(parses).toBeLessThan(40 * H / 2);
    // another width parses again
    const before = parses;
    memo.rows('same', W + 1, 1, (line) => (parses++, parseLine(line, W + 1)));
    expect(parses).toBe(before + 1);
  });
});

describe('parseLine keeps the styles it met (cells.ts), by every attribute', () => {
  it('two styles with one SGR key (a malformed 38;5) stay apart; the answers do not depend on what was parsed before', () => {
    const ambiguous = '\x1b[38;5;41mC\x1b[39mD';
    const split = '\x1b[38;5m\x1b[41mA\x1b[39mB';
    const cold = [parseLine(split, 4), parseLine(ambiguous, 4)];
    expect(cold[0]!.styles.slice(0, 2)).toEqual(['38;5;41', '41']);
    expect(cold[1]!.styles.slice(0, 2)).toEqual(['38;5;41', '']);
    for (let i = 0; i < 3; i++) expect([parseLine(split, 4), parseLine(ambiguous, 4)]).toEqual(cold);
    expect(parseLine('\x1b[1;31mX\x1b[0mY\x1b[2mZ', 3, true).styles).toEqual(['1', '', '2']);
  });
});

describe('parseLine over one-cell text (its fast path) and other text alike', () => {
  it('cuts at the width and places wide characters as before', () => {
    expect(parseLine('ab─⣿cd', 4).chars).toEqual(['a', 'b', '─', '⣿']);
    expect(parseLine('a界b', 4).chars).toEqual(['a', '界', '', 'b']);
    expect(parseLine('\x1b[31mab\x1b[0m界界', 5)).toEqual({ chars: ['a', 'b', '界', '', ' '], styles: ['31', '31', '', '', ''] });
  });
});
