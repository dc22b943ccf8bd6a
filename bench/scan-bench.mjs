// The drill-down scan against du, ncdu and gdu on two generated trees of about
// 400,000 entries, warm cache: a normal one (up to 8 levels deep) and a deep one
// (about 30 levels). Each round runs every program once, in turn, so the
// programs alternate; the figure is the median wall time of the rounds, with
// start-up included, and the peak RSS from GNU time. Not a test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './proc-stats.mjs';

/** Tree shapes: how many children a directory at each depth has, and how many files. */
const SHAPES = {
  // 20 per level for 2 levels, 10 at the third (4,000 leaves), then chains to depth 8.
  normal: { width: (d) => (d < 2 ? 20 : d === 2 ? 10 : d < 7 ? 1 : 0), files: (d) => (d >= 2 ? 20 : 2) },
  // 20 × 20 top directories, each a chain 28 deep with 35 files in each level.
  deep: { width: (d) => (d < 2 ? 20 : d < 30 ? 1 : 0), files: (d) => (d >= 2 ? 35 : 1) },
};

/** Makes the tree once (a `.complete` marker says it is whole). */
export function generate(tree, shape) {
  if (existsSync(join(tree, '.complete'))) return;
  const { width, files } = SHAPES[shape];
  const make = (dir, depth) => {
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < files(depth); f++) writeFileSync(join(dir, `f${f}.dat`), 'x'.repeat((f * 37) % 3000));
    for (let d = 0; d < width(depth); d++) make(join(dir, `d${d}`), depth + 1);
  };
  make(tree, 0);
  writeFileSync(join(tree, '.complete'), '');
}

function once(argv) {
  const t0 = performance.now();
  const res = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (res.status !== 0) throw new Error(`${argv.join(' ')} failed: ${res.stderr.slice(-300)}`);
  return { ms: performance.now() - t0, rssKiB: Number(res.stderr.trim().split('\n').pop()) };
}

/** Rows for one tree: each program's median time, its ratio to `du -s`, and its peak RSS. */
export function scanRows(tree, sitrep, runs) {
  execFileSync('du', ['-s', tree]); // warm the cache
  const entries = Number(execFileSync('sh', ['-c', `find ${tree} | wc -l`], { encoding: 'utf8' }).trim());
  const programs = [
    ['du -s', ['du', '-s', tree]],
    ['du -x -d 1', ['du', '-x', '-d', '1', tree]],
    ['ncdu -0 -o /dev/null', ['ncdu', '-0', '-x', '-o', '/dev/null', tree]],
    ['gdu -n -p', ['gdu', '-n', '-p', tree]],
    ['sitrep snapshot --dir', [process.execPath, sitrep, 'snapshot', '--json', '--dir', tree]],
  ].filter(([, argv]) => spawnSync('sh', ['-c', `command -v ${argv[0]}`]).status === 0);
  const times = programs.map(() => []);
  const rss = programs.map(() => 0);
  for (let r = 0; r < runs; r++) {
    programs.forEach(([, argv], i) => {
      const { ms, rssKiB } = once(argv);
      times[i].push(ms);
      rss[i] = Math.max(rss[i], rssKiB);
    });
  }
  const base = median(times[0]);
  return {
    entries,
    rows: programs.map(([name], i) => ({ name, ms: median(times[i]), ratio: median(times[i]) / base, rssMiB: rss[i] / 1024 })),
  };
}
