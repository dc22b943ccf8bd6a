/**
 * Renders styled lines (src/panes/styled.ts) to text with SGR codes, cut and
 * padded as Ink cuts them (fitLine), for the fast path's frame.
 */
import { fitLine, type Look, type StyledLine } from '../panes/styled.js';

const COLORS: Readonly<Record<string, number>> = {
  black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37,
  gray: 90, grey: 90, blackBright: 90, redBright: 91, greenBright: 92, yellowBright: 93,
  blueBright: 94, magentaBright: 95, cyanBright: 96, whiteBright: 97,
};

/** SGR parameters of a look ('' for none). */
export function lookParams(look: Look | undefined): string {
  if (!look) return '';
  const p: number[] = [];
  if (look.bold) p.push(1);
  if (look.dim) p.push(2);
  if (look.inverse) p.push(7);
  if (look.color && COLORS[look.color] !== undefined) p.push(COLORS[look.color]!);
  if (look.bg && COLORS[look.bg] !== undefined) p.push(COLORS[look.bg]! + 10);
  return p.join(';');
}

/** The line at exactly `width` cells, as text with SGR codes. */
export function renderLine(line: StyledLine, width: number): string {
  let out = '';
  for (const span of fitLine(line, width)) {
    const params = lookParams(span.look);
    out += params ? `\x1b[${params}m${span.text}\x1b[0m` : span.text;
  }
  return out;
}

/** `height` lines of exactly `width` cells: the lines given, then blank ones. */
export function renderBlock(lines: readonly StyledLine[], width: number, height: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < height; i++) out.push(i < lines.length ? renderLine(lines[i]!, width) : ' '.repeat(Math.max(0, width)));
  return out;
}
