/**
 * Demo "disk-fill" (seed 000): a 20 GB /srv at 50% fills at ~100 MB/s from an
 * apache2 in a jail-like unit writing /srv/var/mod_gzip, until 0 B available
 * with the root reserve left. Stopping the unit or killing the writer ends it.
 */
import type { Intent } from '../src/effects/intents.js';
import type { ActionOutcome } from '../src/effects/intents.js';
import { seededRandom } from './rng.js';
import { drainLogs, systemdLine, type PendingLog, type Scenario } from './scenario.js';
import { advance, newWorld, spawnProcess, unit, type SimProcess, type World } from './world.js';
import type { DirChild } from '../src/stream/messages.js';

function entry(name: string, bytes: number, isDir: boolean, w: World): DirChild {
  return { name, isDir, bytes: Math.floor(bytes / 4096) * 4096, apparent: Math.floor(bytes), files: isDir ? Math.max(1, Math.round(bytes / 4e6)) : 1, dirs: isDir ? 3 : 0, errors: 0, mtime: w.bootTime + (3 * 86_400 + w.t) * 1000 };
}
const dirEntry = (name: string, bytes: number, w: World) => entry(name, bytes, true, w);

const GB = 1e9;
const GZIP = '/srv/var/mod_gzip';
/** What /srv holds besides mod_gzip: it never changes in the story. */
const STATIC: Readonly<Record<string, number>> = { '/srv/var/log': 0.6 * GB, '/srv/var/cache': 1.1 * GB, '/srv/www': 1.5 * GB, '/srv/backup': 6.2 * GB, '/srv/home': 0.2 * GB };
const OLD_CACHE = 0.4 * GB;
const UNIT = 'apache2@jail.service';
const CGROUP = `/system.slice/system-apache2.slice/${UNIT}`;

function build(startedAt: number): World {
  const w = newWorld(4, startedAt);
  w.filesystems.push(
    { device: '8:1', source: '/dev/sda1', type: 'ext4', mountPoint: '/', size: 40 * GB, used: 14 * GB, reserved: 2 * GB, inodes: 2_600_000, inodesUsed: 310_000 },
    { device: '8:17', source: '/dev/sdb1', type: 'ext4', mountPoint: '/srv', size: 20 * GB, used: Object.values(STATIC).reduce((a, b) => a + b, 0) + OLD_CACHE, reserved: 1 * GB, inodes: 1_310_720, inodesUsed: 220_000 },
    { device: '0:25', source: 'tmpfs', type: 'tmpfs', mountPoint: '/run', size: 2.4 * GB, used: 0.002 * GB, reserved: 0, inodes: 600_000, inodesUsed: 900 },
  );
  const sys = (comm: string, cmdline: string, cgroup: string, cpu = 0.002, user = 'root') =>
    spawnProcess(w, { comm, cmdline, user, cgroup, cpu, rssBytes: 12e6, writeRate: 0, writes: null, ppid: 1 });
  sys('systemd', '/sbin/init', '/init.scope');
  sys('systemd-journal', '/lib/systemd/systemd-journald', '/system.slice/systemd-journald.service');
  sys('sshd', 'sshd: /usr/sbin/sshd -D [listener]', '/system.slice/ssh.service');
  sys('cron', '/usr/sbin/cron -f', '/system.slice/cron.service');
  sys('mysqld', '/usr/sbin/mysqld', '/system.slice/mysql.service', 0.04, 'mysql');
  w.files.set(`${GZIP}/cache-0000.gz`, OLD_CACHE);
  w.units.set(UNIT, unit(UNIT, 'The Apache HTTP Server (jail)', { restart: 'on-abort' }));
  startApache(w);
  w.units.set('ssh.service', unit('ssh.service', 'OpenBSD Secure Shell server'));
  w.units.set('mysql.service', unit('mysql.service', 'MySQL Community Server'));
  w.units.set('cron.service', unit('cron.service', 'Regular background program processing daemon'));
  return w;
}

