/**
 * Turns a rendered frame (text with SGR colour codes, one line per row) into a
 * grid of cells: one grapheme and one style per cell. The diff works on this.
 */
import { graphemes, graphemeWidth } from '../text/width.js';
import { isOneCellText } from '../text/fast-width.js';

/** Text attributes of a cell, normalised so equal looks compare equal. */
export interface Style {
  fg: string;
  bg: string;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
  strike: boolean;
}

/** One screen row: `chars[i]` is '' for the right half of a wide character. */
export interface Row {
  readonly chars: string[];
  /** Style keys, as produced by styleKey. */
  readonly styles: string[];
}

const PLAIN: Style = { fg: '', bg: '', bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false };

/** A compact string form of a style: the SGR parameters that produce it. */
export function styleKey(s: Style): string {
  const p: string[] = [];
  if (s.bold) p.push('1');
  if (s.dim) p.push('2');
  if (s.italic) p.push('3');
  if (s.underline) p.push('4');
  if (s.inverse) p.push('7');
  if (s.strike) p.push('9');
  if (s.fg) p.push(s.fg);
  if (s.bg) p.push(s.bg);
  return p.join(';');
}

function applySgr(style: Style, params: string): Style {
  const s = { ...style };
  const codes = params === '' ? ['0'] : params.split(';');
  for (let i = 0; i < codes.length; i++) {
    const n = Number(codes[i]);
    if (n === 0) Object.assign(s, PLAIN);
    else if (n === 1) s.bold = true;
    else if (n === 2) s.dim = true;
    else if (n === 3) s.italic = true;
    else if (n === 4) s.underline = true;
    else if (n === 7) s.inverse = true;
    else if (n === 9) s.strike = true;
    else if (n === 22) s.bold = s.dim = false;
    else if (n === 23) s.italic = false;
    else if (n === 24) s.underline = false;
    else if (n === 27) s.inverse = false;
    else if (n === 29) s.strike = false;
    else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) s.fg = String(n);
    else if (n === 39) s.fg = '';
    else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) s.bg = String(n);
    else if (n === 49) s.bg = '';
    else if (n === 38 || n === 48) {
      const extended = codes[i + 1] === '5' ? codes.slice(i, i + 3) : codes.slice(i, i + 5);
      i += extended.length - 1;
      if (n === 38) s.fg = extended.join(';');
      else s.bg = extended.join(';');
    }
  }
  return s;
}

// SGR sequences are kept; any other escape sequence is dropped.
const TOKEN = /\x1b\[([\d;]*)m|\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|\x1b\][^\x07]*(?:\x07|\x1b\\)|([^\x1b]+)/g;

/** A style met before, with its keys and where each SGR sequence took it. */
interface Known {
  readonly style: Style;
  readonly key: string;
  /** The key without colours (dropColor). */
  readonly plainKey: string;
  readonly next: Map<string, Known>;
}

/**
 * Styles by all their attributes (not styleKey, which a malformed `38;5`
 * could make ambiguous): a frame's lines go through a handful of styles and
 * transitions, and parsing made a style object and two keys per SGR sequence.
 * Bounded: past these sizes a style or transition is made, not kept.
 */
const known = new Map<string, Known>();
const KNOWN_MAX = 512;
const NEXT_MAX = 64;

function knownOf(style: Style): Known {
  const id = `${+style.bold}${+style.dim}${+style.italic}${+style.underline}${+style.inverse}${+style.strike}|${style.fg}|${style.bg}`;
  let k = known.get(id);
  if (!k) {
    k = { style, key: styleKey(style), plainKey: styleKey({ ...style, fg: '', bg: '' }), next: new Map() };
    if (known.size < KNOWN_MAX) known.set(id, k);
  }
  return k;
}

const PLAIN_KNOWN = knownOf(PLAIN);

/** applySgr, its answers kept per style and parameters. */
function transition(from: Known, params: string): Known {
  let to = from.next.get(params);
  if (!to) {
    to = knownOf(applySgr(from.style, params));
    if (from.next.size < NEXT_MAX) from.next.set(params, to);
  }
  return to;
}

/** Parses one rendered line into exactly `width` cells. */
export function parseLine(line: string, width: number, dropColor = false): Row {
  const chars: string[] = new Array(width).fill(' ');
  const styles: string[] = new Array(width).fill('');
  let style = PLAIN_KNOWN;
  let key = '';
  let col = 0;
  for (const m of line.matchAll(TOKEN)) {
    if (m[1] !== undefined) {
      style = transition(style, m[1]);
      key = dropColor ? style.plainKey : style.key;
      continue;
    }
    const text = m[2];
    if (text === undefined) continue;
    if (isOneCellText(text)) {
      // each UTF-16 unit one grapheme one cell wide (what graphemes and graphemeWidth answer for it), without asking each
      for (let i = 0; i < text.length && col < width; i++, col++) {
        chars[col] = text[i]!;
        styles[col] = key;
      }
      continue;
    }
    for (const g of graphemes(text)) {
      const w = graphemeWidth(g);
      if (w === 0 || col + w > width) continue;
      chars[col] = g;
      styles[col] = key;
      if (w === 2) {
        chars[col + 1] = '';
        styles[col + 1] = key;
      }
      col += w;
    }
  }
  return { chars, styles };
}

/** Parses a whole frame into `height` rows of `width` cells. */
export function parseFrame(frame: string, width: number, height: number, dropColor = false): Row[] {
  const lines = frame.split('\n');
  const rows: Row[] = [];
  for (let y = 0; y < height; y++) rows.push(parseLine(lines[y] ?? '', width, dropColor));
  return rows;
}

/**
 * Parses frames line by line, reusing the row of any line the previous frame
 * had (same text, same width): at idle most lines repeat, and parsing every
 * line of every frame was a tenth of what the console allocated. Holds one
 * frame's rows.
 */
export class LineMemo {
  private last = new Map<string, Row>();
  private width = -1;

  /** The frame's `height` rows of `width` cells, each line parsed by `parse` unless the previous frame had it. */
  rows(frame: string, width: number, height: number, parse: (line: string) => Row): Row[] {
    const before = width === this.width ? this.last : new Map<string, Row>();
    const next = new Map<string, Row>();
    const lines = frame.split('\n');
    const rows: Row[] = [];
    for (let y = 0; y < height; y++) {
      const line = lines[y] ?? '';
      let row = next.get(line) ?? before.get(line);
      if (!row) row = parse(line);
      next.set(line, row);
      rows.push(row);
    }
    this.last = next;
    this.width = width;
    return rows;
  }
}
