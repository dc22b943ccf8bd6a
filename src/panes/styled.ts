/**
 * Styled lines: what a pane draws, as data. Ink draws them (ui/StyledLines.tsx)
 * and so does the fast path (src/draw/), from the same lines, so the two
 * renderers cannot disagree on a pane's content.
 */
import { displayWidth, graphemeWidth, graphemes } from '../text/width.js';

/** The look of text: Ink's Text props, by the same names' meaning. */
export interface Look {
  /** A chalk colour name: red, cyanBright, gray … */
  readonly color?: string;
  readonly bg?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
}

/** A run of text with one look (on top of its line's look). */
export interface Span {
  readonly text: string;
  readonly look?: Look;
}

/** One screen line: cut with '…' when wider than its box. */
export interface StyledLine {
  readonly spans: readonly Span[];
  /** The whole line's look (it also covers the '…' of a cut). */
  readonly look?: Look;
}

/** A line of one span. */
export function plainLine(text: string, look?: Look): StyledLine {
  return look ? { spans: [{ text }], look } : { spans: [{ text }] };
}

/** A line of spans. */
export function spansLine(spans: readonly Span[], look?: Look): StyledLine {
  return look ? { spans, look } : { spans };
}

/** `inner` on top of `outer`: inner's colours win, the flags add up (as nested Ink Texts). */
export function mergeLooks(outer: Look | undefined, inner: Look | undefined): Look | undefined {
  if (!outer) return inner;
  if (!inner) return outer;
  return {
    color: inner.color ?? outer.color,
    bg: inner.bg ?? outer.bg,
    bold: inner.bold || outer.bold,
    dim: inner.dim || outer.dim,
    inverse: inner.inverse || outer.inverse,
  };
}

function cutSpans(spans: readonly Span[], cells: number): Span[] {
  const out: Span[] = [];
  let left = cells;
  for (const span of spans) {
    const w = displayWidth(span.text);
    if (w <= left) {
      out.push(span);
      left -= w;
      continue;
    }
    let text = '';
    for (const g of graphemes(span.text)) {
      const gw = graphemeWidth(g);
      if (gw > left) break;
      text += g;
      left -= gw;
    }
    out.push({ text, look: span.look });
    break;
  }
  return out;
}

/**
 * The line as spans of exactly `width` cells, each with its whole look (the
 * line's merged in): cut to width-1 cells and '…' when
 * wider, as Ink's wrap="truncate" cuts; padded with plain spaces.
 */
export function fitLine(line: StyledLine, width: number): Span[] {
  if (width <= 0) return [];
  let used = 0;
  for (const span of line.spans) used += displayWidth(span.text);
  let spans: readonly Span[] = line.spans;
  const out: Span[] = [];
  if (used > width) {
    spans = cutSpans(line.spans, width - 1);
    used = 1;
    for (const span of spans) used += displayWidth(span.text);
  }
  for (const span of spans) if (span.text !== '') out.push({ text: span.text, look: mergeLooks(line.look, span.look) });
  // The '…' keeps the look of the last text kept (as Ink's slice keeps that span's style open): a span
  // cut to nothing adds no text, so no style, to Ink's slice ('Network' fits, '  Tab: next' does not).
  if (spans !== line.spans) out.push({ text: '…', look: mergeLooks(line.look, spans.findLast((s) => s.text !== '')?.look) });
  if (used < width) out.push({ text: ' '.repeat(width - used) });
  return out;
}

/** Lines side by side: each column's line fitted to its width (a missing line is blank). */
export function besideLines(columns: ReadonlyArray<{ readonly lines: readonly StyledLine[]; readonly width: number }>): StyledLine[] {
  const rows = Math.max(0, ...columns.map((c) => c.lines.length));
  const out: StyledLine[] = [];
  for (let r = 0; r < rows; r++) out.push({ spans: columns.flatMap((c) => fitLine(c.lines[r] ?? { spans: [] }, c.width)) });
  return out;
}
