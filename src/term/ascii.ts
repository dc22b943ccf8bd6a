/**
 * Plain terminals (--ascii, TERM=linux): every cell of a frame is made ASCII
 * before it is drawn. Box corners become '+', lines '-' and '|', bars '#' and
 * '.', braille graph cells a mark by how many dots they hold, arrows and
 * markers their nearest letter; anything else (a wide character's two cells
 * included) '?'. A cell stays one cell, so the layout does not move.
 */
import type { Row } from './cells.js';

const GLYPHS: Readonly<Record<string, string>> = {
  '╭': '+', '╮': '+', '╰': '+', '╯': '+', '┌': '+', '┐': '+', '└': '`', '┘': '+', '├': '+', '┤': '+', '┬': '+', '┴': '+', '┼': '+',
  '╔': '+', '╗': '+', '╚': '+', '╝': '+', '═': '=', '║': '|', '⚠': '!',
  '─': '-', '━': '-', '│': '|', '┃': '|', '▏': '|',
  '█': '#', '▓': '#', '▇': '#', '▆': '#', '▅': '#', '▄': '=', '▃': '=', '▂': '_', '▁': '_', '▒': ':', '░': '.',
  '▾': 'v', '▼': 'v', '▸': '>', '▲': '^', '●': '*', '…': '~', '→': '>', '←': '<', '↑': '^', '↓': 'v',
  '—': '-', '–': '-', '×': 'x', '·': '.', '«': '<', '»': '>', '✓': '+', '✗': 'x',
};

function braille(code: number): string {
  let bits = code - 0x2800;
  let dots = 0;
  while (bits) {
    dots += bits & 1;
    bits >>= 1;
  }
  return dots === 0 ? ' ' : dots <= 2 ? '.' : dots <= 5 ? ':' : '#';
}

/** The ASCII stand-in for one cell's grapheme ('' is the right half of a wide character). */
export function asciiCell(char: string): string {
  if (char === '') return '?';
  const code = char.codePointAt(0) ?? 0x3f;
  if (char.length === 1 && code < 0x7f) return char;
  if (code >= 0x2800 && code <= 0x28ff) return braille(code);
  return GLYPHS[char] ?? '?';
}

/** One row made ASCII, cell by cell, styles kept. */
export function asciiRow(row: Row): Row {
  return { chars: row.chars.map(asciiCell), styles: row.styles };
}
