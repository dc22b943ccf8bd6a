// The floors under sitrep's idle cost, side by side in 120x40 tmux panes at
// 1 s: bare Node with a 1 s timer, a bare Ink 6 box at 1 Hz (bench/floor-ink.tsx,
// bundled like sitrep), sitrep and btop. Medians of BENCH_RUNS runs of
// BENCH_SECONDS after 5 s. Run: npm run bench:floors. Not a test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './proc-stats.mjs';
import { sideBySide } from './side-by-side.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
spawnSync(process.execPath, ['src/build/bundle.mjs', 'bench/floor-ink.tsx', 'bench/results/floor-ink.mjs'], { stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'sitrep-floors-'));
mkdirSync(join(work, 'btop'));
writeFileSync(join(work, 'btop', 'btop.conf'), 'update_ms = 1000\n');
const programs = [
  { name: 'node, a 1 s timer', command: `exec node -e "setInterval(() => {}, 1000)"`, ready: /^/ },
  { name: 'bare Ink box, 1 Hz', command: `node ${resolve('bench/results/floor-ink.mjs')}`, ready: /bare Ink/ },
  { name: 'sitrep', command: `node ${resolve('dist/sitrep.mjs')} --interval 1`, ready: / \d+ \S+ +[A-Za-z] +[\d.]+ +[\d.]+[BKMGT]/ },
  { name: 'btop', command: `env XDG_CONFIG_HOME=${work} LANG=C.UTF-8 btop --utf-force`, ready: /LAV:/ },
];
const runs = [];
for (let r = 0; r < RUNS; r++) {
  process.stderr.write(`floors: run ${r + 1}/${RUNS}\n`);
  runs.push((await sideBySide(programs, { work, tag: `floor${r}`, seconds: SECONDS, warmupMs: 5000 })).rows);
}
console.log('| floor, idle at 1 s | CPU % of a core | RSS MiB |\n| --- | --- | --- |');
programs.forEach((p, i) => {
  const pick = (k) => median(runs.map((run) => run[i][k]));
  console.log(`| ${p.name} | ${pick('cpuPercent').toFixed(2)} | ${pick('rssMiB').toFixed(1)} |`);
});
rmSync(work, { recursive: true, force: true });
