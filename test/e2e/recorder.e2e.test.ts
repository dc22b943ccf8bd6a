/**
 * The flight recorder for real (issue 15): `record --store` as its own process
 * on this machine, killed with SIGKILL mid-segment; its store on a small loop
 * ext4 that another user fills (the free-space floor); a real writer found
 * again at a moment of the past; a planted symlink segment refused by name;
 * and `recorder install` inside a real systemd.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs, TEST_ROOT } from '../support/loopfs.js';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const ready = requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, loop mounts, tmux and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // the rest still runs
  }
}));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A recorder on `store`; its stderr collected. */
function recorder(store: string, args: string[] = []): { child: ChildProcess; log: () => string } {
  let log = '';
  const child = spawn(process.execPath, [SITREP, 'record', '--store', store, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  cleanups.push(() => child.kill('SIGKILL'));
  return { child, log: () => log };
}

type Report = { store: { segments: number; refused: string[]; at: string; problem: string | null }; writers: Array<{ pid: number; busiestFile: string | null; writeBytesPerSec: number }>; filesystems: Array<{ mount: string; fillRateBytesPerSec: number | null }> };
const snapshot = (store: string, at?: string): Report =>
  JSON.parse(execFileSync(process.execPath, [SITREP, 'snapshot', '--json', '--store', store, ...(at ? ['--at', at] : [])], { encoding: 'utf8' })) as Report;

describe.runIf(ready)('the flight recorder', () => {
  const root = join(TEST_ROOT, `recorder-${process.pid}`);
  mkdirSync(root, { recursive: true });
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));

  it('killed with SIGKILL mid-segment: the store reads up to its last flush, with a note, and a planted symlink segment is refused by name', async () => {
    const store = join(root, 'kill');
    const r = recorder(store, ['--interval', '0.5']);
    await sleep(7000);
    r.child.kill('SIGKILL');
    const killedAt = Date.now();
    await sleep(300);
    expect(readdirSync(store).some((n) => n.endsWith('.rec.gz.part'))).toBe(true);
    symlinkSync('/etc/shadow', join(store, 'sitrep-20200101T000000Z.rec.gz'));
    const report = snapshot(store);
    expect(report.store.refused).toEqual(['sitrep-20200101T000000Z.rec.gz is a symlink: left out']);
    expect(report.store.problem).toMatch(/ends early .*truncated/);
    // at most one flush (2 s) and one interval lost
    expect(killedAt - Date.parse(report.store.at)).toBeLessThan(2000 + 500 + 400);
    expect(statSync(store).mode & 0o777).toBe(0o700);
    expect(readdirSync(store).filter((n) => n.includes('.rec.gz') && !n.startsWith('sitrep-2020')).every((n) => (statSync(join(store, n)).mode & 0o777) === 0o600)).toBe(true);
  }, 30_000);

  it('a real writer, found again at a moment of the past: snapshot --store --at and replay --store --at show it, its file and the fill rate', async () => {
    const fs = new LoopFs('rec-writer', 512);
    cleanups.push(() => fs.unmount());
    const store = join(root, 'travel');
    const r = recorder(store, ['--interval', '1']);
    await sleep(3000);
    const started = Date.now();
    const file = join(fs.mountPoint, 'upload-cache.bin');
    const writer = spawn('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, WRITER, file, String(4 * 2 ** 20)], { stdio: 'ignore' });
    cleanups.push(() => writer.kill('SIGKILL'));
    await sleep(12_000);
    writer.kill('SIGKILL');
    await sleep(3000);
    r.child.kill('SIGTERM');
    await eventually(() => r.child.exitCode !== null, 5000);
    const at = new Date(started + 6000).toISOString();
    const report = snapshot(store, at);
    const w = report.writers.find((x) => x.busiestFile === file);
    expect(w, JSON.stringify(report.writers)).toBeDefined();
    expect(w!.writeBytesPerSec).toBeGreaterThan(2 ** 20);
    expect(report.filesystems.find((f) => f.mount === fs.mountPoint)?.fillRateBytesPerSec ?? 0).toBeGreaterThan(2 ** 20);
    expect(Math.abs(Date.parse(report.store.at) - Date.parse(at))).toBeLessThan(1500);
    const local = new Date(started + 6000);
    const two = (n: number) => String(n).padStart(2, '0');
    const s = new TmuxSession('rec-replay', 140, 45, `${process.execPath} ${SITREP} replay --store ${store} --at ${local.getFullYear()}-${two(local.getMonth() + 1)}-${two(local.getDate())}T${two(local.getHours())}:${two(local.getMinutes())}:${two(local.getSeconds())}`);
    cleanups.push(() => s.kill());
    // The clock may be cut to `REPLAY 06:39:1…` while the status line shows a note (the recorder's alerts are notes in the store).
    const screen = await s.waitFor((t) => t.includes('upload-cache.bin') && /REPLAY \d\d:\d\d:\d/.test(t), 10_000, 'the writer in the replayed past');
    expect(screen).toContain(fs.mountPoint.slice(-20));
    s.send('q');

    // H in the live console: the store's past (5 minutes ago: its start here), and back to LIVE
    const live = new TmuxSession('rec-history', 140, 45, `env SITREP_STORE=${store} ${process.execPath} ${SITREP}`);
    cleanups.push(() => live.kill());
    await live.waitFor((t) => t.includes('PID USER') && t.includes('LIVE'), 10_000, 'the live console');
    live.send('H');
    await live.waitFor((t) => /REPLAY \d\d:\d\d:\d\d .* · H live/.test(t), 10_000, 'the recorded past');
    live.send('H');
    await live.waitFor((t) => t.includes('LIVE') && !t.includes('REPLAY'), 10_000, 'back to live');
    live.send('q');
  }, 90_000);

  it('on a small filesystem another user fills: pauses before the floor, never meets ENOSPC, resumes when the file is deleted', async () => {
    const fs = new LoopFs('rec-floor', 64);
    cleanups.push(() => fs.unmount());
    const store = join(fs.mountPoint, 'store');
    const r = recorder(store, ['--interval', '0.5']);
    await sleep(3000);
    const file = join(fs.mountPoint, 'filler.bin');
    const writer = spawn('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, WRITER, file, String(40 * 2 ** 20)], { stdio: 'ignore' });
    cleanups.push(() => writer.kill('SIGKILL'));
    expect(await eventually(() => r.log().includes('paused:'), 20_000)).toBe(true);
    const sizeAt = () => readdirSync(store).reduce((n, f) => n + statSync(join(store, f)).size, 0);
    const paused = sizeAt();
    await sleep(4000);
    expect(sizeAt()).toBe(paused);
    writer.kill('SIGKILL');
    rmSync(file);
    expect(await eventually(() => r.log().includes('resumed'), 10_000)).toBe(true);
    await sleep(3000);
    expect(r.log()).not.toMatch(/ENOSPC|failed/);
    r.child.kill('SIGTERM');
    await eventually(() => r.child.exitCode !== null, 5000);
    const report = snapshot(store);
    expect(report.store.segments).toBeGreaterThanOrEqual(2);
    expect(Date.now() - Date.parse(report.store.at)).toBeLessThan(5000);
  }, 60_000);

  it('retention: with --max-size 1M the store, the segment being written included, stays under 1 MiB, the oldest going first', async () => {
    const store = join(root, 'retain');
    // Processes with random command lines make each segment's first sample (a keyframe) large: the bound is reached in
    // seconds. Each keyframe (~90 kB) fits the 1 s window's share (256 KiB, store-budget.ts).
    const sleepers: ChildProcess[] = [];
    for (let i = 0; i < 600; i++) sleepers.push(spawn('sh', ['-c', 'sleep 600; :', 'pad', randomBytes(150).toString('base64')], { stdio: 'ignore' }));
    cleanups.push(() => sleepers.forEach((p) => p.kill('SIGKILL')));
    await sleep(2000);
    const r = recorder(store, ['--interval', '0.2', '--segment', '1s', '--max-size', '1M']);
    let first = '';
    let maxSeen = 0;
    let dropped = false;
    let seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      await sleep(1000);
      if (!existsSync(store)) continue; // a loaded machine may take a while to start it
      const names = readdirSync(store).sort();
      seen = names;
      const sizes = names.map((n) => statSync(join(store, n), { throwIfNoEntry: false })?.size ?? 0);
      const total = sizes.reduce((a, b) => a + b, 0);
      maxSeen = Math.max(maxSeen, total);
      if (!first) first = names[0] ?? '';
      else if (names[0]! > first) dropped = true;
      if (dropped && i > 15) break;
    }
    r.child.kill('SIGTERM');
    expect(dropped, `first ${first}, last seen ${seen.join(' ')}; ${r.log()}`).toBe(true);
    expect(maxSeen).toBeLessThanOrEqual(2 ** 20);
  }, 120_000);
});

describe.runIf(ready)('recorder install without systemd', () => {
  it('prints the unit and one line saying why, and installs nothing', () => {
    const pid1 = spawnSync('cat', ['/proc/1/comm'], { encoding: 'utf8' }).stdout.trim();
    if (pid1 === 'systemd') return;
    const r = spawnSync(process.execPath, [SITREP, 'recorder', 'install', '--store', join(TEST_ROOT, 'no-unit')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[Service]');
    expect(r.stdout).toMatch(/ExecStart=\S+node \S+sitrep\.mjs record --store /);
    expect(r.stdout).toContain(`# no systemd: PID 1 is ${pid1}: not installed.`);
    expect(existsSync('/etc/systemd/system/sitrep-recorder.service')).toBe(false);
  });
});

describe.runIf(ready && canBootSystemd())('recorder install inside a real systemd', () => {
  it('installs an active, sandboxed unit; status reports data; uninstall removes it and keeps the data', async () => {
    const ns = new SystemdNamespace();
    const store = join(TEST_ROOT, `recorder-unit-${process.pid}`);
    cleanups.push(() => {
      ns.run(['node', SITREP, 'recorder', 'uninstall', '--store', store], { allowFail: true });
      ns.stop();
      rmSync('/etc/systemd/system/sitrep-recorder.service', { force: true });
      rmSync(store, { recursive: true, force: true });
    });
    const out = ns.run(['node', SITREP, 'recorder', 'install', '--store', store, '--interval', '1']);
    expect(out).toContain('installed /etc/systemd/system/sitrep-recorder.service');
    const active = await eventually(() => ns.run(['systemctl', 'is-active', 'sitrep-recorder.service'], { allowFail: true }).trim() === 'active', 10_000);
    expect(active, ns.run(['systemctl', 'status', '--no-pager', '-l', 'sitrep-recorder.service'], { allowFail: true }) + ns.run(['journalctl', '--no-pager', '-n', '20', '-u', 'sitrep-recorder.service'], { allowFail: true })).toBe(true);
    const show = ns.run(['systemctl', 'show', '--no-pager', '-p', 'Nice,IOSchedulingClass,MemoryMax,CPUQuotaPerSecUSec,ProtectSystem,ProtectHome,NoNewPrivileges,ReadWritePaths,ExecStart', 'sitrep-recorder.service']);
    expect(show).toMatch(/^Nice=10$/m);
    expect(show).toMatch(/^IOSchedulingClass=idle$|^IOSchedulingClass=3$/m);
    expect(show).toMatch(/^MemoryMax=268435456$/m);
    expect(show).toMatch(/^CPUQuotaPerSecUSec=200ms$/m);
    expect(show).toMatch(/^ProtectSystem=strict$/m);
    expect(show).toMatch(/^ProtectHome=read-only$/m);
    expect(show).toMatch(/^NoNewPrivileges=yes$/m);
    expect(show).toContain(`ReadWritePaths=${store}`);
    expect(show).toContain(process.execPath);
    // data within one interval (1 s here) of the unit starting, and a flush
    expect(await eventually(() => /store: .*: [1-9]\d* segments/.test(ns.run(['node', SITREP, 'recorder', 'status', '--store', store])), 5000), ns.run(['node', SITREP, 'recorder', 'status', '--store', store]) + ns.run(['journalctl', '--no-pager', '-n', '20', '-u', 'sitrep-recorder.service'], { allowFail: true })).toBe(true);
    const status = ns.run(['node', SITREP, 'recorder', 'status', '--store', store]);
    expect(status).toMatch(/service: sitrep-recorder.service loaded, active \(running\)/);
    expect(status).toMatch(/the recorder stops at \d+ MiB/);
    const removed = ns.run(['node', SITREP, 'recorder', 'uninstall', '--store', store]);
    expect(removed).toContain('the data in');
    expect(existsSync('/etc/systemd/system/sitrep-recorder.service')).toBe(false);
    expect(readdirSync(store).length).toBeGreaterThan(0);
    spawnSync('true');
  }, 360_000); // it may first wait for another test file's systemd namespace to stop (one at a time)
});
