// npm run bench:dir — the drill-down scanner against du, gdu and ncdu on a
// generated tree of ~400,000 files in ~20,000 directories, up to 8 levels deep,
// warm cache. Medians of BENCH_RUNS (5) runs, peak RSS from GNU time. Not a test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const TREE = process.env.BENCH_TREE ?? '/srv/sitrep-bench-tree';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SITREP = resolve('dist/sitrep.mjs');

function generate() {
  if (existsSync(join(TREE, '.complete'))) return;
  let dirs = 0;
  let files = 0;
  // 20 per level for 3 levels (8,000 leaves), then chains down to depth 8.
  const make = (dir, depth) => {
    mkdirSync(dir, { recursive: true });
    dirs++;
    const width = depth < 2 ? 20 : depth === 2 ? 10 : depth < 7 ? 1 : 0;
    const nfiles = depth >= 2 ? 20 : 2;
    for (let f = 0; f < nfiles; f++) {
      writeFileSync(join(dir, `f${f}.dat`), 'x'.repeat((f * 37) % 3000));
      files++;
    }
    for (let d = 0; d < width; d++) make(join(dir, `d${d}`), depth + 1);
  };
  make(TREE, 0);
  writeFileSync(join(TREE, '.complete'), '');
  console.log(`generated ${files} files in ${dirs} directories under ${TREE}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function timed(argv) {
  const wall = [];
  const rss = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const res = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });
    wall.push(performance.now() - t0);
    rss.push(Number(res.stderr.trim().split('\n').pop()));
  }
  return { wall: median(wall), rss: Math.max(...rss) };
}

generate();
execFileSync('du', ['-s', TREE]); // warm the cache
const entries = Number(execFileSync('sh', ['-c', `find ${TREE} | wc -l`], { encoding: 'utf8' }).trim());
const programs = [
  ['du -s', ['du', '-s', TREE]],
  ['du -d 1', ['du', '-d', '1', TREE]],
  ['gdu -n -p', ['gdu', '-n', '-p', TREE]],
  ['ncdu -0 -o /dev/null', ['ncdu', '-0', '-o', '/dev/null', TREE]],
  ['sitrep snapshot --json --dir', [process.execPath, SITREP, 'snapshot', '--json', '--dir', TREE]],
  ['(node start-up: sitrep --version)', [process.execPath, SITREP, '--version']],
];
const rows = [];
let base = 0;
for (const [name, argv] of programs) {
  if (spawnSync('sh', ['-c', `command -v ${argv[0]}`]).status !== 0) continue;
  const { wall, rss } = timed(argv);
  if (name === 'du -s') base = wall;
  rows.push({ program: name, 'time s': (wall / 1000).toFixed(2), 'vs du -s': `${(wall / base).toFixed(2)}x`, 'peak RSS MiB': (rss / 1024).toFixed(1) });
}
const scans = Array.from({ length: RUNS }, () => JSON.parse(execFileSync(process.execPath, [SITREP, 'snapshot', '--json', '--dir', TREE], { encoding: 'utf8', maxBuffer: 64 << 20 })).scanSeconds);
console.log(`tree: ${entries} entries, warm cache, medians of ${RUNS}`);
console.table(rows);
console.log(`sitrep breakdown: walk ${median(scans).toFixed(2)} s (scanSeconds, median); start-up and output are the rest of its wall time`);
