/**
 * Writes only what changed: compares two cell grids and produces the cursor
 * moves, SGR codes and characters that turn the old screen into the new one.
 * Slow SSH links pay for every byte, so unchanged cells cost nothing.
 */
import type { Row } from './cells.js';

// Unchanged cells shorter than this between two changes are rewritten rather
// than jumped over: a cursor move costs about 8 bytes.
const MAX_GAP = 6;

function sgr(key: string): string {
  return key === '' ? '\x1b[0m' : `\x1b[0;${key}m`;
}

function changedRuns(prev: Row | undefined, next: Row): Array<[number, number]> {
  const width = next.chars.length;
  const runs: Array<[number, number]> = [];
  let start = -1;
  let last = -1;
  for (let x = 0; x < width; x++) {
    const same = prev && prev.chars[x] === next.chars[x] && prev.styles[x] === next.styles[x];
    if (same) continue;
    if (start >= 0 && x - last <= MAX_GAP) last = x;
    else {
      if (start >= 0) runs.push([start, last]);
      start = last = x;
    }
  }
  if (start >= 0) runs.push([start, last]);
  // Never split a wide character: widen runs to cover both halves, old and new.
  return runs.map(([a, b]) => {
    while (a > 0 && (next.chars[a] === '' || prev?.chars[a] === '')) a--;
    while (b + 1 < width && (next.chars[b + 1] === '' || prev?.chars[b + 1] === '')) b++;
    return [a, b];
  });
}

/**
 * The bytes that turn `prev` into `next` on a terminal. With no `prev` (or a
 * size change) the whole screen is cleared and drawn.
 */
export function diffFrames(prev: readonly Row[] | null, next: readonly Row[]): string {
  const full = !prev || prev.length !== next.length || prev[0]?.chars.length !== next[0]?.chars.length;
  let out = full ? '\x1b[0m\x1b[2J' : '';
  let style = full ? '' : null as string | null;
  let cursorY = -1;
  let cursorX = -1;
  for (let y = 0; y < next.length; y++) {
    const row = next[y]!;
    const before = full ? undefined : prev![y];
    if (before === row) continue; // the same line as before (cells.ts LineMemo)
    for (const [a, b] of changedRuns(before, row)) {
      if (cursorY !== y || cursorX !== a) out += `\x1b[${y + 1};${a + 1}H`;
      for (let x = a; x <= b; x++) {
        const ch = row.chars[x]!;
        if (ch === '') continue;
        if (row.styles[x] !== style) {
          style = row.styles[x]!;
          out += sgr(style);
        }
        out += ch;
      }
      cursorY = y;
      cursorX = b + 1;
    }
  }
  if (style !== null && style !== '') out += '\x1b[0m';
  return out;
}
