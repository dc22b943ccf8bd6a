/**
 * Braille area graphs drawn to strings with blessed-contrib's canvas engine
 * (drawille), so they live inside Ink text. Each cell holds 2x4 dots; one dot
 * column is one sample, newest at the right.
 */
import Context from 'drawille-canvas-blessed-contrib';
import { formatSpan } from '../text/format.js';

/** One row of a graph: braille text and the colour for its height band. */
export interface GraphRow {
  readonly text: string;
  readonly color: 'green' | 'yellow' | 'red';
}

/** Colour of a row by the height band it covers, as btop does. */
function bandColor(row: number, rows: number): GraphRow['color'] {
  const level = (rows - row - 0.5) / rows;
  if (level > 0.8) return 'red';
  if (level > 0.5) return 'yellow';
  return 'green';
}

// Canvases are reused between frames (a graph keeps its size); bounded.
const canvases = new Map<string, ReturnType<typeof makeCanvas>>();

/**
 * The context's drawille canvas, through its public `canvas` field, drawn on
 * with drawille's own set() per dot. The Canvas-2D calls (fillRect per column,
 * then frame() read back) cost 38x as much per graph, 1.6 ms against 44 µs,
 * and round the edges differently (npm run bench:braille; ARCHITECTURE.md).
 */
function makeCanvas(dotsX: number, dotsY: number) {
  return new Context(dotsX, dotsY).canvas;
}

function canvasOf(dotsX: number, dotsY: number) {
  const key = `${dotsX}x${dotsY}`;
  let canvas = canvases.get(key);
  if (!canvas) {
    if (canvases.size >= 32) canvases.clear();
    canvas = makeCanvas(dotsX, dotsY);
    canvases.set(key, canvas);
  } else {
    canvas.clear();
  }
  return canvas;
}

/**
 * Draws `values` (0..1, oldest first) as a filled graph `width` cells wide and
 * `rows` cells high. Rows are plain text (no escape codes), top row first.
 */
export function brailleGraph(values: ArrayLike<number>, width: number, rows: number): GraphRow[] {
  if (width < 1 || rows < 1) return [];
  const dotsX = width * 2;
  const dotsY = rows * 4;
  const canvas = canvasOf(dotsX, dotsY);
  const count = Math.min(values.length, dotsX);
  const offset = values.length - count;
  for (let i = 0; i < count; i++) {
    const v = Math.min(1, Math.max(0, values[offset + i] ?? 0));
    const height = v > 0.004 ? Math.max(1, Math.round(v * dotsY)) : 0;
    const x = dotsX - count + i;
    for (let h = 0; h < height; h++) canvas.set(x, dotsY - 1 - h);
  }
  const out: GraphRow[] = [];
  for (let r = 0; r < rows; r++) {
    let text = '';
    for (let c = 0; c < width; c++) {
      const bits = canvas.content[r * width + c] ?? 0;
      text += bits ? String.fromCharCode(0x2800 + bits) : ' ';
    }
    out.push({ text, color: bandColor(r, rows) });
  }
  return out;
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
