// npm run bench:remote (issue 16), one run, side by side:
//  1. bytes per second on the wire (the veth to an sshd host namespace, both
//     ways, ssh's encryption included) for one remote console at 1 s
//     (sitrep ssh's agent stream), one fleet row (the agent in summary mode),
//     `ssh host top -b -d 1`, and glances in client/server mode at 1 s;
//  2. the local CPU (% of a core) and RSS of `sitrep fleet` over 1, 10 and 50
//     hosts: ssh aliases of one sshd namespace, so every agent runs on this
//     machine too (2 cores: the agents' own load is on the same CPUs).
// Needs root, sshd, tmux and glances. Not a test.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeSshLab, waitForSshd } from '../test/support/ssh-hosts.js';
import { sshArgv } from '../src/remote/ssh-argv.js';
import { RemoteLink } from '../src/sources/remote-link.js';

const SECONDS = Number(process.env.REMOTE_SECONDS ?? 30);
const SITREP = resolve('dist/sitrep.mjs');
const bundle = readFileSync(SITREP);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (t: string) => process.stderr.write(`${t}\n`);
const lab = makeSshLab('bench', 1, 64);
const h = lab.hosts[0]!;
const counter = (dir: 'rx' | 'tx') => Number(readFileSync(`/sys/class/net/${h.outer}/statistics/${dir}_bytes`, 'utf8'));
const wire = () => counter('rx') + counter('tx');
const ticks = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]); };
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Wire bytes/s of whatever `start` runs, after a 5 s warm-up, over SECONDS. */
async function onTheWire(name: string, start: () => () => void): Promise<{ name: string; bytesPerSec: number }> {
  say(`wire: ${name}`);
  const stop = start();
  await sleep(5000);
  const before = wire();
  await sleep(SECONDS * 1000);
  const bytesPerSec = (wire() - before) / SECONDS;
  stop();
  await sleep(1000);
  return { name, bytesPerSec };
}

try {
  await waitForSshd(lab);
  const remote = { sshOptions: lab.sshOptions, remoteNode: null, sudo: false, copy: 'no' as const };
  const rows = [];
  const wireToo = process.env.REMOTE_PARTS !== 'fleet';
  if (wireToo) rows.push(await onTheWire('sitrep ssh: one console, 1 s', () => {
    const link = new RemoteLink(h.address, sshArgv(h.address, remote, ['--interval', '1']), {}, bundle);
    return () => link.close();
  }));
  if (wireToo) rows.push(await onTheWire('sitrep fleet: one row every 2 s', () => {
    const link = new RemoteLink(h.address, sshArgv(h.address, remote, ['--interval', '2', '--summary', '2']), {}, bundle);
    return () => link.close();
  }));
  if (wireToo) rows.push(await onTheWire('ssh host top -b -d 1', () => {
    const top = spawn('ssh', ['-T', '-o', 'BatchMode=yes', ...lab.sshOptions, h.address, 'top', '-b', '-d', '1'], { stdio: ['ignore', 'ignore', 'ignore'] });
    return () => top.kill();
  }));
  const glancesServer = !wireToo ? null : spawn('nsenter', ['-t', String(h.sshd.pid), '-m', '-n', '-u', 'glances', '-s', '-B', h.address, '-t', '1', '--disable-autodiscover'], { stdio: 'ignore' });
  await sleep(4000);
  if (wireToo) rows.push(await onTheWire('glances -c (client/server, 1 s)', () => {
    spawnSync('tmux', ['-L', 'sitrep-bench-glances', 'new-session', '-d', '-x', '120', '-y', '40', `glances -c ${h.address} -t 1 --disable-autodiscover`]);
    return () => spawnSync('tmux', ['-L', 'sitrep-bench-glances', 'kill-server']);
  }));
  glancesServer?.kill();

  // Fleet scale: N ssh aliases of the one host.
  const config = join(lab.dir, 'fleet-config');
  writeFileSync(config, Array.from({ length: 50 }, (_, i) => `Host f${i}\n  HostName ${h.address}\n`).join(''));
  const scale = [];
  for (const n of [1, 10, 50]) {
    say(`fleet over ${n} hosts`);
    const names = Array.from({ length: n }, (_, i) => `f${i}`).join(' ');
    spawnSync('tmux', ['-L', 'sitrep-bench-fleet', 'new-session', '-d', '-x', '160', '-y', '60', `node ${SITREP} fleet ${names} -- -F ${config} ${lab.sshOptions.join(' ')}`]);
    // Wait until every host reports (50 agents start on these same 2 cores), at most 120 s.
    const upCount = () => execFileSync('tmux', ['-L', 'sitrep-bench-fleet', 'capture-pane', '-p'], { encoding: 'utf8' }).split('\n').filter((l) => / up /.test(l)).length;
    const waited = Date.now();
    while (upCount() < n && Date.now() - waited < 120_000) await sleep(1000);
    await sleep(5000);
    const pane = Number(execFileSync('tmux', ['-L', 'sitrep-bench-fleet', 'display', '-p', '#{pane_pid}'], { encoding: 'utf8' }).trim());
    const up = upCount();
    const t0 = ticks(pane);
    const wall = performance.now();
    await sleep(SECONDS * 1000);
    const cpu = ((ticks(pane) - t0) / 100 / ((performance.now() - wall) / 1000)) * 100;
    scale.push({ hosts: n, up, cpu, rss: rssMiB(pane) });
    spawnSync('tmux', ['-L', 'sitrep-bench-fleet', 'kill-server']);
    await sleep(3000);
  }
  const f = (v: number, d = 0) => v.toFixed(d);
  const top = rows.find((r) => r.name.startsWith('ssh host top'))?.bytesPerSec ?? 1;
  console.log(`| on the wire (veth, both ways; ${SECONDS} s after 5 s) | bytes/s | vs ssh top -b |\n|---|---|---|`);
  for (const r of rows) console.log(`| ${r.name} | ${f(r.bytesPerSec)} | ${f(r.bytesPerSec / top, 2)}x |`);
  console.log(`\n| sitrep fleet, local (ssh aliases of one host; agents on this machine too) | hosts up | CPU % of a core | RSS MiB |\n|---|---|---|---|`);
  for (const s of scale) console.log(`| ${s.hosts} hosts | ${s.up} | ${f(s.cpu, 2)} | ${f(s.rss, 1)} |`);
} finally {
  spawnSync('tmux', ['-L', 'sitrep-bench-fleet', 'kill-server']);
  spawnSync('tmux', ['-L', 'sitrep-bench-glances', 'kill-server']);
  lab.close();
}
