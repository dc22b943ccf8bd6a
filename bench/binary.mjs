// npm run bench:binary: the single executable (dist/sitrep-linux-<arch>)
// against `node dist/sitrep.mjs`, alternated in one run: `--version` (wall
// time and peak RSS, /usr/bin/time) and the first data frame in a 120x40 tmux
// pane (time to the process table, and the RSS of the process family 2 s
// later). RUNS (default 7) each; medians. Not a test; no target.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { descendants, median, rssBytes } from './proc-stats.mjs';
import { startInPane } from './side-by-side.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const binary = resolve(`dist/sitrep-linux-${process.arch}`);
if (!existsSync(binary)) throw new Error(`${binary} is missing: npm run build:binary`);
const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-bin-'));
const builds = [
  { name: 'single executable', argv: [binary] },
  { name: 'node dist/sitrep.mjs', argv: [process.execPath, resolve('dist/sitrep.mjs')] },
];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rows = builds.map(() => ({ version: [], versionRss: [], frame: [], frameRss: [] }));
for (let r = 0; r < RUNS; r++) {
  for (const [i, b] of builds.entries()) {
    const t0 = performance.now();
    const timed = spawnSync('/usr/bin/time', ['-f', '%M', ...b.argv, '--version'], { encoding: 'utf8' });
    rows[i].version.push(performance.now() - t0);
    rows[i].versionRss.push(Number(timed.stderr.trim().split('\n').at(-1)) / 1024);
    const pane = await startInPane({ name: b.name, command: `${b.argv.join(' ')} --interval 1`, ready: /PID USER/ }, work, `bin${r}-${i}`);
    if (pane.firstFrameMs !== null) rows[i].frame.push(pane.firstFrameMs);
    await sleep(2000);
    rows[i].frameRss.push(rssBytes([pane.pid, ...descendants(pane.pid)]) / 2 ** 20);
    pane.stop();
  }
}
const f = (v) => v.toFixed(0);
console.log(`| ${RUNS} runs each, alternated (medians) | --version ms | --version peak RSS MiB | first frame ms | RSS 2 s after MiB |`);
console.log('|---|---|---|---|---|');
for (const [i, b] of builds.entries()) {
  const x = rows[i];
  console.log(`| ${b.name} | ${f(median(x.version))} | ${f(median(x.versionRss))} | ${f(median(x.frame))} | ${f(median(x.frameRss))} |`);
}
const [a, n] = rows;
console.log(`| ratio | ${(median(a.version) / median(n.version)).toFixed(2)}x | ${(median(a.versionRss) / median(n.versionRss)).toFixed(2)}x | ${(median(a.frame) / median(n.frame)).toFixed(2)}x | ${(median(a.frameRss) / median(n.frameRss)).toFixed(2)}x |`);
console.log(`executable: ${(statSync(binary).size / 2 ** 20).toFixed(1)} MiB${existsSync(`${binary}.xz`) ? `; .xz ${(statSync(`${binary}.xz`).size / 2 ** 20).toFixed(1)} MiB` : ''}`);
rmSync(work, { recursive: true, force: true });
