// Quick first-data-frame A/B while working on issue 32 (not the bench of record):
// the builds given (paths to sitrep.mjs) started in turn, RUNS times each, in a
// 120x40 tmux pane; the median time to the first process row, and node -e 0's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './proc-stats.mjs';
import { startInPane } from './side-by-side.mjs';

const RUNS = Number(process.env.RUNS ?? 10);
const builds = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'sitrep-first-'));
const ready = / \d+ \S+ +[A-Za-z] +[\d.]+ +[\d.]+[BKMGT]/;
const times = builds.map(() => []);
const node = [];
for (let r = 0; r < RUNS; r++) {
  for (const [i, b] of builds.entries()) {
    const run = await startInPane({ name: b, command: `node ${resolve(b)} --interval 1`, ready }, work, `f${r}-${i}`);
    times[i].push(run.firstFrameMs);
    run.stop();
  }
  const t0 = performance.now();
  spawnSync('node', ['-e', '0']);
  node.push(performance.now() - t0);
}
for (const [i, b] of builds.entries()) console.log(`${b.padEnd(36)} first data frame median ${median(times[i]).toFixed(0)} ms  [${times[i].map((t) => t.toFixed(0)).join(' ')}]`);
console.log(`node -e 0 median ${median(node).toFixed(0)} ms`);
