/**
 * Issue 29, arriving late at a disk incident: sitrep starts after the disk
 * filled. A writer running as nobody filled a loop ext4 (-m 5) and keeps
 * retrying (ENOSPC); a parent and three forked children each write their own
 * file; a creator of small files uses up a `-N 4000` filesystem's inodes.
 * Real processes, real filesystems, the built sitrep in a real tmux.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statfsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { descendants, isAlive } from '../support/processes.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const ready = requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, loop mounts, mkfs.ext4, setpriv, tmux and dist/');
const MB = 1024 * 1024;
const asNobody = ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath];
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const track = (c: ChildProcess): ChildProcess => (cleanups.push(() => c.kill('SIGKILL')), c);

interface Suspect { filesystem: string; blocked: boolean; lifetimeWriteBytes: number; wroteHereBytes: number; since: string | null; files: Array<{ path: string; sizeBytes: number }> }
interface WriterReport {
  pid: number; command: string; user: string; unit: string | null; cgroup: string; busiestFile: string | null;
  suspect?: Suspect | null; creatingFilesIn?: { path: string; mount: string; cwd: boolean } | null;
}

function snapshot(seconds: number): { writers: WriterReport[] } {
  return JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', String(seconds)], { encoding: 'utf8', maxBuffer: 64 * MB }));
}

/** wchar and syscw of a process. */
function calls(pid: number): { wchar: number; syscw: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)![1]);
  return { wchar: field('wchar'), syscw: field('syscw') };
}


