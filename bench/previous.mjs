// This build against a previous one (SITREP_PREVIOUS=path/to/dist/sitrep.mjs),
// idle side by side in 120x40 tmux panes at 1 s, following a log file that gets
// a line a second (as bench/run.mjs). Each run starts them in alternated order;
// prints every run and the medians. Run: SITREP_PREVIOUS=... npm run
// bench:previous. Extra arguments go to both (e.g. --no-network). Not a test.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './proc-stats.mjs';
import { sideBySide } from './side-by-side.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const previous = process.env.SITREP_PREVIOUS;
if (!previous || !existsSync(previous)) {
  console.error('SITREP_PREVIOUS must name a previous build (dist/sitrep.mjs of another checkout)');
  process.exit(2);
}
const extra = process.argv.slice(2).join(' ');
const work = mkdtempSync(join(tmpdir(), 'sitrep-previous-'));
mkdirSync('/srv/sitrep-bench', { recursive: true });
const log = `/srv/sitrep-bench/previous-${process.pid}.log`;
writeFileSync(log, '');
const trickle = spawn('sh', ['-c', 'i=0; while sleep 1; do i=$((i+1)); echo "$(date "+%b %e %T") web nginx[80]: 203.0.113.$((i % 250)) - - \\"GET /?id=$i HTTP/1.1\\" 200 157" >> "$0"; done', log], { stdio: 'ignore' });
const ready = / \d+ \S+ +[A-Za-z] +[\d.]+ +[\d.]+[BKMGT]/;
const builds = [
  { name: 'previous', command: `node ${resolve(previous)} --interval 1 --log-file ${log} ${extra}`, ready },
  { name: 'this build', command: `node ${resolve('dist/sitrep.mjs')} --interval 1 --log-file ${log} ${extra}`, ready },
];
const runs = builds.map(() => []);
try {
  for (let r = 0; r < RUNS; r++) {
    const order = r % 2 ? [1, 0] : [0, 1];
    process.stderr.write(`previous: run ${r + 1}/${RUNS}\n`);
    const { rows } = await sideBySide(order.map((i) => builds[i]), { work, tag: `prev${r}`, seconds: SECONDS, warmupMs: 5000 });
    order.forEach((i, k) => runs[i].push(rows[k]));
  }
} finally {
  trickle.kill('SIGKILL');
  rmSync(log, { force: true });
  rmSync(work, { recursive: true, force: true });
}
const f = (v, d = 2) => (v === null || v === undefined ? '-' : v.toFixed(d));
console.log(`| ${RUNS} runs of ${SECONDS} s ${extra} | CPU % of a core (each run) | median | RSS MiB | first data frame ms |\n| --- | --- | --- | --- | --- |`);
builds.forEach((b, i) => {
  const pick = (k) => median(runs[i].map((x) => x[k]).filter((v) => v !== null));
  console.log(`| ${b.name} | ${runs[i].map((x) => f(x.cpuPercent)).join(' ')} | ${f(pick('cpuPercent'))} | ${f(pick('rssMiB'), 1)} | ${f(pick('firstFrameMs'), 0)} |`);
});
