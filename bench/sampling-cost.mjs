// Issue 32's sampling levers, measured the same way for each: idle sitrep
// builds side by side in 120x40 tmux panes at 1 s (following a log file that
// gets a line a second, as bench/run.mjs), beside btop; CPU % of a core over
// BENCH_SECONDS, medians of BENCH_RUNS runs whose start order rotates. With
// MANY=1, 3,000 extra sleeping processes (spawned as bench/run.mjs does).
//   BUILDS='before=/path/a/dist/sitrep.mjs,lever 1=/path/b/dist/sitrep.mjs' MANY=1 node bench/sampling-cost.mjs
// This build (dist/sitrep.mjs) is always in the set. Not a test.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './proc-stats.mjs';
import { sideBySide } from './side-by-side.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MANY = process.env.MANY === '1';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const work = mkdtempSync(join(tmpdir(), 'sitrep-sampling-'));
mkdirSync(join(work, 'btop'), { recursive: true });
writeFileSync(join(work, 'btop', 'btop.conf'), 'update_ms = 1000\n');
mkdirSync('/srv/sitrep-bench', { recursive: true });
const log = `/srv/sitrep-bench/sampling-${process.pid}.log`;
writeFileSync(log, '');
const trickle = spawn('sh', ['-c', 'i=0; while sleep 1; do i=$((i+1)); echo "$(date "+%b %e %T") web nginx[80]: 203.0.113.$((i % 250)) - - \\"GET /?id=$i HTTP/1.1\\" 200 157" >> "$0"; done', log], { stdio: 'ignore' });
const ready = / \d+ \S+ +[A-Za-z] +[\d.]+ +[\d.]+[BKMGT]/;
const builds = (process.env.BUILDS ?? '').split(',').filter(Boolean).map((b) => b.split('='));
const programs = [
  ...builds.map(([name, path]) => ({ name, command: `node ${resolve(path)} --interval 1 --log-file ${log}`, ready })),
  { name: 'this build', command: `node ${resolve('dist/sitrep.mjs')} --interval 1 --log-file ${log}`, ready },
  { name: 'btop', command: `env XDG_CONFIG_HOME=${work} LANG=C.UTF-8 btop --utf-force`, ready: /LAV:/ },
];
const count = () => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;
let sleepers = null;
if (MANY) {
  sleepers = spawn('sh', ['-c', 'for i in $(seq 3000); do sleep 100000 & done; wait'], { stdio: 'ignore', detached: true });
  while (count() < 3000) await sleep(200);
  await sleep(2000);
}
const runs = programs.map(() => []);
try {
  for (let r = 0; r < RUNS; r++) {
    const order = programs.map((_, i) => (i + r) % programs.length);
    process.stderr.write(`sampling: run ${r + 1}/${RUNS} (${count()} processes)\n`);
    const { rows } = await sideBySide(order.map((i) => programs[i]), { work, tag: `s${r}`, seconds: SECONDS, warmupMs: 5000 });
    order.forEach((i, k) => runs[i].push(rows[k]));
  }
} finally {
  if (sleepers) process.kill(-sleepers.pid, 'SIGKILL');
  trickle.kill('SIGKILL');
  rmSync(log, { force: true });
  rmSync(work, { recursive: true, force: true });
}
const f = (v, d = 2) => (v === null || v === undefined ? '-' : v.toFixed(d));
console.log(`| ${MANY ? '3,000 sleepers' : 'idle'}, ${RUNS} runs of ${SECONDS} s | CPU % of a core (each run) | median | RSS MiB |\n| --- | --- | --- | --- |`);
programs.forEach((p, i) => {
  const pick = (k) => median(runs[i].map((x) => x[k]).filter((v) => v !== null));
  console.log(`| ${p.name} | ${runs[i].map((x) => f(x.cpuPercent)).join(' ')} | ${f(pick('cpuPercent'))} | ${f(pick('rssMiB'), 1)} |`);
});
