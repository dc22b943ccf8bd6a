// Records a log flood and replays it (issue 17), not a test: the console runs
// in tmux with --record and --log-file while bench/soak-flood.mjs writes 5,000
// varied lines/s for FLOOD_MINUTES (20); then `sitrep replay` opens the file,
// waits for its index, seeks to the end (G) and back (g). Prints the file's
// size, the recorder's and the replay's peak RSS (VmHWM), and the seek times.
// `node bench/record-flood.mjs [minutes]`; needs root, tmux and python3.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SITREP = resolve('dist/sitrep.mjs');
const MINUTES = Number(process.argv[2] ?? process.env.FLOOD_MINUTES ?? 20);
const DIR = process.env.FLOOD_DIR ?? '/srv/sitrep-record-flood';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmux = (socket, ...args) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' }).stdout ?? '';
const status = (pid, key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const screen = (socket) => tmux(socket, 'capture-pane', '-p', '-t', 't');

async function waitFor(socket, re, ms) {
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    if (re.test(screen(socket))) return performance.now() - t0;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${re}: ${screen(socket).slice(-400)}`);
}

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
const log = join(DIR, 'flood.log');
const file = join(DIR, 'flood.sitrep.gz');
writeFileSync(log, '');
const rec = `rec-${process.pid}`;
const flood = spawn(process.execPath, [resolve('bench/soak-flood.mjs'), log, '5000', String(MINUTES * 60 + 5)], { stdio: 'ignore' });
tmux(rec, '-f', '/dev/null', 'new-session', '-d', '-s', 't', '-x', '120', '-y', '40', `exec node ${SITREP} --log-file ${log} --record ${file}`);
await sleep(2000);
const recPid = Number(tmux(rec, 'display', '-p', '-t', 't', '#{pane_pid}').trim());
let recPeak = 0;
for (let s = 0; s < MINUTES * 60; s += 30) {
  await sleep(30_000);
  recPeak = Math.max(recPeak, status(recPid, 'VmHWM'));
  console.log(`recording ${(s / 60 + 0.5).toFixed(1)} min: rss ${status(recPid, 'VmRSS').toFixed(0)} MiB, file ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB`);
}
tmux(rec, 'send-keys', '-t', 't', 'q');
await sleep(3000);
tmux(rec, 'kill-server');
flood.kill();
const lines = readFileSync(log).length;

const play = `play-${process.pid}`;
tmux(play, '-f', '/dev/null', 'new-session', '-d', '-s', 't', '-x', '120', '-y', '40', `exec node ${SITREP} replay ${file}`);
await sleep(1000);
const playPid = Number(tmux(play, 'display', '-p', '-t', 't', '#{pane_pid}').trim());
const indexMs = await waitFor(play, /REPLAY \S+ \d+% /, MINUTES * 60_000);
tmux(play, 'send-keys', '-t', 't', 'G');
const endMs = await waitFor(play, / 100% .*(end|playing|paused)/, 600_000);
tmux(play, 'send-keys', '-t', 't', 'g');
const startMs = await waitFor(play, / 0% /, 600_000);
const playPeak = status(playPid, 'VmHWM');
tmux(play, 'send-keys', '-t', 't', 'q');
await sleep(1000);
tmux(play, 'kill-server');
console.log(`\n${MINUTES} min of 5,000 lines/s: ${(lines / 2 ** 20).toFixed(0)} MiB of log, recording ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB gzip`);
console.log(`recorder peak RSS ${recPeak.toFixed(0)} MiB; replay: indexed in ${(indexMs / 1000).toFixed(1)} s, G (end) ${(endMs / 1000).toFixed(1)} s, g (start) ${(startMs / 1000).toFixed(1)} s, peak RSS ${playPeak.toFixed(0)} MiB`);
if (!process.env.FLOOD_KEEP) rmSync(DIR, { recursive: true, force: true });
