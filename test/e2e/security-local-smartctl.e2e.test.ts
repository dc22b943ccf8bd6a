/**
 * Issue 28 item 10: a smartctl that hangs and ignores SIGTERM. In a private
 * mount namespace a fake smartctl (it records its pid, ignores SIGTERM and
 * sleeps) is where sitrep looks for the tool. The overlay must give up on it
 * at the timeout, and no fake may outlive sitrep: its process group is
 * killed with SIGKILL at the timeout and at exit.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const hasLsblk = spawnSync('lsblk', ['--version']).status === 0;
const canUnshare = process.getuid?.() === 0 && spawnSync('unshare', ['--mount', 'true']).status === 0;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.runIf(requireOrSkip(canUnshare && hasTmux() && hasLsblk && existsSync(SITREP), 'needs root, unshare, tmux, lsblk and dist/'))('a smartctl that hangs (issue 28 item 10)', () => {
  const dir = join(TEST_ROOT, `i28-smartctl-${process.pid}`);
  const pids = join(dir, 'pids');
  mkdirSync(dir, { recursive: true });
  const fake = join(dir, 'smartctl');
  writeFileSync(fake, `#!/bin/sh\necho $$ >> ${pids}\ntrap '' TERM\nexec sleep 1000\n`);
  chmodSync(fake, 0o755);
  const started = (): number[] => (existsSync(pids) ? readFileSync(pids, 'utf8').trim().split('\n').filter(Boolean).map(Number) : []);
  cleanups.push(() => {
    for (const pid of started()) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  // Where sitrep finds smartctl: over the real one if installed, else in /usr/local/sbin (a private tmpfs).
  const place = existsSync('/usr/sbin/smartctl')
    ? `mount --bind ${fake} /usr/sbin/smartctl`
    : `mount -t tmpfs tmpfs /usr/local/sbin && cp ${fake} /usr/local/sbin/smartctl`;
  const command = (extra: string) => `unshare --mount --propagation private sh -c '${place} && exec node ${SITREP}${extra}'`;

  it('i gives up on it at the timeout and the fake is killed; q leaves none running', async () => {
    rmSync(pids, { force: true });
    const t = new TmuxSession('i28-smart', 140, 40, command(''));
    cleanups.push(() => t.kill());
    await t.waitFor((s) => s.includes('Disks'), 15_000, 'the console');
    t.send('i');
    await t.waitFor(() => started().length > 0, 15_000, 'the fake smartctl started');
    const screen = await t.waitFor((s) => s.includes('smartctl did not answer'), 30_000, 'the overlay gives up on smartctl');
    expect(screen).not.toContain('reading the hardware');
    await t.waitFor(() => started().every((pid) => !alive(pid)), 10_000, 'every fake killed at the timeout');
    t.send('q');
  }, 90_000);

  it('q while smartctl hangs leaves no fake behind (its group is killed at exit)', async () => {
    rmSync(pids, { force: true });
    const t = new TmuxSession('i28-smart-q', 140, 40, `${command('')}; sleep 60`);
    cleanups.push(() => t.kill());
    await t.waitFor((s) => s.includes('Disks'), 15_000, 'the console');
    t.send('i');
    await t.waitFor(() => started().length > 0, 15_000, 'the fake smartctl started');
    t.send('q');
    await t.waitFor((s) => !s.includes('Disks'), 10_000, 'sitrep gone');
    await t.waitFor(() => started().every((pid) => !alive(pid)), 5000, 'no fake smartctl left running');
    expect(started().filter(alive)).toEqual([]);
    // and none reparented to pid 1
    const orphans = execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' }).split('\n').filter((l) => started().some((p) => l.trim().startsWith(`${p} `)));
    expect(orphans).toEqual([]);
  }, 90_000);
});

describe.runIf(requireOrSkip(canUnshare && hasTmux() && hasLsblk && existsSync(SITREP), 'needs root, unshare, tmux, lsblk and dist/'))('a smartctl that hangs, and the terminal hangs up (issue 28 item 10)', () => {
  it('a hang-up (SIGHUP, sitrep dies of it) leaves no fake behind either', async () => {
    const dir = join(TEST_ROOT, `i28-smartctl-hup-${process.pid}`);
    const pids = join(dir, 'pids');
    mkdirSync(dir, { recursive: true });
    const fake = join(dir, 'smartctl');
    writeFileSync(fake, `#!/bin/sh\necho $$ >> ${pids}\ntrap '' TERM\nexec sleep 1000\n`);
    chmodSync(fake, 0o755);
    const started = (): number[] => (existsSync(pids) ? readFileSync(pids, 'utf8').trim().split('\n').filter(Boolean).map(Number) : []);
    cleanups.push(() => {
      for (const pid of started()) if (alive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    const place = existsSync('/usr/sbin/smartctl') ? `mount --bind ${fake} /usr/sbin/smartctl` : `mount -t tmpfs tmpfs /usr/local/sbin && cp ${fake} /usr/local/sbin/smartctl`;
    const t = new TmuxSession('i28-smart-hup', 140, 40, `unshare --mount --propagation private sh -c '${place} && exec node ${SITREP}'`);
    cleanups.push(() => t.kill());
    await t.waitFor((s) => s.includes('Disks'), 15_000, 'the console');
    t.send('i');
    await t.waitFor(() => started().length > 0, 15_000, 'the fake smartctl started');
    t.kill(); // the terminal hangs up
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && started().some(alive)) await new Promise((r) => setTimeout(r, 100));
    expect(started().filter(alive)).toEqual([]);
  }, 90_000);
});
