// npm run bench:recorder-attack: the flight recorder under the inflating attack
// of issue 28 (items 3 and 4). `sitrep record --store --max-size 30M --segment 5min`
// (5 s samples) records PRE_SECONDS (120) of the machine as it is, then an
// unprivileged user (nobody, through setpriv) keeps 40 short-lived processes
// with 240 KB of random argv each running for ATTACK_SECONDS (600). Every 10 s:
// the recorder's RSS (against the unit's MemoryMax=256M), the store's size on
// disk, every file counted, the segment being written too (against
// --max-size), and whether the first segment, from before the attack, is still
// there. BASE_SITREP=path runs a second recorder of another build on the same
// attack, side by side. Needs root and /usr/bin/python3. Not a test.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { descendants, rssBytes } from './proc-stats.mjs';

const PRE = Number(process.env.PRE_SECONDS ?? 120);
const ATTACK = Number(process.env.ATTACK_SECONDS ?? 600);
const ROOT = `/srv/sitrep-bench-attack-${process.pid}`;
const builds = [['this build', resolve('dist/sitrep.mjs')], ...(process.env.BASE_SITREP ? [['base', resolve(process.env.BASE_SITREP)]] : [])];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MiB = (n) => (n / 2 ** 20).toFixed(1);
const sizeOf = (dir) => readdirSync(dir).reduce((n, f) => n + (statSync(join(dir, f), { throwIfNoEntry: false })?.size ?? 0), 0);

mkdirSync(ROOT, { recursive: true });
const runs = builds.map(([name, bundle], i) => {
  const store = join(ROOT, `store${i}`);
  const child = spawn(process.execPath, [bundle, 'record', '--store', store, '--max-size', '30M', '--segment', '5min'], { stdio: 'ignore' });
  return { name, store, child, maxRss: 0, maxSize: 0, first: '', rows: [] };
});
let attacker = null;
try {
  const t0 = Date.now();
  for (let s = 10; s <= PRE + ATTACK; s += 10) {
    if (!attacker && s > PRE) {
      attacker = spawn('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '/usr/bin/python3', resolve('test/support/inflate.py'), '40', '240000', '1'], { stdio: 'ignore', detached: true });
    }
    await sleep(t0 + s * 1000 - Date.now());
    for (const r of runs) {
      const rss = rssBytes([r.child.pid, ...descendants(r.child.pid)]);
      // A segment's name loses its .part when it is complete.
      const names = readdirSync(r.store).map((n) => n.replace(/\.part$/, '')).sort();
      const size = sizeOf(r.store);
      r.first ||= names[0] ?? '';
      r.maxRss = Math.max(r.maxRss, rss);
      r.maxSize = Math.max(r.maxSize, size);
      r.rows.push({ s, rss, size, segments: names.length, kept: names.includes(r.first), alive: r.child.exitCode === null });
      process.stderr.write(`${s} s ${s > PRE ? 'attack' : 'before'} ${r.name}: RSS ${MiB(rss)} MiB, store ${MiB(size)} MiB in ${names.length} segments, first segment ${names.includes(r.first) ? 'kept' : 'GONE'}${r.child.exitCode === null ? '' : ' (recorder ended)'}\n`);
    }
  }
} finally {
  if (attacker) try { process.kill(-attacker.pid, 'SIGKILL'); } catch { /* ended */ }
  for (const r of runs) r.child.kill('SIGTERM');
  await sleep(2000);
}
console.log(`| build | at | RSS MiB (bound 256) | store MiB (bound 30) | segments | pre-attack segment |`);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of runs) {
  for (const row of r.rows.filter((x) => x.s % 60 === 0)) console.log(`| ${r.name} | ${row.s - PRE} s | ${MiB(row.rss)} | ${MiB(row.size)} | ${row.segments} | ${row.kept ? 'kept' : 'gone'} |`);
  console.log(`| ${r.name} | max | ${MiB(r.maxRss)} | ${MiB(r.maxSize)} | | |`);
}
rmSync(ROOT, { recursive: true, force: true });