/** Builds the disk-fill scenario. */
export function diskFill(startedAt: number, seed = 1): Scenario {
  const w = build(startedAt);
  const random = seededRandom(seed);
  const pending: PendingLog[] = [];
  let warnedFull = false;
  const writers = (): SimProcess[] => w.processes.filter((p) => p.writeRate > 0);
  const srv = () => w.filesystems.find((f) => f.mountPoint === '/srv')!;
  // The one state every pane reads: /srv's used space is these directories plus the mod_gzip files.
  const gzipFiles = (): DirChild[] => [...w.files].filter(([path]) => path.startsWith(`${GZIP}/`)).map(([path, bytes]) => entry(path.slice(GZIP.length + 1), bytes, false, w));
  const sum = (xs: DirChild[]) => xs.reduce((s, c) => s + c.bytes, 0);
  const tree = (dir: string): DirChild[] | null => {
    if (dir === GZIP) return gzipFiles();
    if (dir === '/srv/var') return [dirEntry('mod_gzip', sum(gzipFiles()), w), dirEntry('log', STATIC['/srv/var/log']!, w), dirEntry('cache', STATIC['/srv/var/cache']!, w)];
    if (dir === '/srv') return [dirEntry('var', STATIC['/srv/var/log']! + STATIC['/srv/var/cache']! + sum(gzipFiles()), w), ...['www', 'backup', 'home'].map((n) => dirEntry(n, STATIC[`/srv/${n}`]!, w))];
    return null;
  };
  const apacheRuns = () => w.processes.some((p) => p.cgroup === CGROUP);
  return {
    name: 'disk-fill', host: 'web1', world: w,
    step(dt) {
      for (const p of writers()) p.writeRate = Math.max(5e6, p.writeRate * (0.95 + random() * 0.1));
      const t0 = w.t;
      advance(w, dt);
      // The access log is apache2's: no lines while the unit is stopped.
      const hits = apacheRuns() ? Math.round(3 * dt) : 0;
      for (let i = 0; i < hits; i++) {
        const ip = `${[198, 192, 203][i % 3]}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${1 + Math.floor(random() * 254)}`;
        pending.push({ at: t0 + (i / hits) * dt, entry: { priority: 6, unit: UNIT, pid: writers()[i % 3]?.pid ?? null, message: `${ip} - - "GET /catalog/page-${Math.floor(random() * 900)}.html HTTP/1.1" 200 18342 (mod_gzip: cached)` } });
      }
      const fs = srv();
      if (!warnedFull && fs.size - fs.reserved - fs.used < 1) {
        warnedFull = true;
        pending.push({ at: w.t, entry: { priority: 2, unit: UNIT, pid: writers()[0]?.pid ?? null, message: 'mod_gzip: write to /srv/var/mod_gzip/cache-0001.gz failed: No space left on device' } });
        pending.push({ at: w.t, entry: { priority: 3, unit: 'mysql.service', pid: 0, message: 'InnoDB: Error: Write to file ./ibdata1 failed at offset 0: No space left on device' } });
      }
    },
    takeLogs: (at) => drainLogs(pending, at),
    tree,
    journal: () => ({ storage: 'auto', volatile: false, storagePath: '/var/log/journal/5e1b3a5f0d7c4e29a3b1c2d4e5f60718' }),
    act(intent: Intent): ActionOutcome {
      if (intent.kind === 'service' && intent.target.unit === UNIT) {
        const was = w.processes.filter((p) => p.cgroup === CGROUP);
        w.processes = w.processes.filter((p) => p.cgroup !== CGROUP);
        if (intent.verb === 'restart') return restartApache(w, pending, was);
        w.units.set(UNIT, { ...w.units.get(UNIT)!, activeState: 'inactive', subState: 'dead', mainPid: 0 });
        pending.push({ at: w.t, entry: systemdLine(UNIT, 'Deactivated successfully.') });
        return { ok: true, text: `stopped ${UNIT} in 0.4 s: now inactive (dead)` };
      }
      if (intent.kind === 'signal') {
        const p = w.processes.find((x) => x.pid === intent.target.pid);
        if (!p) return { ok: false, text: `${intent.target.pid} had already exited` };
        if (intent.signal === 'STOP' || intent.signal === 'CONT') {
          p.stopped = intent.signal === 'STOP';
          return { ok: true, text: `sent ${intent.signal} to ${p.pid} (${p.comm}): ${p.stopped ? 'stopped (T); K then CONT resumes it' : 'running again'}` };
        }
        w.processes = w.processes.filter((x) => x !== p && x.ppid !== p.pid);
        // The unit's main process gone, and nothing left in it: systemd calls the unit dead.
        if (!apacheRuns() && w.units.get(UNIT)?.activeState === 'active') {
          w.units.set(UNIT, { ...w.units.get(UNIT)!, activeState: 'inactive', subState: 'dead', mainPid: 0 });
          pending.push({ at: w.t, entry: systemdLine(UNIT, 'Deactivated successfully.') });
        }
        return { ok: true, text: `sent ${intent.signal} to ${p.pid} (${p.comm}); it exited after 0.1 s` };
      }
      if ((intent.kind === 'delete-path' || intent.kind === 'truncate-path') && intent.path.startsWith(GZIP)) {
        // As in the incident: the space comes back, and a running writer fills it again within seconds.
        let freed = 0;
        for (const [path, bytes] of w.files) {
          if (path !== intent.path && !path.startsWith(`${intent.path}/`)) continue;
          freed += bytes;
          // A deleted file a process still holds keeps growing as a new one on the next write; a truncated one restarts at 0.
          if (intent.kind === 'truncate-path' || writers().some((p) => p.writes!.path === path)) w.files.set(path, 0);
          else w.files.delete(path);
        }
        srv().used = Math.max(0, srv().used - freed);
        warnedFull = false;
        const after = writers().length ? ' — apache2 is still writing' : ' — nothing writes there now';
        return { ok: true, text: `${intent.kind === 'delete-path' ? 'deleted' : 'truncated'} ${intent.path}: freed ${(freed / 2 ** 30).toFixed(1)} GiB${after}` };
      }
      return { ok: false, text: 'demo: this action changes nothing in the disk-fill story' };
    },
  };
}

