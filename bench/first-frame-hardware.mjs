// npm run bench:hardware: the first frame of sitrep as shipped (systeminformation
// inside, as text evaluated only on `i`) against the same build without it,
// alternated in 120x40 tmux panes, FRAME_RUNS (15) each; then `--version`
// alternated 20 times. Issue 19: within 5% of each other. Not a test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './proc-stats.mjs';
import { startInPane } from './side-by-side.mjs';

const RUNS = Number(process.env.FRAME_RUNS ?? 15);
const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-hw-'));
const withSi = resolve('dist/sitrep.mjs');
const withoutSi = join(work, 'no-si', 'sitrep.mjs');
mkdirSync(join(work, 'no-si'));
spawnSync(process.execPath, ['src/build/bundle.mjs', 'src/app/main.ts', withoutSi], { env: { ...process.env, SITREP_NO_SI: '1' }, stdio: 'inherit' });
const builds = [
  { name: 'sitrep (systeminformation inside, lazy)', file: withSi },
  { name: 'sitrep without systeminformation', file: withoutSi },
];
const frames = builds.map(() => []);
for (let r = 0; r < RUNS; r++) {
  for (const [i, b] of builds.entries()) {
    const pane = await startInPane({ name: b.name, command: `node ${b.file} --interval 1`, ready: /PID USER/ }, work, `hw${r}-${i}`);
    if (pane.firstFrameMs !== null) frames[i].push(pane.firstFrameMs);
    pane.stop();
  }
}
const version = builds.map(() => []);
for (let r = 0; r < 20; r++) {
  for (const [i, b] of builds.entries()) {
    const t0 = performance.now();
    spawnSync(process.execPath, [b.file, '--version']);
    version[i].push(performance.now() - t0);
  }
}
const f = (v) => v.toFixed(0);
console.log(`| build (${RUNS} first frames, 20 --version, alternated) | bundle KB | first frame ms (median) | --version ms (median) |`);
console.log('|---|---|---|---|');
for (const [i, b] of builds.entries()) console.log(`| ${b.name} | ${f(statSync(b.file).size / 1024)} | ${f(median(frames[i]))} | ${f(median(version[i]))} |`);
console.log(`| ratio | | ${(median(frames[0]) / median(frames[1])).toFixed(3)}x (target ≤ 1.05x) | ${(median(version[0]) / median(version[1])).toFixed(3)}x |`);
rmSync(work, { recursive: true, force: true });
