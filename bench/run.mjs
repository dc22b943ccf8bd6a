// npm run bench: one run, one table, every figure of issue 18 beside its peers.
//  1. idle at a 1 s interval, 120x40 tmux panes side by side: sitrep, htop,
//     btop, iotop-c (CPU over 30 s after a 5 s warm-up, RSS, terminal bytes/s,
//     first frame); medians of BENCH_RUNS runs;
//  2. start-up: `sitrep --version` against `node -e 0`, alternated;
//  3. the same console set with 3,000 extra (sleeping) processes;
//  4. the drill-down scan against du, ncdu and gdu on a normal and a deep tree;
//  5. a 20,000 lines/s log flood from a file for FLOOD_SECONDS (180): sitrep
//     against lnav and tail -F, with sitrep's key-to-screen time;
//  6. the network (issue 14): idle sitrep with the Network pane on against
//     --no-network, side by side; one network sample with 1,000, 10,000 and
//     50,000 sockets against ss (bench/net-cost.ts).
//  7. memory pressure (issue 32): first data frame and key answer in a 64 MiB
//     memory cgroup beside unconstrained (bench/memory-pressure.mjs).
// SITREP_PREVIOUS=path/to/dist/sitrep.mjs adds a previous release to the idle set.
// sitrep's first frame is its first data frame (a process row), and it follows
// a log file with a line a second (the Log tail on).
// Needs root, tmux, htop, btop, iotop-c, lnav, ncdu, gdu and GNU time. About
// 10 minutes. Not a test.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { descendants, median, rssBytes } from './proc-stats.mjs';
import { focusedPane, keyToScreen, sideBySide } from './side-by-side.mjs';
import { generate, scanRows } from './scan-bench.mjs';
import { memoryPressure } from './memory-pressure.mjs';

