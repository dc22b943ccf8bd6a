// npm run bench:braille: the braille graph drawn the way src/panes/braille.ts does it
// (the canvas's set() per dot, cells read from its content) against the
// package's Canvas-2D-style API (clearRect, fillRect per column, frame() read
// back as text), for a 118x10-cell graph of 236 samples. Not a test.
import Context from 'drawille-canvas-blessed-contrib';
import { brailleGraph } from '../src/panes/braille.js';
import { timeMedian } from './timing.js';

const WIDTH = 118;
const ROWS = 10;
const values = Array.from({ length: WIDTH * 2 }, (_, i) => 0.5 + 0.45 * Math.sin(i / 9));
const ANSI = /\x1b\[[\d;]*m/g;

/** The same graph through the public drawing API. */
function viaContext(ctx: InstanceType<typeof Context>): string[] {
  const dotsY = ROWS * 4;
  ctx.clearRect(0, 0, WIDTH * 2, dotsY);
  values.forEach((v, x) => {
    const h = v > 0.004 ? Math.max(1, Math.round(v * dotsY)) : 0;
    if (h) ctx.fillRect(x, dotsY - h, 1, h);
  });
  return ctx.canvas.frame('\n').replace(ANSI, '').split('\n').slice(0, ROWS);
}

const ctx = new Context(WIDTH * 2, ROWS * 4);
const direct = brailleGraph(values, WIDTH, ROWS).map((r) => r.text);
const api = viaContext(ctx);
const same = direct.every((row, i) => row === api[i]);
const REPS = 200;
const a = await timeMedian(9, () => { for (let i = 0; i < REPS; i++) brailleGraph(values, WIDTH, ROWS); });
const b = await timeMedian(9, () => { for (let i = 0; i < REPS; i++) viaContext(ctx); });
console.log(`braille graph ${WIDTH}x${ROWS} cells, ${values.length} samples; median of 9 runs of ${REPS}`);
console.log(`| way | µs per graph | ratio |\n|---|---|---|`);
console.log(`| canvas.set per dot (src/panes/braille.ts) | ${((a.wall * 1000) / REPS).toFixed(1)} | 1.00x |`);
console.log(`| fillRect per column + frame() | ${((b.wall * 1000) / REPS).toFixed(1)} | ${(b.wall / a.wall).toFixed(2)}x |`);
console.log(`same dots: ${same}`);
