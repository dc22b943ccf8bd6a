// npm run bench: sitrep, htop, btop and iotop-c side by side, each live at a 1 s interval
// in its own 120x40 tmux pane, measured over the same window. Prints medians
// over BENCH_RUNS runs and sitrep's ratios to the peers. Not a test.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { descendants, median, procCpuTicks, rssBytes } from './proc-stats.mjs';

for (const tool of ['tmux', 'htop', 'btop', 'iotop-c']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(`bench needs ${tool}: apt-get install -y tmux htop btop iotop-c`);
    process.exit(2);
  }
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP_MS = 5000;
const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
mkdirSync(join(work, 'btop'), { recursive: true });
writeFileSync(join(work, 'btop', 'btop.conf'), 'update_ms = 1000\n');

const PROGRAMS = [
  { name: "sitrep", command: `node ${process.env.SITREP_NODE_FLAGS ?? ""} ${resolve("dist/sitrep.mjs")} --interval 1`, ready: /PID USER/ },
  { name: 'htop -d 10', command: 'htop -d 10', ready: /Load average/ },
  { name: 'btop 1000ms', command: `env XDG_CONFIG_HOME=${work} LANG=C.UTF-8 btop --utf-force`, ready: /LAV:/ },
  { name: 'iotop-c -d 1', command: 'iotop-c -d 1', ready: /DISK READ/i },
];

const tmux = (socket, ...args) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' }).stdout ?? '';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function start(program, index, run) {
  const socket = `sitrep-bench-${process.pid}-${run}-${index}`;
  const out = join(work, `${run}-${index}.out`);
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'b', '-x', '120', '-y', '40', 'sleep 600']);
  tmux(socket, 'pipe-pane', '-o', '-t', 'b', `cat > ${out}`);
  await sleep(200);
  const t0 = performance.now();
  tmux(socket, 'respawn-pane', '-k', '-t', 'b', program.command);
  let firstFrameMs = null;
  while (performance.now() - t0 < 10_000) {
    if (program.ready.test(tmux(socket, 'capture-pane', '-p', '-t', 'b'))) {
      firstFrameMs = performance.now() - t0;
      break;
    }
    await sleep(2);
  }
  const pid = Number(tmux(socket, 'display-message', '-p', '-t', 'b', '#{pane_pid}').trim());
  return { program, socket, out, pid, firstFrameMs };
}

const family = (pid) => [pid, ...descendants(pid)];
const bytes = (file) => { try { return statSync(file).size; } catch { return 0; } };

async function oneRun(run) {
  const running = [];
  for (const [i, p] of PROGRAMS.entries()) running.push(await start(p, i, run));
  await sleep(WARMUP_MS);
  const mark = () => running.map((r) => ({ ticks: procCpuTicks(family(r.pid)), bytes: bytes(r.out), t: performance.now() }));
  const before = mark();
  await sleep((SECONDS * 1000 * 2) / 3);
  const late = mark();
  await sleep((SECONDS * 1000) / 3);
  const results = running.map((r, i) => {
    const now = performance.now();
    const seconds = (now - before[i].t) / 1000;
    const ticks = procCpuTicks(family(r.pid));
    return {
      name: r.program.name,
      cpuPercent: ((ticks - before[i].ticks) / 100 / seconds) * 100,
      cpuLastThird: ((ticks - late[i].ticks) / 100 / ((now - late[i].t) / 1000)) * 100,
      rssMiB: rssBytes(family(r.pid)) / 1048576,
      bytesPerSecond: (bytes(r.out) - before[i].bytes) / seconds,
      firstFrameMs: r.firstFrameMs,
    };
  });
  for (const r of running) tmux(r.socket, 'kill-server');
  return results;
}

const all = [];
for (let run = 0; run < RUNS; run++) {
  process.stderr.write(`run ${run + 1}/${RUNS} (${SECONDS + WARMUP_MS / 1000} s)...\n`);
  all.push(await oneRun(run));
}
const rows = PROGRAMS.map((p, i) => {
  const pick = (k) => median(all.map((r) => r[i][k]).filter((v) => v !== null));
  return { name: p.name, cpuPercent: pick('cpuPercent'), cpuLastThird: pick('cpuLastThird'), rssMiB: pick('rssMiB'), bytesPerSecond: pick('bytesPerSecond'), firstFrameMs: pick('firstFrameMs') };
});
const fmt = (v, d = 2) => (v === null || Number.isNaN(v) ? '-' : v.toFixed(d));
console.log(`\nmedians over ${RUNS} run(s) of ${SECONDS} s, 120x40 tmux panes, 1 s interval`);
console.log('program        CPU %core  (last third)   RSS MiB   term B/s   first frame ms');
for (const r of rows) console.log(`${r.name.padEnd(14)} ${fmt(r.cpuPercent).padStart(9)} ${fmt(r.cpuLastThird).padStart(14)} ${fmt(r.rssMiB, 1).padStart(9)} ${fmt(r.bytesPerSecond, 0).padStart(10)} ${fmt(r.firstFrameMs, 0).padStart(15)}`);
const [s, h, b, io] = rows;
const KEYS = ['cpuPercent', 'cpuLastThird', 'rssMiB', 'bytesPerSecond', 'firstFrameMs'];
const ratio = (a, c) => (c ? (a / c).toFixed(2) + 'x' : '-');
console.log('\nsitrep / htop:  ' + KEYS.map((k) => `${k} ${ratio(s[k], h[k])}`).join('  '));
console.log('sitrep / btop:  ' + KEYS.map((k) => `${k} ${ratio(s[k], b[k])}`).join('  '));
console.log('sitrep / iotop-c: ' + KEYS.map((k) => `${k} ${ratio(s[k], io[k])}`).join('  '));
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/console-${Date.now()}.json`, JSON.stringify({ seconds: SECONDS, runs: all, medians: rows }, null, 2));