describe.runIf(ready)('arriving late: who filled the disk, forks, the inode creator', () => {
  it('names the writer that filled the disk before sitrep started: first screen, snapshot, filter and K', async () => {
    const fs = new LoopFs('i29w-full', 256, ['-m', '5']);
    cleanups.push(() => fs.unmount());
    const file = join(fs.mountPoint, 'apache-access.log');
    const writer = track(spawn('setpriv', [...asNobody, resolve('test/support/writer.mjs'), file, String(64 * MB), 'retry'], { stdio: 'ignore' }));
    const pid = writer.pid!;
    // Full for users, and the writer still trying: write() calls rise while nothing is written.
    expect(await eventually(() => { const s = statfsSync(fs.mountPoint); return s.bavail * s.bsize < MB; }, 30_000), 'the disk filled').toBe(true);
    let before = calls(pid);
    expect(await eventually(() => {
      const now = calls(pid);
      const failing = now.syscw > before.syscw && now.wchar === before.wchar;
      before = now;
      return failing;
    }, 10_000), 'the writer retries and fails').toBe(true);

    // Only now does sitrep start.
    const report = snapshot(2);
    const w = report.writers.find((r) => r.pid === pid);
    expect(w, JSON.stringify(report.writers.map((r) => [r.pid, r.command]))).toBeDefined();
    expect(w!.user).toBe('nobody');
    expect(w!.suspect).toMatchObject({ filesystem: fs.mountPoint, blocked: true });
    expect(w!.suspect!.files.map((f) => f.path)).toContain(file);
    expect(w!.suspect!.wroteHereBytes).toBeGreaterThan(100 * MB);
    expect(w!.suspect!.since).not.toBeNull();
    const group = w!.unit ?? w!.cgroup;

    const s = new TmuxSession('i29w-full', 160, 50, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('Writers'), 10_000, 'the first frame');
    const firstFrame = Date.now();
    const screen = await s.waitFor((t) => t.split('\n').some((l) => l.includes(`${pid} `) && l.includes('blocked: writes failing') && l.includes('apache-access.log')), 3000, 'the culprit within 3 s');
    expect(Date.now() - firstFrame).toBeLessThan(3000);
    const lines = screen.split('\n');
    const heading = lines.findIndex((l) => l.includes(`FULL ${fs.mountPoint}`));
    const row = lines.findIndex((l) => l.includes(`${pid} `) && l.includes('blocked: writes failing'));
    expect(heading, screen).toBeGreaterThanOrEqual(0);
    expect(row).toBeGreaterThan(heading);
    // Its group (unit or cgroup) heads it, as a suspect of the full filesystem.
    const groupLine = lines.slice(heading, row).reverse().find((l) => l.includes('▾'))!;
    expect(groupLine).toContain(group.slice(0, 30));
    expect(groupLine).toContain(`suspects of full ${fs.mountPoint}`);

    // The filter finds it.
    s.send('2');
    s.send('\\');
    s.type('apache');
    s.send('Enter');
    const filtered = await s.waitFor((t) => t.includes(`${pid} `) && !t.includes('no writer matches'), 3000, 'the filter keeps the culprit');
    expect(filtered).toContain('blocked: writes failing');

    // K from its row acts on it (locked by pid and start time like any row).
    await s.selectLine(`${pid} `);
    s.send('K');
    await s.waitFor((t) => t.includes(`Send a signal to ${pid}?`), 3000, 'kill dialog');
    s.send('y');
    await s.waitFor((t) => new RegExp(`sent TERM to ${pid} \\(node\\)`).test(t), 6000, 'outcome');
    expect(await eventually(() => !isAlive(pid), 3000)).toBe(true);
    s.kill();
  });

  it('charges a parent and three forked children each with its own file, twice in a row', async () => {
    const fs = new LoopFs('i29w-forks', 512, ['-m', '1']);
    cleanups.push(() => fs.unmount());
    const parent = track(spawn(process.execPath, [resolve('test/support/fork-writers.mjs'), fs.mountPoint], { stdio: 'ignore' }));
    expect(await eventually(() => descendants(parent.pid!).length >= 3, 5000)).toBe(true);
    const children = descendants(parent.pid!);
    cleanups.push(() => children.forEach((c) => { try { process.kill(c, 'SIGKILL'); } catch { /* gone */ } }));
    // All four are writing: each one's file has bytes.
    const cache = (n: number) => join(fs.mountPoint, `cache-000${n}.gz`);
    expect(await eventually(() => [0, 1, 2, 3].every((n) => existsSync(cache(n)) && statSync(cache(n)).size > 0), 10_000)).toBe(true);
    const own = (w: WriterReport): string => join(fs.mountPoint, `cache-000${w.pid === parent.pid ? 0 : w.command.trim().split(' ').pop()}.gz`);
    for (const round of [1, 2]) {
      const report = snapshot(2);
      const rows = report.writers.filter((w) => w.pid === parent.pid || children.includes(w.pid));
      expect(rows.map((w) => w.pid).sort(), `round ${round}`).toEqual([parent.pid!, ...children].sort());
      for (const w of rows) expect(w.busiestFile, `round ${round}: ${w.pid} ${w.command}`).toBe(own(w));
    }

    // The console: each row names its own file, on two consecutive samples (two clock ticks of the status line).
    const names = new Map([[parent.pid!, 'cache-0000.gz'], ...children.map((c): [number, string] => [c, `cache-000${readFileSync(`/proc/${c}/cmdline`, 'utf8').split('\0').filter(Boolean).pop()}.gz`])]);
    const rowOf = (screen: string, pid: number) => screen.split('\n').find((l) => new RegExp(`^│\\s*${pid}\\s`).test(l)) ?? '';
    const allOwn = (screen: string) => [...names].every(([pid, name]) => rowOf(screen, pid).includes(name));
    const clockOf = (screen: string) => / sitrep \S+ {2}(\d\d:\d\d:\d\d) /.exec(screen)?.[1] ?? null;
    const s = new TmuxSession('i29w-forks', 160, 50, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    const first = await s.waitFor(allOwn, 10_000, 'every row with its own file');
    const seen: string[] = [];
    await s.waitFor((t) => {
      const clock = clockOf(t);
      if (clock && clock !== clockOf(first) && !seen.includes(clock) && [...names.keys()].every((pid) => rowOf(t, pid) !== '')) {
        seen.push(clock);
        expect(allOwn(t), t).toBe(true);
      }
      return seen.length >= 2;
    }, 10_000, 'two more samples');
    s.kill();
  });

  it('puts the creator of small files beside the -N 4000 filesystem whose inodes it uses up', async () => {
    const fs = new LoopFs('i29w-inodes', 64, ['-m', '5', '-N', '4000']);
    cleanups.push(() => fs.unmount());
    const dir = join(fs.mountPoint, 'sessions');
    mkdirSync(dir);
    execFileSync('chown', ['nobody', dir]);
    const creator = track(spawn('setpriv', [...asNobody, resolve('test/support/creator.mjs'), dir, '40'], { stdio: 'ignore' }));
    // It is creating: its first files are there.
    expect(await eventually(() => readdirSync(dir).length >= 5, 10_000)).toBe(true);
    const report = snapshot(3);
    const w = report.writers.find((r) => r.pid === creator.pid);
    expect(w, JSON.stringify(report.writers.map((r) => [r.pid, r.command]))).toBeDefined();
    expect(w!.creatingFilesIn).toEqual({ path: dir, mount: fs.mountPoint, cwd: true });

    const s = new TmuxSession('i29w-inodes', 160, 50, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    const screen = await s.waitFor((t) => t.split('\n').some((l) => l.includes(`${creator.pid} `) && l.includes(`creating files in ${dir} (cwd)`)), 10_000, 'the creator beside its filesystem');
    const row = screen.split('\n').find((l) => l.includes(`${creator.pid} `))!;
    expect(row).toContain(fs.mountPoint.slice(-12));
    s.kill();
  });
});

describe.runIf(requireOrSkip(canBootSystemd() && canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, systemd, loop mounts, tmux and dist/'))('arriving late inside a real systemd', () => {
  it('S from the culprit\'s row stops its unit, started as nobody, which filled the disk before sitrep started', async () => {
    // The loop filesystem is mounted before the namespace boots, so both see it.
    const fs = new LoopFs('i29w-unit', 256, ['-m', '5']);
    cleanups.push(() => fs.unmount());
    const ns = new SystemdNamespace();
    cleanups.push(() => ns.stop());
    const file = join(fs.mountPoint, 'apache-error.log');
    ns.startUnit('i29-logger', [process.execPath, resolve('test/support/writer.mjs'), file, String(64 * MB), 'retry'], { User: 'nobody', Description: 'a logger that filled the disk' });
    expect(await eventually(() => { const st = statfsSync(fs.mountPoint); return st.bavail * st.bsize < MB; }, 30_000), 'the disk filled').toBe(true);
    const mainPid = Number(ns.property('i29-logger', 'MainPID'));
    expect(mainPid).toBeGreaterThan(0);
    expect(ns.run(['stat', '-c', '%U', `/proc/${mainPid}`]).trim()).toBe('nobody');
    const io = () => ns.run(['cat', `/proc/${mainPid}/io`]);
    const field = (text: string, name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(text)![1]);
    let before = io();
    expect(await eventually(() => {
      const now = io();
      const failing = field(now, 'syscw') > field(before, 'syscw') && field(now, 'wchar') === field(before, 'wchar');
      before = now;
      return failing;
    }, 10_000), 'the logger retries and fails').toBe(true);

    const s = new TmuxSession('i29w-unit', 160, 50, ns.wrap(['node', SITREP]).join(' '));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('Writers'), 10_000, 'the first frame');
    const firstFrame = Date.now();
    const screen = await s.waitFor((t) => t.split('\n').some((l) => l.includes(`${mainPid} `) && l.includes('blocked: writes failing') && l.includes('apache-error.log')), 3000, 'the culprit within 3 s');
    expect(Date.now() - firstFrame).toBeLessThan(3000);
    expect(screen).toContain(`i29-logger.service (unit) · suspects of full ${fs.mountPoint}`);
    s.send('2');
    await s.selectLine(`${mainPid} `);
    s.send('S');
    await s.waitFor((t) => t.includes('Stop i29-logger.service?'), 10_000, 'stop dialog');
    s.send('y');
    await s.waitFor((t) => /stopped i29-logger\.service in \d+\.\d s: now inactive/.test(t), 10_000, 'outcome');
    expect(ns.isActive('i29-logger')).not.toBe('active');
    s.kill();
    ns.stop();
  });
});