const TOOLS = ['tmux', 'htop', 'btop', 'iotop-c', 'lnav', 'ncdu', 'gdu', '/usr/bin/time'];
const missing = TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (missing.length) {
  console.error(`bench needs ${missing.join(', ')}: apt-get install -y tmux htop btop iotop-c lnav ncdu gdu time`);
  process.exit(2);
}
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 180);
const SITREP = resolve('dist/sitrep.mjs');
const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
mkdirSync(join(work, 'btop'), { recursive: true });
writeFileSync(join(work, 'btop', 'btop.conf'), 'update_ms = 1000\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (text) => process.stderr.write(`${text}\n`);

// sitrep's first *data* frame: a process row under the CPU list's header (its
// empty frame, drawn before the first sample, already shows the header).
const SITREP_DATA = / \d+ \S+ +[A-Za-z] +[\d.]+ +[\d.]+[BKMGT]/;
// The Log tail on, as on a server with a log: this machine has no journal, so
// sitrep follows a file that gets one syslog line a second for the whole bench.
mkdirSync('/srv/sitrep-bench', { recursive: true });
const IDLE_LOG = `/srv/sitrep-bench/idle-${process.pid}.log`;
writeFileSync(IDLE_LOG, '');
const trickle = spawn('sh', ['-c', 'i=0; while sleep 1; do i=$((i+1)); echo "$(date "+%b %e %T") web nginx[80]: 203.0.113.$((i % 250)) - - \\"GET /?id=$i HTTP/1.1\\" 200 157" >> "$0"; done', IDLE_LOG], { stdio: 'ignore' });
trickle.unref(); // ended below, after the table; it must not hold the bench open
const stopTrickle = () => {
  trickle.kill('SIGKILL');
  rmSync(IDLE_LOG, { force: true });
};
process.on('exit', stopTrickle);
const CONSOLES = [
  { name: 'sitrep', command: `node ${SITREP} --interval 1 --log-file ${IDLE_LOG}`, ready: SITREP_DATA },
  { name: 'btop', command: `env XDG_CONFIG_HOME=${work} LANG=C.UTF-8 btop --utf-force`, ready: /LAV:/ },
  { name: 'htop', command: 'htop -d 10', ready: /Load average/ },
  { name: 'iotop-c', command: 'iotop-c -d 1', ready: /DISK READ/i },
  { name: 'node, a 1 s timer', command: 'exec node -e "setInterval(() => {}, 1000)"', ready: /^/ },
  ...(process.env.SITREP_PREVIOUS ? [{ name: 'sitrep, previous', command: `node ${resolve(process.env.SITREP_PREVIOUS)} --interval 1 --log-file ${IDLE_LOG}`, ready: SITREP_DATA }] : []),
];

/** Medians over runs of the same side-by-side set. */
async function consoles(tag, programs, runs) {
  const all = [];
  for (let r = 0; r < runs; r++) {
    say(`${tag}: run ${r + 1}/${runs} (${SECONDS + 5} s)`);
    all.push((await sideBySide(programs, { work, tag: `${tag}${r}`, seconds: SECONDS, warmupMs: 5000 })).rows);
  }
  return programs.map((p, i) => {
    const pick = (k) => median(all.map((run) => run[i][k]).filter((v) => v !== null));
    return { name: p.name, cpu: pick('cpuPercent'), rss: pick('rssMiB'), bps: pick('bytesPerSecond'), first: pick('firstFrameMs') };
  });
}

/** Median wall time of `argv` (ms) over `n` runs, alternating with the others. */
function startTimes(commands, n) {
  const times = commands.map(() => []);
  for (let r = 0; r < n; r++) {
    commands.forEach((argv, i) => {
      const t0 = performance.now();
      spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
      times[i].push(performance.now() - t0);
    });
  }
  return times.map(median);
}

/** sitrep, lnav and tail -F following one file that gets RATE lines/s; sitrep's pane-switch latency sampled throughout. */
async function flood() {
  mkdirSync('/srv/sitrep-bench', { recursive: true });
  const file = `/srv/sitrep-bench/flood-${process.pid}.log`;
  writeFileSync(file, '');
  const programs = [
    { name: 'sitrep --log-file', command: `node ${SITREP} --log-file ${file}`, ready: SITREP_DATA },
    { name: 'lnav', command: `lnav ${file}`, ready: /./ },
    { name: 'tail -F', command: `tail -F ${file}`, ready: /^/ },
  ];
  say(`flood: 20,000 lines/s for ${FLOOD_SECONDS} s`);
  let writer = null;
  const { rows, extra } = await sideBySide(programs, {
    work,
    tag: 'flood',
    seconds: FLOOD_SECONDS,
    warmupMs: 3000,
    during: async (running) => {
      writer = spawn(process.execPath, [resolve('bench/flood.mjs'), '20000', String(FLOOD_SECONDS + 5), file], { stdio: 'ignore' });
      const rssOf = () => rssBytes([running[0].pid, ...descendants(running[0].pid)]) / 1048576;
      const rss = [rssOf()];
      const latencies = [];
      const started = performance.now();
      while (performance.now() - started < FLOOD_SECONDS * 1000 - 8000) {
        const key = latencies.length % 2 ? '3' : '1';
        latencies.push(await keyToScreen(running[0], key, (c) => focusedPane(c) === (key === '1' ? 'Disks' : 'Log')));
        rss.push(rssOf());
        await sleep(5000);
      }
      return { latencies, rss };
    },
  });
  writer?.kill('SIGKILL');
  rmSync(file, { force: true });
  return { rows: rows.map((r) => ({ name: r.name, cpu: r.cpuPercent, rss: r.rssMiB })), latencies: extra.latencies, rss: extra.rss };
}

// --- run everything, then print one table
const idle = await consoles('idle', CONSOLES, RUNS);
say('start-up: --version against node -e 0');
const [nodeMs, versionMs] = startTimes([[process.execPath, '-e', '0'], [process.execPath, SITREP, '--version']], 20);
say('3,000 processes');
const sleepers = spawn('sh', ['-c', 'for i in $(seq 3000); do sleep 100000 & done; wait'], { stdio: 'ignore', detached: true });
await sleep(4000);
const many = await consoles('procs', CONSOLES.slice(0, 3), Math.max(1, RUNS - 1));
process.kill(-sleepers.pid, 'SIGKILL');
say('scan: normal and deep trees');
generate('/srv/sitrep-bench-tree', 'normal');
generate('/srv/sitrep-bench-deep', 'deep');
const normal = scanRows('/srv/sitrep-bench-tree', SITREP, 5);
const deep = scanRows('/srv/sitrep-bench-deep', SITREP, 5);
const floodResult = await flood();
say('network: the pane on and off, then one sample at 1,000 to 50,000 sockets');
const netOnOff = await consoles('net', [CONSOLES[0], { name: 'sitrep --no-network', command: `node ${SITREP} --interval 1 --log-file ${IDLE_LOG} --no-network`, ready: SITREP_DATA }], RUNS);
spawnSync(process.execPath, ['src/build/bundle.mjs', 'bench/net-cost.ts', 'bench/results/net-cost.mjs'], { stdio: 'inherit' });
say('memory pressure: a 64 MiB memory cgroup');
const pressure = await memoryPressure(SITREP, { runs: RUNS, work, log: IDLE_LOG });
const netCost = JSON.parse(spawnSync(process.execPath, ['bench/results/net-cost.mjs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).stdout.trim().split('\n').at(-1));

const f = (v, d = 2) => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(d));
const row = (cells) => `| ${cells.join(' | ')} |`;
const byName = (rows, name) => rows.find((r) => r.name === name);
const out = [];
out.push(`## sitrep bench (one run; ${RUNS} idle runs of ${SECONDS} s after 5 s, 120x40 tmux, 1 s interval)`);
out.push('', row(['idle', 'CPU % of a core', 'RSS MiB', 'terminal B/s', 'first (data) frame ms']), row(['---', '---', '---', '---', '---']));
for (const r of idle) out.push(row([r.name, f(r.cpu), f(r.rss, 1), f(r.bps, 0), f(r.first, 0)]));
const [s, b] = [byName(idle, 'sitrep'), byName(idle, 'btop')];
out.push(row(['sitrep / btop', `${f(s.cpu / b.cpu)}x (target ≤ 1.5x, stretch ≤ 1x)`, `${f(s.rss, 1)} (target ≤ 60)`, `${f(s.bps / b.bps)}x (target ≤ 0.33x)`, `${f(s.first, 0)} (target ≤ 150; ${f(s.first / nodeMs)}x node -e 0, target ≤ 2x)`]));
out.push('', `start-up: node -e 0 ${f(nodeMs, 0)} ms, sitrep --version ${f(versionMs, 0)} ms: ${f(versionMs / nodeMs)}x (target ≤ 1.5x); medians of 20 alternated runs`);
if (pressure) {
  out.push('', row(['memory pressure (issue 32)', 'first data frame ms', 'key to screen ms, median (worst)', 'major faults']), row(['---', '---', '---', '---']));
  for (const [label, x] of [['sitrep, unconstrained', pressure.free], ['sitrep in a 64 MiB memory cgroup', pressure.limited]]) out.push(row([label, f(x.firstMs, 0), `${f(x.keyMs, 0)} (${f(x.worstKeyMs, 0)})`, f(x.majorFaults, 0)]));
  out.push(row(['limited / unconstrained', `${f(pressure.limited.firstMs / pressure.free.firstMs)}x (target ≤ 2x)`, `${f(pressure.limited.keyMs, 0)} (target ≤ 200)`, '']));
} else out.push('', 'memory pressure: no memory cgroups on this machine');
out.push('', row(['3,000 processes', 'CPU % of a core', 'RSS MiB', 'terminal B/s', 'first frame ms']), row(['---', '---', '---', '---', '---']));
for (const r of many) out.push(row([r.name, f(r.cpu), f(r.rss, 1), f(r.bps, 0), f(r.first, 0)]));
out.push(row(['sitrep / btop', `${f(byName(many, 'sitrep').cpu / byName(many, 'btop').cpu)}x (target ≤ 2x, issue 32: nothing regresses)`, '', '', '']));
for (const [label, scan] of [['normal tree', normal], ['deep tree', deep]]) {
  out.push('', row([`scan, ${label} (${scan.entries} entries, warm, median of 5 alternated)`, 's', 'vs du -s', 'peak RSS MiB']), row(['---', '---', '---', '---']));
  for (const r of scan.rows) out.push(row([r.name, f(r.ms / 1000), `${f(r.ratio)}x`, f(r.rssMiB, 1)]));
}
out.push('', row([`flood, 20,000 lines/s from a file for ${FLOOD_SECONDS} s`, 'CPU % of a core', 'RSS MiB at the end']), row(['---', '---', '---']));
for (const r of floodResult.rows) out.push(row([r.name, f(r.cpu), f(r.rss, 1)]));
const [fs, fl] = [floodResult.rows[0], floodResult.rows[1]];
out.push(row(['sitrep / lnav', `${f(fs.cpu / fl.cpu)}x (target ≤ 0.5x)`, '']));
const third = Math.floor(floodResult.rss.length / 3);
out.push(`sitrep RSS under the flood: ${f(floodResult.rss[0], 1)} MiB at its start, ${f(floodResult.rss[third], 1)} after a third, ${f(floodResult.rss.at(-1), 1)} at the end, max ${f(Math.max(...floodResult.rss), 1)}`);
out.push(`sitrep pane switch under the flood, key to screen: median ${f(median(floodResult.latencies), 0)} ms (target ≤ 100), worst ${f(Math.max(...floodResult.latencies), 0)} ms, ${floodResult.latencies.length} probes`);
out.push('', row(['network pane, idle', 'CPU % of a core', 'RSS MiB', 'terminal B/s']), row(['---', '---', '---', '---']));
for (const r of netOnOff) out.push(row([r.name, f(r.cpu), f(r.rss, 1), f(r.bps, 0)]));
out.push(row(['on / off', `${f(netOnOff[0].cpu / netOnOff[1].cpu)}x`, '', '']));
out.push('', row(['one network sample', 'sitrep ms (CPU ms)', 'ss -tan \\| wc -l ms', 'ss -s ms', 'sitrep / ss -tan']), row(['---', '---', '---', '---', '---']));
for (const r of netCost) out.push(row([`${r.sockets} sockets`, `${f(r.sitrepMs, 1)} (${f(r.sitrepCpuMs, 1)})`, f(r.ssTanMs, 1), f(r.ssSummaryMs, 1), `${f(r.sitrepMs / r.ssTanMs)}x`]));
console.log(out.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/bench-${Date.now()}.json`, JSON.stringify({ idle, nodeMs, versionMs, pressure, many, normal, deep, flood: floodResult, netOnOff, netCost }, null, 2));
rmSync(work, { recursive: true, force: true });
stopTrickle();
