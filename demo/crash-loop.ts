/**
 * Demo "crash-loop" (seed 004): CPU saturated by php-fpm under a flood of
 * requests mostly from one /24; php-fpm crashes (SEGV) and systemd restarts it;
 * the journal is volatile until J. Blocking the range brings the load down and
 * the crashes stop; stopping the service stops them too.
 */
import type { Intent } from '../src/effects/intents.js';
import type { ActionOutcome } from '../src/effects/intents.js';
import { seededRandom } from './rng.js';
import { drainLogs, systemdLine, type PendingLog, type Scenario } from './scenario.js';
import { advance, newWorld, spawnProcess, unit, type World } from './world.js';
import { demoNet, mainOwner } from './crash-loop-net.js';

const PHP = 'php8.2-fpm.service';
const PHP_CGROUP = `/system.slice/${PHP}`;
const ATTACK = '203.0.113';

function build(startedAt: number): World {
  const w = newWorld(4, startedAt);
  w.volatileJournal = true;
  w.filesystems.push(
    { device: '254:1', source: '/dev/vda1', type: 'ext4', mountPoint: '/', size: 80e9, used: 31e9, reserved: 4e9, inodes: 5_200_000, inodesUsed: 410_000 },
    { device: '0:25', source: 'tmpfs', type: 'tmpfs', mountPoint: '/run', size: 3.2e9, used: 0.09e9, reserved: 0, inodes: 800_000, inodesUsed: 1_200 },
  );
  const sys = (comm: string, cmdline: string, cgroup: string, cpu = 0.002, user = 'root') =>
    spawnProcess(w, { comm, cmdline, user, cgroup, cpu, rssBytes: 14e6, writeRate: 0, writes: null, ppid: 1 });
  sys('systemd', '/sbin/init', '/init.scope');
  sys('systemd-journal', '/lib/systemd/systemd-journald', '/system.slice/systemd-journald.service', 0.05);
  sys('sshd', 'sshd: /usr/sbin/sshd -D [listener]', '/system.slice/ssh.service');
  sys('nginx', 'nginx: worker process', '/system.slice/nginx.service', 0.3, 'www-data');
  w.units.set(PHP, unit(PHP, 'The PHP 8.2 FastCGI Process Manager', { restart: 'always' }));
  w.units.set('nginx.service', unit('nginx.service', 'A high performance web server and a reverse proxy server'));
  w.units.set('ssh.service', unit('ssh.service', 'OpenBSD Secure Shell server'));
  startPhp(w);
  return w;
}

function startPhp(w: World): void {
  const master = spawnProcess(w, { comm: 'php-fpm8.2', cmdline: 'php-fpm: master process (/etc/php/8.2/fpm/php-fpm.conf)', user: 'root', cgroup: PHP_CGROUP, cpu: 0.02, rssBytes: 40e6, writeRate: 0, writes: null, ppid: 1 });
  for (let i = 0; i < 6; i++) spawnProcess(w, { comm: 'php-fpm8.2', cmdline: 'php-fpm: pool www', user: 'www-data', cgroup: PHP_CGROUP, cpu: 0.6, rssBytes: 90e6, writeRate: 0, writes: null, ppid: master.pid });
  const u = w.units.get(PHP)!;
  w.units.set(PHP, { ...u, activeState: 'active', subState: 'running', mainPid: master.pid });
}

