// The soak and fault harness (issue 17), not a test: runs the built console in
// tmux against each scenario and samples RSS, heap and CPU every 30 s, then
// prints the curve. `node bench/soak.mjs [short|hour] [scenario…]`; short runs
// 10 minutes per scenario, hour 60. Scenarios: idle, flood (5,000 varied lines/s
// from a file), forks (2,000 processes and 200 forks/s, with the key-to-screen
// time), tree (the drill-down on a 1M-entry tree: SOAK_TREE_ENTRIES changes it).
// Needs root, tmux and python3; works under /srv/sitrep-soak.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SITREP = resolve(process.env.SOAK_SITREP ?? 'dist/sitrep.mjs');
const ROOT = process.env.SOAK_ROOT ?? '/srv/sitrep-soak';
/** Extra node flags to compare (for example --max-semi-space-size=2); none by default. */
const NODE_FLAGS = process.env.SOAK_NODE_FLAGS ?? '';
const [mode = 'short', ...asked] = process.argv.slice(2);
const MINUTES = Number(process.env.SOAK_MINUTES ?? (mode === 'hour' ? 60 : 10));
const EVERY_MS = Number(process.env.SOAK_EVERY_MS ?? 30_000);
const scenarios = asked.length ? asked : ['idle', 'flood', 'forks', 'tree'];
const tmux = (socket, ...args) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function statOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { rss: kib('VmRSS'), anon: kib('RssAnon'), file: kib('RssFile'), ticks: Number(fields[11]) + Number(fields[12]) };
}

function lastHeap(file) {
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return JSON.parse(lines.at(-1)).heapUsed;
}

/** Key-to-screen: Tab, then poll the capture (with its styles: Tab changes the focused title's colour) until it changes (ms). */
async function keyToScreen(socket) {
  const before = tmux(socket, 'capture-pane', '-e', '-p', '-t', 't').stdout;
  const t0 = performance.now();
  tmux(socket, 'send-keys', '-t', 't', 'Tab');
  while (performance.now() - t0 < 5000) {
    if (tmux(socket, 'capture-pane', '-e', '-p', '-t', 't').stdout !== before) return performance.now() - t0;
    await sleep(5);
  }
  return 5000;
}

function makeTree(dir, entries) {
  if (existsSync(join(dir, '.done'))) return;
  const top = 200;
  const per = Math.max(1, Math.round(entries / top / 100));
  execFileSync('python3', ['-c', `
import os
for i in range(${top}):
  for j in range(100):
    d = '${dir}/d%d/e%d' % (i, j); os.makedirs(d, exist_ok=True)
    for k in range(${per}): open('%s/f%d' % (d, k), 'w').close()
open('${dir}/.done', 'w').close()
`]);
}

async function run(name) {
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  const stats = join(dir, 'stats.jsonl');
  rmSync(stats, { force: true });
  const helpers = [];
  let args = '';
  if (name === 'flood') {
    const log = join(dir, 'flood.log');
    writeFileSync(log, '');
    helpers.push(spawn(process.execPath, [resolve('bench/soak-flood.mjs'), log, '5000', String(MINUTES * 60 + 30)], { stdio: 'ignore' }));
    args = `--log-file ${log}`;
  } else if (name === 'forks') {
    helpers.push(spawn('sh', ['-c', 'for i in $(seq 2000); do sleep 100000 & done; wait'], { stdio: 'ignore', detached: true }));
    helpers.push(spawn('sh', ['-c', 'while :; do for i in 1 2 3 4 5 6 7 8 9 10; do /bin/true & done; wait; sleep 0.05; done'], { stdio: 'ignore', detached: true }));
  } else if (name === 'tree') {
    const tree = join(ROOT, 'tree');
    mkdirSync(tree, { recursive: true });
    makeTree(tree, Number(process.env.SOAK_TREE_ENTRIES ?? 1_000_000));
    args = `--dir ${tree}`;
  }
  const socket = `soak-${name}-${process.pid}`;
  tmux(socket, 'kill-server');
  tmux(socket, '-f', '/dev/null', 'new-session', '-d', '-s', 't', '-x', '120', '-y', '40', `SITREP_STATS_FILE=${stats} SITREP_STATS_MS=${EVERY_MS} exec node ${NODE_FLAGS} ${SITREP} ${args}`);
  await sleep(2000);
  const pid = Number(tmux(socket, 'display', '-p', '-t', 't', '#{pane_pid}').stdout.trim());
  const rows = [];
  let prev = statOf(pid);
  const started = Date.now();
  while (Date.now() - started < MINUTES * 60_000) {
    await sleep(EVERY_MS);
    let now;
    try {
      now = statOf(pid);
    } catch {
      rows.push({ minute: (Date.now() - started) / 60_000, gone: true });
      break;
    }
    const cpu = ((now.ticks - prev.ticks) / 100 / (EVERY_MS / 1000)) * 100;
    prev = now;
    const row = { minute: (Date.now() - started) / 60_000, rssMiB: now.rss / 2 ** 20, anonMiB: now.anon / 2 ** 20, fileMiB: now.file / 2 ** 20, heapMiB: (lastHeap(stats) ?? 0) / 2 ** 20, cpu };
    if (name === 'forks') row.keyMs = await keyToScreen(socket);
    rows.push(row);
    console.log(`${name} ${row.minute.toFixed(1)} min  rss ${row.rssMiB.toFixed(1)} MiB (anon ${row.anonMiB.toFixed(1)}, file ${row.fileMiB.toFixed(1)})  heap ${row.heapMiB.toFixed(1)} MiB  cpu ${row.cpu.toFixed(1)}%${row.keyMs !== undefined ? `  key ${row.keyMs.toFixed(0)} ms` : ''}`);
  }
  tmux(socket, 'send-keys', '-t', 't', 'q');
  await sleep(1000);
  tmux(socket, 'kill-server');
  for (const h of helpers) {
    try {
      process.kill(-h.pid, 'SIGKILL');
    } catch {
      h.kill('SIGKILL');
    }
  }
  return { name, rows };
}

const results = [];
for (const name of scenarios) results.push(await run(name));
console.log('\nscenario  rss first → last (MiB)  growth over the last 5 min  max rss  median cpu  median key');
for (const { name, rows } of results) {
  const ok = rows.filter((r) => !r.gone);
  if (ok.length === 0) continue;
  const lastFive = ok.filter((r) => r.minute >= ok.at(-1).minute - 5);
  const growth = ((lastFive.at(-1).rssMiB - lastFive[0].rssMiB) / lastFive[0].rssMiB) * 100;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const keys = ok.map((r) => r.keyMs).filter((x) => x !== undefined);
  console.log(`${name.padEnd(9)} ${ok[0].rssMiB.toFixed(0)} → ${ok.at(-1).rssMiB.toFixed(0)}  ${growth.toFixed(1)}%  ${ok.reduce((m, r) => Math.max(m, r.rssMiB), 0).toFixed(0)}  ${median(ok.map((r) => r.cpu)).toFixed(1)}%  ${keys.length ? `${median(keys).toFixed(0)} ms` : '-'}`);
}
