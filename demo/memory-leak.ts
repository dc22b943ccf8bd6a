/**
 * Demo "memory-leak" (seed 005): reportd, a Python service in a cgroup with a
 * 2 GiB memory.max, leaks 20 MB/s while two CPU hogs run; about 80 s in, the
 * kernel kills it (its oom-kill lines in the log, memory.events oom_kill
 * counted) and systemd starts it again, and it leaks again. K on reportd
 * kills it; S stops the unit (no more leak); R restarts it (the leak starts
 * over from its base size).
 */
import type { ActionOutcome, Intent } from '../src/effects/intents.js';
import type { MemoryCounters } from '../src/stream/memory-messages.js';
import { drainLogs, systemdLine, type PendingLog, type Scenario } from './scenario.js';
import { advance, newWorld, spawnProcess, unit, type SimProcess, type World } from './world.js';

const UNIT = 'reportd.service';
const CGROUP = `/system.slice/${UNIT}`;
/** The cgroup's memory.max, its leak per second, and reportd's size when it starts. */
export const DEMO_LIMIT = 2 * 2 ** 30;
export const DEMO_LEAK = 20e6;
const BASE = 180e6;

function build(startedAt: number): World {
  const w = newWorld(2, startedAt);
  w.filesystems.push({ device: '254:1', source: '/dev/vda1', type: 'ext4', mountPoint: '/', size: 80e9, used: 22e9, reserved: 4e9, inodes: 5_200_000, inodesUsed: 300_000 });
  const sys = (comm: string, cmdline: string, cgroup: string, cpu: number, rssBytes: number) =>
    spawnProcess(w, { comm, cmdline, user: 'root', cgroup, cpu, rssBytes, writeRate: 0, writes: null, ppid: 1 });
  sys('systemd', '/sbin/init', '/init.scope', 0.002, 12e6);
  sys('sshd', 'sshd: /usr/sbin/sshd -D [listener]', '/system.slice/ssh.service', 0.001, 9e6);
  sys('postgres', 'postgres: main', '/system.slice/postgresql.service', 0.05, 900e6);
  sys('ffmpeg', 'ffmpeg -i in.mkv out.mp4', '/user.slice/session-3.scope', 0.95, 250e6);
  sys('ffmpeg', 'ffmpeg -i b.mkv b.mp4', '/user.slice/session-3.scope', 0.95, 240e6);
  w.units.set(UNIT, unit(UNIT, 'Nightly report builder', { restart: 'on-failure' }));
  w.units.set('postgresql.service', unit('postgresql.service', 'PostgreSQL RDBMS'));
  return w;
}

/** Builds the memory-leak scenario. */
export function memoryLeak(startedAt: number): Scenario {
  const w = build(startedAt);
  const pending: PendingLog[] = [];
  let stopped = false;
  let oomKills = 0;
  let restartAt: number | null = null;
  const reportd = (): SimProcess | undefined => w.processes.find((p) => p.cgroup === CGROUP);
  const start = () => {
    const p = spawnProcess(w, { comm: 'python3', cmdline: 'python3 /opt/reportd/reportd.py --serve', user: 'reportd', cgroup: CGROUP, cpu: 0.1, rssBytes: BASE, writeRate: 0, writes: null, ppid: 1 });
    w.units.set(UNIT, { ...w.units.get(UNIT)!, activeState: 'active', subState: 'running', mainPid: p.pid });
  };
  const gone = (result: string) => {
    w.processes = w.processes.filter((p) => p.cgroup !== CGROUP);
    const u = w.units.get(UNIT)!;
    w.units.set(UNIT, { ...u, activeState: 'inactive', subState: 'dead', mainPid: 0, result });
  };
  const kernel = (message: string) => pending.push({ at: w.t, entry: { priority: 3, unit: '', pid: null, fields: { SYSLOG_IDENTIFIER: 'kernel' }, message } });
  start();
  return {
    name: 'memory-leak', host: 'reports1', world: w,
    step(dt) {
      advance(w, dt);
      const p = reportd();
      if (p) {
        p.rssBytes += DEMO_LEAK * dt;
        if (p.rssBytes >= DEMO_LIMIT) {
          oomKills++;
          kernel(`oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=${CGROUP},task_memcg=${CGROUP},task=python3,pid=${p.pid},uid=998`);
          kernel(`Memory cgroup out of memory: Killed process ${p.pid} (python3) total-vm:${Math.round(p.rssBytes / 1024 + 20000)}kB, anon-rss:${Math.round(p.rssBytes / 1024)}kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:4200kB oom_score_adj:0`);
          pending.push({ at: w.t, entry: systemdLine(UNIT, "Failed with result 'oom-kill'.", 4) });
          gone('oom-kill');
          restartAt = w.t + 5;
        }
      } else if (restartAt !== null && w.t >= restartAt && !stopped) {
        restartAt = null;
        w.units.set(UNIT, { ...w.units.get(UNIT)!, nRestarts: w.units.get(UNIT)!.nRestarts + 1 });
        pending.push({ at: w.t, entry: systemdLine(UNIT, 'Scheduled restart job, restart counter is at 1.') });
        start();
      }
    },
    takeLogs: (at) => drainLogs(pending, at),
    journal: () => ({ storage: 'auto', volatile: false, storagePath: '/var/log/journal/0c5d2e7a9b1f4a3c8d6e5f4a3b2c1d0e' }),
    memory(): MemoryCounters {
      const usage = reportd()?.rssBytes ?? 0;
      return {
        dirty: 4e6, writeback: 0, reclaimable: 300e6, shmem: 20e6, pswpin: 0, pswpout: 0, pgmajfault: 1000 + Math.round(w.t),
        psi: { someAvg10: usage > 0.8 * DEMO_LIMIT ? 6 : 0, someAvg60: 0, fullAvg10: usage > 0.9 * DEMO_LIMIT ? 3 : 0, fullAvg60: 0 },
        cgroups: [{ path: CGROUP, version: 2, usage: Math.round(usage), limit: DEMO_LIMIT, events: { high: 0, max: oomKills * 40 + (usage > 0.95 * DEMO_LIMIT ? 3 : 0), oom: oomKills, oomKill: oomKills } }],
        processes: w.processes.map((p) => ({ pid: p.pid, startTicks: p.startTicks, anon: Math.round(p.rssBytes * 0.9), file: Math.round(p.rssBytes * 0.1), shmem: 0, swap: 0 })),
      };
    },
    act(intent: Intent): ActionOutcome {
      if (intent.kind === 'signal') {
        const p = w.processes.find((x) => x.pid === intent.target.pid && x.startTicks === intent.target.startTicks);
        if (!p) return { ok: false, text: `no process ${intent.target.pid}` };
        if (p.cgroup === CGROUP) {
          gone('signal');
          restartAt = w.t + 5;
        } else w.processes = w.processes.filter((x) => x !== p);
        return { ok: true, text: `sent ${intent.signal} to ${p.pid} (${p.comm})` };
      }
      if (intent.kind === 'service' && intent.target.unit === UNIT) {
        if (intent.verb === 'stop') {
          stopped = true;
          gone('success');
          return { ok: true, text: `stopped ${UNIT}` };
        }
        gone('success');
        stopped = false;
        start();
        return { ok: true, text: `restarted ${UNIT}` };
      }
      return { ok: false, text: 'not simulated in this demo' };
    },
  };
}