/** Starts the unit: the parent and its three workers, appending to their cache files. */
function startApache(w: World): SimProcess {
  const parent = spawnProcess(w, { comm: 'apache2', cmdline: '/usr/sbin/apache2 -k start', user: 'root', cgroup: CGROUP, cpu: 0.01, rssBytes: 30e6, writeRate: 0, writes: null, ppid: 1 });
  for (let i = 0; i < 3; i++) {
    spawnProcess(w, {
      comm: 'apache2', cmdline: '/usr/sbin/apache2 -k start', user: 'www-data', cgroup: CGROUP, cpu: 0.25, rssBytes: 45e6, ppid: parent.pid,
      writeRate: [55e6, 30e6, 15e6][i]!, writes: { path: `${GZIP}/cache-000${i + 1}.gz`, device: '8:17' },
    });
  }
  w.units.set(UNIT, { ...w.units.get(UNIT)!, activeState: 'active', subState: 'running', mainPid: parent.pid });
  return parent;
}

function restartApache(w: World, pending: PendingLog[], was: SimProcess[]): ActionOutcome {
  const main = startApache(w);
  pending.push({ at: w.t, entry: systemdLine(UNIT, 'Started The Apache HTTP Server (jail).') });
  return { ok: true, text: `restarted ${UNIT} in 0.9 s: now active (running), main pid ${main.pid}${was.length ? ` (was ${was.find((p) => p.user === 'root')?.pid ?? '—'})` : ''} — it writes again` };
}
