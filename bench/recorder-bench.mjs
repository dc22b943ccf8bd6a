// npm run bench:recorder: the flight recorder's cost (issue 15), side by side in
// one run: `sitrep record --store` at its default 5 s interval against `atop -w`
// at 10 s and at 5 s, each for RECORDER_SECONDS (120), with the machine's own
// processes and with 500; CPU % of a core, RSS and bytes per hour. Then the time
// to open a 24-hour store and seek into it (snapshot --store --at, cold process).
// Needs root and atop. Not a test.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { descendants, procCpuTicks, rssBytes } from './proc-stats.mjs';

const SITREP = resolve('dist/sitrep.mjs');
const SECONDS = Number(process.env.RECORDER_SECONDS ?? 120);
const ROOT = '/srv/sitrep-bench-recorder';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (t) => process.stderr.write(`${t}\n`);
const count = () => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;
const sizeOf = (path) => {
  const st = statSync(path);
  return st.isDirectory() ? readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0) : st.size;
};
if (spawnSync('sh', ['-c', 'command -v atop']).status !== 0) {
  console.error('bench:recorder needs atop: apt-get install -y atop');
  process.exit(2);
}

async function round(label) {
  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(ROOT, { recursive: true });
  const runs = [
    { name: 'sitrep record (5 s)', argv: [process.execPath, SITREP, 'record', '--store', join(ROOT, 'store')], out: join(ROOT, 'store') },
    { name: 'atop -w (10 s)', argv: ['atop', '-w', join(ROOT, 'atop10.raw'), '10'], out: join(ROOT, 'atop10.raw') },
    { name: 'atop -w (5 s)', argv: ['atop', '-w', join(ROOT, 'atop5.raw'), '5'], out: join(ROOT, 'atop5.raw') },
  ].map((r) => ({ ...r, child: spawn(r.argv[0], r.argv.slice(1), { stdio: 'ignore' }) }));
  await sleep(3000);
  const family = (r) => [r.child.pid, ...descendants(r.child.pid)];
  const t0 = Date.now();
  const before = runs.map((r) => procCpuTicks(family(r)));
  const rss = runs.map(() => 0);
  for (let waited = 0; waited < SECONDS * 1000; waited += 5000) {
    await sleep(5000);
    runs.forEach((r, i) => (rss[i] = Math.max(rss[i], rssBytes(family(r)))));
  }
  const seconds = (Date.now() - t0) / 1000;
  const rows = runs.map((r, i) => ({
    name: r.name,
    procs: label,
    cpu: ((procCpuTicks(family(r)) - before[i]) / 100 / seconds) * 100,
    rssMiB: rss[i] / 2 ** 20,
    mbPerHour: (sizeOf(r.out) / (seconds + 3)) * 3600 / 1e6,
  }));
  for (const r of runs) r.child.kill('SIGTERM');
  await sleep(1500);
  return rows;
}

say(`recorder: ${count()} processes, ${SECONDS} s`);
const rows = await round(`${count()}`);
const sleepers = spawn('sh', ['-c', `for i in $(seq ${Math.max(0, 500 - count())}); do sleep 100000 & done; wait`], { stdio: 'ignore', detached: true });
await sleep(3000);
say(`recorder: ${count()} processes, ${SECONDS} s`);
rows.push(...(await round(`${count()}`)));
process.kill(-sleepers.pid, 'SIGKILL');

// A 24-hour store, written by the recorder's own writer from the disk-fill demo at 5 s.
say('a 24-hour store');
const store = join(ROOT, 'day');
execFileSync(process.execPath, ['src/build/bundle.mjs', 'bench/day-store.ts', 'bench/results/day-store.mjs'], { stdio: 'inherit' });
execFileSync(process.execPath, ['bench/results/day-store.mjs', store], { stdio: 'inherit' });
const seek = (at) => {
  const t0 = performance.now();
  execFileSync(process.execPath, [SITREP, 'snapshot', '--json', '--store', store, '--at', at], { stdio: 'ignore' });
  return performance.now() - t0;
};
const start = Date.parse(readdirSync(store).sort()[0].replace(/^sitrep-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z.*$/, '$1-$2-$3T$4:$5:$6Z'));
const seeks = [1, 12, 23.9].map((h) => ({ hours: h, ms: seek(new Date(start + h * 3_600_000).toISOString()) }));

console.log('| recorder | processes | CPU % of a core | RSS MiB | MB per hour |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.name} | ${r.procs} | ${r.cpu.toFixed(2)} | ${r.rssMiB.toFixed(1)} | ${r.mbPerHour.toFixed(2)} |`);
console.log('');
console.log(`24-hour store: ${readdirSync(store).length} segments, ${(sizeOf(store) / 1e6).toFixed(1)} MB; snapshot --store --at (a cold process: open, read to the moment): ${seeks.map((s) => `${s.hours} h in ${(s.ms / 1000).toFixed(2)} s`).join(', ')}`);
rmSync(ROOT, { recursive: true, force: true });
