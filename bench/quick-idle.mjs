// Quick idle check while working on issue 32 (not the bench of record):
// sitrep builds given as arguments (paths to sitrep.mjs), btop and a node timer,
// side by side in 120x40 tmux at 1 s with a log line a second; RUNS runs of SECONDS.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './proc-stats.mjs';
import { sideBySide } from './side-by-side.mjs';

const SECONDS = Number(process.env.SECONDS_EACH ?? 20);
const RUNS = Number(process.env.RUNS ?? 2);
const builds = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'sitrep-quick-'));
mkdirSync(join(work, 'btop'), { recursive: true });
writeFileSync(join(work, 'btop', 'btop.conf'), 'update_ms = 1000\n');
mkdirSync('/srv/sitrep-bench', { recursive: true });
const log = `/srv/sitrep-bench/quick-${process.pid}.log`;
writeFileSync(log, '');
const trickle = spawn('sh', ['-c', 'i=0; while sleep 1; do i=$((i+1)); echo "$(date "+%b %e %T") web nginx[80]: 203.0.113.$((i % 250)) - - \\"GET /?id=$i HTTP/1.1\\" 200 157" >> "$0"; done', log], { stdio: 'ignore' });
const ready = / \d+ \S+ +[A-Za-z] +[\d.]+ +[\d.]+[BKMGT]/;
const programs = [
  // A build is a path to sitrep.mjs, or 'node flags@path' to run it under node flags.
  ...builds.map((b, i) => {
    const [flags, path] = b.includes('@') ? b.split('@') : ['', b];
    return { name: `${i}:${b}`, command: `node ${flags} ${resolve(path)} --interval 1 --log-file ${log}`, ready };
  }),
  { name: 'btop', command: `env XDG_CONFIG_HOME=${work} LANG=C.UTF-8 btop --utf-force`, ready: /LAV:/ },
];
const all = [];
for (let r = 0; r < RUNS; r++) {
  const order = programs.map((_, i) => i);
  if (r % 2) order.reverse();
  const { rows } = await sideBySide(order.map((i) => programs[i]), { work, tag: `q${r}`, seconds: SECONDS, warmupMs: 5000 });
  const byIndex = [];
  order.forEach((i, k) => (byIndex[i] = rows[k]));
  all.push(byIndex);
}
const t0 = performance.now();
for (let i = 0; i < 5; i++) spawnSync('node', ['-e', '0']);
const nodeMs = (performance.now() - t0) / 5;
trickle.kill('SIGKILL');
for (const [i, p] of programs.entries()) {
  const pick = (k) => median(all.map((run) => run[i][k]).filter((v) => v != null));
  console.log(`${p.name.padEnd(40)} cpu ${pick('cpuPercent').toFixed(2)}%  rss ${pick('rssMiB').toFixed(1)} MiB  first ${pick('firstFrameMs')?.toFixed(0)} ms  bytes/s ${pick('bytesPerSecond').toFixed(0)}  [cpu runs ${all.map((run) => run[i].cpuPercent.toFixed(2)).join(' ')}] [first ${all.map((run) => run[i].firstFrameMs?.toFixed(0)).join(' ')}]`);
}
console.log(`node -e 0: ${nodeMs.toFixed(0)} ms`);
