// Issue 34's "20 minutes of a sawtooth produce no flapping", for real: a loop
// ext4 (4 GiB) where a log grows at 2 MiB/s for 4 minutes and is then deleted
// (logrotate), over and over, while `sitrep record` runs with its default alert
// settings (1 h horizon, 10 min hold, one sample every 5 s) and an
// --alert-command that writes each alert to a file. Prints how many alerts
// started and resolved for that filesystem. Needs root. Real time:
// SAWTOOTH_SECONDS (default 1200). Not part of `npm test` (20 minutes).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SECONDS = Number(process.env.SAWTOOTH_SECONDS ?? 1200);
const PERIOD_S = 300;
const GROW_S = 240;
const RATE = 2 * 2 ** 20;
const root = `/srv/sitrep-bench/sawtooth-${process.pid}`;
const image = join(root, 'fs.img');
const mnt = join(root, 'mnt');
const out = join(root, 'alerts.jsonl');
const store = join(root, 'store');
const run = (argv) => {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
};

mkdirSync(mnt, { recursive: true });
run(['truncate', '-s', '4G', image]);
run(['mkfs.ext4', '-q', '-F', '-m', '0', image]);
run(['mount', '-o', 'loop', image, mnt]);
const recorder = spawn(process.execPath, [resolve('dist/sitrep.mjs'), 'record', '--store', store, '--interval', '5',
  '--alert-command', `${process.execPath} ${resolve('test/support/alert-capture.mjs')} ${out}`], { stdio: 'ignore' });
const log = join(mnt, 'app.log');
const chunk = Buffer.alloc(RATE / 4, 120);
const started = Date.now();
let fd = openSync(log, 'a');
let cycleStart = started;
const timer = setInterval(() => {
  const now = Date.now();
  if (now - started >= SECONDS * 1000) return finish();
  const phase = (now - cycleStart) / 1000;
  if (phase >= PERIOD_S) {
    cycleStart = now;
    fd = openSync(log, 'a');
  } else if (phase >= GROW_S) {
    if (fd !== null) {
      closeSync(fd);
      unlinkSync(log);
      fd = null;
    }
  } else if (fd !== null) writeSync(fd, chunk);
}, 250);

function finish() {
  clearInterval(timer);
  if (fd !== null) closeSync(fd);
  recorder.kill('SIGTERM');
  recorder.once('exit', () => {
    const lines = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).stdin) : [];
    const mine = lines.filter((a) => a.subject === mnt);
    const starts = mine.filter((a) => a.state === 'start').length;
    const resolves = mine.filter((a) => a.state === 'resolve').length;
    console.log(`sawtooth ${SECONDS} s (grow ${GROW_S} s at 2 MiB/s, period ${PERIOD_S} s) on ${mnt}: ${starts} alert start(s), ${resolves} resolve(s); other alerts on this machine: ${lines.length - mine.length}`);
    console.log(starts <= 1 ? 'no flapping: at most one alert' : 'FLAPPING: more than one alert');
    spawnSync('umount', [mnt]);
    rmSync(root, { recursive: true, force: true });
    process.exitCode = starts <= 1 ? 0 : 1;
  });
}
