// Issue 35's cost: idle sitrep with the four features on (this build: disk
// latency, bandwidth, container names, the mouse) against a build without them
// (BEFORE_DIST: dist/sitrep.mjs of the commit before, built elsewhere), side by
// side in 120x40 tmux panes, 1 s interval, the Log following a file that gets
// a line a second. Medians of BENCH_RUNS runs of BENCH_SECONDS s.
//   BEFORE_DIST=/path/to/dist/sitrep.mjs node bench/features-cost.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './proc-stats.mjs';
import { sideBySide } from './side-by-side.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BEFORE = process.env.BEFORE_DIST;
if (!BEFORE) throw new Error('set BEFORE_DIST to the dist/sitrep.mjs of a build without the features');
const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
mkdirSync('/srv/sitrep-bench', { recursive: true });
const log = `/srv/sitrep-bench/features-${process.pid}.log`;
writeFileSync(log, '');
const trickle = spawn('sh', ['-c', 'while sleep 1; do echo "$(date "+%b %e %T") web nginx[80]: GET / 200" >> "$0"; done', log], { stdio: 'ignore' });
const DATA = / \d+ \S+ +[A-Za-z] +[\d.]+ +[\d.]+[BKMGT]/;
const programs = [
  { name: 'sitrep, issue 35 on', command: `node ${resolve('dist/sitrep.mjs')} --interval 1 --log-file ${log}`, ready: DATA },
  { name: 'sitrep before', command: `node ${BEFORE} --interval 1 --log-file ${log}`, ready: DATA },
];
const all = [];
for (let r = 0; r < RUNS; r++) all.push((await sideBySide(programs, { work, tag: `f${r}`, seconds: SECONDS, warmupMs: 5000 })).rows);
trickle.kill('SIGKILL');
rmSync(log, { force: true });
rmSync(work, { recursive: true, force: true });
const rows = programs.map((p, i) => ({ name: p.name, cpu: median(all.map((run) => run[i].cpuPercent)), rss: median(all.map((run) => run[i].rssMiB)), runs: all.map((run) => run[i].cpuPercent) }));
for (const r of rows) console.log(`${r.name}: CPU ${r.cpu.toFixed(2)} % of a core (runs ${r.runs.map((c) => c.toFixed(2)).join(', ')}), RSS ${r.rss.toFixed(1)} MiB`);
console.log(`ratio on/before: ${(rows[0].cpu / rows[1].cpu).toFixed(3)}`);
