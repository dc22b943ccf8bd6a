/**
 * string-width with a fast path. Ink measures every character of every frame
 * with string-width, which segments graphemes even for braille and box
 * drawing: it was the largest single cost of a frame. For strings made only of
 * characters that are always one cell wide (with the default options), the
 * width is the length; everything else goes to string-width itself. The bundle
 * routes Ink's imports of string-width here (src/build/bundle.mjs).
 */
import stringWidth from 'string-width';

// Printable ASCII, Latin-1 letters and signs (no soft hyphen), general
// punctuation, arrows, box drawing, block elements, geometric shapes (the
// Writers' ▾ ▸, the sort's ▼ ▲, REC's ●; not the wide ◽ ◾), ⚠ and braille:
// one cell each. Without the shapes, every Writers line with a group glyph
// went through grapheme segmentation: 645 µs for one 118-column line, 2 µs here.
const ONE_CELL = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u25ff\u26a0\u2800-\u28ff]*$/;

/** Options string-width accepts. */
export interface WidthOptions {
  readonly ambiguousIsNarrow?: boolean;
  readonly countAnsiEscapeCodes?: boolean;
}

const SGR = /\x1b\[[\d;]*m/g;

/** Same result as string-width, faster for common terminal text. */
export default function fastStringWidth(text: string, options?: WidthOptions): number {
  if (typeof text === 'string' && options?.ambiguousIsNarrow !== false && !options?.countAnsiEscapeCodes) {
    if (ONE_CELL.test(text)) return text.length;
    // Colour codes take no cells; string-width strips them, and so do we.
    if (text.includes('\x1b')) {
      const plain = text.replace(SGR, '');
      if (!plain.includes('\x1b') && ONE_CELL.test(plain)) return plain.length;
    }
  }
  return stringWidth(text, options);
}

/** Whether every UTF-16 unit of `text` is one grapheme one cell wide. */
export function isOneCellText(text: string): boolean {
  return ONE_CELL.test(text);
}
