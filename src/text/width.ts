/**
 * Display width of text in terminal cells, grapheme by grapheme, using the same
 * measure Ink uses for layout (string-width), so our columns and Ink's agree.
 */
import stringWidth, { isOneCellText } from './fast-width.js';

/** Made on first use: the first Intl.Segmenter costs ~8 ms (ICU's break data), and most frames never need one. */
let segmenter: Intl.Segmenter | undefined;

/** Splits text into graphemes (user-perceived characters). */
export function graphemes(text: string): string[] {
  if (isOneCellText(text)) return text.split('');
  const out: string[] = [];
  for (const part of (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text)) out.push(part.segment);
  return out;
}

/** Cells one grapheme occupies: 0, 1 or 2. */
export function graphemeWidth(grapheme: string): number {
  return Math.min(2, stringWidth(grapheme));
}

/** Cells a plain (escape-free) string occupies. */
export function displayWidth(text: string): number {
  if (isOneCellText(text)) return text.length;
  let width = 0;
  for (const g of graphemes(text)) width += graphemeWidth(g);
  return width;
}

/** Cuts text to at most `width` cells, ending with '…' when it had to cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let used = 0;
  let out = '';
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return out + '…';
}

/** Cuts text from the left to at most `width` cells: '…/var/mod_gzip/x.gz'. */
export function truncateLeft(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  const parts = graphemes(text);
  let used = 0;
  let out = '';
  for (let i = parts.length - 1; i >= 0; i--) {
    const w = graphemeWidth(parts[i]!);
    if (used + w > width - 1) break;
    out = parts[i] + out;
    used += w;
  }
  return '…' + out;
}

/** Pads (or cuts) text to exactly `width` cells. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}
