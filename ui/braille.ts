/**
 * Braille area graphs drawn to strings with blessed-contrib's canvas engine
 * (drawille), so they live inside Ink text. Each cell holds 2x4 dots; one dot
 * column is one sample, newest at the right.
 */
import Context from 'drawille-canvas-blessed-contrib';
import { formatSpan } from './format.js';

/** Colour of a dot at `level` (0..1) of the graph height, as btop does. */
function levelColor(level: number): string {
  if (level > 0.8) return 'red';
  if (level > 0.5) return 'yellow';
  return 'green';
}

/**
 * Draws `values` (0..1, oldest first) as a filled graph `width` cells wide and
 * `rows` cells high. Returns one string per row, with SGR colours.
 */
export function brailleGraph(values: ArrayLike<number>, width: number, rows: number): string[] {
  if (width < 1 || rows < 1) return [];
  const dotsX = width * 2;
  const dotsY = rows * 4;
  const context = new Context(dotsX, dotsY);
  const canvas = context._canvas;
  const count = Math.min(values.length, dotsX);
  const offset = values.length - count;
  for (let i = 0; i < count; i++) {
    const v = Math.min(1, Math.max(0, values[offset + i] ?? 0));
    const height = v > 0.004 ? Math.max(1, Math.round(v * dotsY)) : 0;
    const x = dotsX - count + i;
    for (let h = 0; h < height; h++) {
      canvas.color = levelColor((h + 1) / dotsY);
      canvas.set(x, dotsY - 1 - h);
    }
  }
  return canvas.frame().split('\n').slice(0, rows);
}

/** A time axis under a graph of `width` cells: '-2m        -1m        now'. */
export function timeScale(width: number, secondsPerDot: number): string {
  if (width < 8) return ' '.repeat(Math.max(0, width));
  const cells = Array.from({ length: width }, () => ' ');
  const put = (at: number, text: string): void => {
    for (let i = 0; i < text.length && at + i < width; i++) if (at + i >= 0) cells[at + i] = text[i]!;
  };
  put(width - 3, 'now');
  const totalSeconds = width * 2 * secondsPerDot;
  const marks = width >= 40 ? 4 : 2;
  for (let m = 1; m < marks; m++) {
    const at = width - Math.round((width * m) / marks);
    put(at - 1, `-${formatSpan((totalSeconds * m) / marks)}`);
  }
  put(0, `-${formatSpan(totalSeconds)}`);
  return cells.join('');
}