/** Builds the crash-loop scenario. */
export function crashLoop(startedAt: number, seed = 4): Scenario {
  const w = build(startedAt);
  const random = seededRandom(seed);
  const pending: PendingLog[] = [];
  const blocked = new Set<string>();
  let stopped = false;
  let nextCrash = 3;
  const php = () => w.processes.filter((p) => p.cgroup === PHP_CGROUP);
  const attacked = () => !blocked.has(`${ATTACK}.0/24`);
  const net = demoNet(ATTACK, seededRandom(seed + 1000));
  return {
    name: 'crash-loop', host: 'shop1', world: w,
    step(dt) {
      const t0 = w.t;
      advance(w, dt);
      net.step(dt, attacked() && !stopped);
      const requests = Math.round((attacked() ? 60 : 6) * dt);
      for (let i = 0; i < requests; i++) {
        const fromAttack = attacked() && random() < 0.85;
        const ip = fromAttack ? `${ATTACK}.${1 + Math.floor(random() * 254)}` : `${[198, 51, 100][i % 3]}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${1 + Math.floor(random() * 254)}`;
        const status = fromAttack ? 502 : 200;
        pending.push({ at: t0 + (i / requests) * dt, entry: { priority: status >= 500 ? 4 : 6, unit: 'nginx.service', pid: 812, message: `${ip} - - "POST /index.php?route=checkout HTTP/1.1" ${status} 157 "-" "Mozilla/5.0"` } });
      }
      for (const p of php()) p.cpu = p.user === 'www-data' ? (attacked() ? 0.6 : 0.03) : 0.02;
      if (!stopped && attacked() && w.t >= nextCrash) {
        nextCrash = w.t + 4 + random() * 2;
        crash(w, pending);
      }
    },
    takeLogs: (at) => drainLogs(pending, at),
    net: () => net.sample(mainOwner(w, w.units.get(PHP)!.mainPid), mainOwner(w, w.processes.find((p) => p.comm === 'nginx')?.pid ?? 0)),
    journal: () => (w.volatileJournal
      ? { storage: 'auto', volatile: true, storagePath: '/run/log/journal/9f2c4e1a7b3d4c5e8f9a0b1c2d3e4f50' }
      : { storage: 'auto', volatile: false, storagePath: '/var/log/journal/9f2c4e1a7b3d4c5e8f9a0b1c2d3e4f50' }),
    act(intent: Intent): ActionOutcome {
      if (intent.kind === 'persist-journal') {
        w.volatileJournal = false;
        return { ok: true, text: 'journal is now persistent: /var/log/journal/9f2c4e1a7b3d4c5e8f9a0b1c2d3e4f50' };
      }
      if (intent.kind === 'block') {
        if (intent.op === 'add') blocked.add(intent.range);
        else blocked.delete(intent.range);
        return { ok: true, text: `${intent.op === 'add' ? 'blocked' : 'unblocked'} ${intent.range} (nft table inet sitrep); sitrep blocks now: ${[...blocked].join(', ') || 'none'}` };
      }
      if (intent.kind === 'service' && intent.target.unit === PHP) {
        w.processes = w.processes.filter((p) => p.cgroup !== PHP_CGROUP);
        if (intent.verb === 'stop') {
          stopped = true;
          w.units.set(PHP, { ...w.units.get(PHP)!, activeState: 'inactive', subState: 'dead', mainPid: 0 });
          pending.push({ at: w.t, entry: systemdLine(PHP, 'Deactivated successfully.') });
          return { ok: true, text: `stopped ${PHP} in 0.3 s: now inactive (dead)` };
        }
        stopped = false;
        startPhp(w);
        return { ok: true, text: `restarted ${PHP} in 0.6 s: now active (running), main pid ${w.units.get(PHP)!.mainPid}` };
      }
      if (intent.kind === 'signal') {
        const before = w.processes.length;
        w.processes = w.processes.filter((p) => p.pid !== intent.target.pid);
        return before === w.processes.length ? { ok: false, text: `${intent.target.pid} had already exited` } : { ok: true, text: `sent ${intent.signal} to ${intent.target.pid}; it exited after 0.1 s` };
      }
      return { ok: false, text: 'demo: this action changes nothing in the crash-loop story' };
    },
  };
}

function crash(w: World, pending: PendingLog[]): void {
  const u = w.units.get(PHP)!;
  const pid = u.mainPid;
  w.processes = w.processes.filter((p) => p.cgroup !== PHP_CGROUP);
  const n = u.nRestarts + 1;
  pending.push({ at: w.t, entry: { priority: 2, unit: '', pid: null, fields: { SYSLOG_IDENTIFIER: 'kernel' }, message: `php-fpm8.2[${pid}]: segfault at 10 ip 000055d5c1a2b3c4 sp 00007ffd2c1e0a80 error 4 in php-fpm8.2[55d5c1800000+3c6000]` } });
  pending.push({ at: w.t, entry: systemdLine(PHP, 'Main process exited, code=dumped, status=11/SEGV', 4) });
  pending.push({ at: w.t, entry: systemdLine(PHP, "Failed with result 'core-dump'.", 4) });
  pending.push({ at: w.t + 0.1, entry: systemdLine(PHP, `Scheduled restart job, restart counter is at ${n}.`) });
  w.units.set(PHP, { ...u, nRestarts: n, result: 'core-dump' });
  startPhp(w);
}
