/**
 * OOM kills from the kernel's own log (/dev/kmsg), with no journal at all: a
 * real python3 OOM-killed in a 64 MiB memory cgroup, before sitrep starts (it
 * must still show, from the kernel's buffer) and while it runs. sitrep runs in a
 * private mount namespace whose /var/log and /run are empty (as in
 * no-journal.e2e.test.ts). Then with journald there too (systemd in a PID
 * namespace, whose journald reads /dev/kmsg): the kill is counted once.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryCgroups, oomKill } from '../support/oom.js';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const root = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v unshare && command -v python3']).status === 0;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
let n = 0;
const cgroupName = () => `sitrep-kmsg-${process.pid}-${++n}`;

/** argv running `command` where there is no journal and no syslog file. */
const noJournal = (command: string) => ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', `mount -t tmpfs tmpfs /var/log && mount -t tmpfs tmpfs /run && exec ${command}`];

const readlinkSafe = (path: string) => {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
};

interface OomReport { time: string; victim: string; pid: number | null; cgroup: string | null; message: string }
interface LogReport { source: string | null; kernel: { source: string | null; problem: string | null } | null; oomKills: OomReport[]; crashes: Array<{ unit: string; count10m: number }> }

function snapshotWithoutJournal(): LogReport {
  const [cmd, ...args] = noJournal(`node ${SITREP} snapshot --json --duration 1`);
  return JSON.parse(execFileSync(cmd!, args, { encoding: 'utf8' })).log;
}

describe.runIf(requireOrSkip(root && memoryCgroups() !== null && existsSync(SITREP), 'needs root, unshare, python3, memory cgroups and dist/'))('OOM kills from /dev/kmsg', () => {
  it('a kill done before sitrep starts is in snapshot --json, with pid, name, cgroup and its own time', async () => {
    const victim = await oomKill(cgroupName());
    const log = snapshotWithoutJournal();
    expect(log.source).toBeNull();
    expect(log.kernel).toEqual({ source: '/dev/kmsg', problem: null });
    const mine = log.oomKills.filter((o) => o.pid === victim.pid);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ victim: 'python3', cgroup: victim.cgroup });
    expect(mine[0]!.message).toMatch(new RegExp(`out of memory: Killed process ${victim.pid} \\(python3\\)`));
    // placed at the kill (the kernel's monotonic stamp), not when sitrep read it
    expect(Math.abs(Date.parse(mine[0]!.time) - victim.diedAt)).toBeLessThan(3000);
  });

  it('a kill while snapshot --json runs is in its log.oomKills', async () => {
    const [cmd, ...args] = noJournal(`node ${SITREP} snapshot --json --duration 3`);
    const child = spawn(cmd!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const done = new Promise((r) => child.on('close', r));
    // unshare and sh exec into node: once that pid holds /dev/kmsg open, sitrep is reading it
    const reading = () => {
      try {
        return readdirSync(`/proc/${child.pid}/fd`).some((fd) => readlinkSafe(`/proc/${child.pid}/fd/${fd}`) === '/dev/kmsg');
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 10_000;
    while (!reading() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(reading()).toBe(true);
    const victim = await oomKill(cgroupName());
    await done;
    const log: LogReport = JSON.parse(out).log;
    expect(log.oomKills.filter((o) => o.pid === victim.pid)).toEqual([expect.objectContaining({ victim: 'python3', cgroup: victim.cgroup })]);
  });

  it.runIf(hasTmux())('the console shows a kill done before it started, and one done while it runs within 2 s', async () => {
    const before = await oomKill(cgroupName());
    const s = new TmuxSession('kmsg-oom', 150, 40, noJournal(`node ${SITREP}`).map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' '));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('OOM kills 10m:') && t.includes(`python3 (${before.pid})`), 10_000, 'the earlier kill in the Log pane');
    const during = await oomKill(cgroupName());
    const screen = await s.waitFor((t) => t.includes(`python3 (${during.pid})`), 2000, 'the new kill within 2 s');
    expect(Date.now() - during.diedAt).toBeLessThanOrEqual(2000);
    expect(screen).toContain(`python3 (${before.pid})`);
    // no journal, no syslog: the kernel's own lines are in the tail
    expect(screen).toContain(`kernel: Memory cgroup out of memory: Killed process ${during.pid} (python3)`);
    s.send('q');
  });
});

describe.runIf(requireOrSkip(root && existsSync(SITREP) && spawnSync('setpriv', ['--version']).status === 0, 'needs root, setpriv and dist/'))('/dev/kmsg not readable', () => {
  const asNobody = (argv: string[]) => ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', ...argv];

  it('fails soft for a user who may not read it (dmesg_restrict): the snapshot and the console say why', async () => {
    const restricted = readFileSync('/proc/sys/kernel/dmesg_restrict', 'utf8').trim() === '1';
    const [cmd, ...args] = asNobody(['node', SITREP, 'snapshot', '--json', '--duration', '1']);
    const log: LogReport = JSON.parse(execFileSync(cmd!, args, { encoding: 'utf8' })).log;
    if (!restricted) return expect(log.kernel?.source).toBe('/dev/kmsg');
    expect(log.kernel).toEqual({ source: null, problem: expect.stringMatching(/^cannot read \/dev\/kmsg: permission denied \(kernel\.dmesg_restrict=1: needs root or CAP_SYSLOG\)/) });
    if (!hasTmux()) return;
    const s = new TmuxSession('kmsg-nobody', 150, 40, asNobody(['node', SITREP]).join(' '));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('kernel log: cannot read /dev/kmsg'), 10_000, 'the note');
    s.send('q');
  });
});

describe.runIf(requireOrSkip(root && memoryCgroups() !== null && canBootSystemd() && existsSync(SITREP), 'needs root, python3, memory cgroups, systemd and dist/'))('OOM kills with journald too', () => {
  it('one kill, one segfault and their lines are counted once although journald carries the kernel lines too', async () => {
    const ns = new SystemdNamespace();
    cleanups.push(() => ns.stop());
    const victim = await oomKill(cgroupName());
    // a segfault under a name of its own: the kernel's "NAME[PID]: segfault at 0" line
    const name = `segv${process.pid % 100_000}${n}`;
    spawnSync('python3', ['-c', `open('/proc/self/comm', 'w').write('${name}')\nimport ctypes\nctypes.string_at(0)`]);
    // journald in the namespace reads /dev/kmsg: its copies are there, as on a server
    const deadline = Date.now() + 10_000;
    let journal = '';
    while (Date.now() < deadline && !(journal.includes(`Killed process ${victim.pid} (python3)`) && journal.includes(`${name}[`))) journal = ns.run(['journalctl', '-k', '-o', 'cat', '--no-pager'], { allowFail: true });
    expect(journal).toContain(`Killed process ${victim.pid} (python3)`);
    expect(journal).toContain(`${name}[`);
    const report = JSON.parse(ns.run(['node', SITREP, 'snapshot', '--json', '--duration', '2']));
    const log: LogReport & { recent: Array<{ message: string }> } = report.log;
    expect(log.source).toBe('journald');
    expect(log.kernel?.source).toBe('/dev/kmsg');
    const mine = log.oomKills.filter((o) => o.pid === victim.pid);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ victim: 'python3', cgroup: victim.cgroup });
    expect(log.crashes.filter((c) => c.unit === name).map((c) => c.count10m)).toEqual([1]);
    expect(log.recent.filter((l) => l.message.startsWith(`${name}[`) && l.message.includes('segfault at')).length).toBe(1);
    ns.stop();
  });
});
