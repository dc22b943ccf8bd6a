/**
 * The Disks pane against real filesystems: loop-mounted ext4 images filled by a
 * real unprivileged writer, read by the built sitrep (snapshot and in tmux).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const ready = requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, loop mounts, mkfs.ext4, setpriv, tmux and dist/');
const MB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

interface FsReport {
  mount: string; availBytes: number; reservedBytes: number; fillRateBytesPerSec: number | null;
  secondsToFull: number | null; secondsToFullRoot: number | null;
  inodes: { total: number; used: number; fillRatePerSec: number | null; secondsToFull: number | null } | null;
}

function snapshot(mount: string, seconds: number): FsReport {
  const out = execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', String(seconds)], { encoding: 'utf8' });
  const fs = (JSON.parse(out).filesystems as Array<FsReport & { mounts: string[] }>).find((f) => f.mounts.includes(mount));
  if (!fs) throw new Error(`${mount} not in the snapshot`);
  return fs;
}

/** Starts the paced writer as nobody: root could write into the reserved blocks. */
function unprivilegedWriter(file: string, bytesPerSecond: number): ChildProcess {
  const child = spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, WRITER, file, String(bytesPerSecond)], { stdio: 'ignore' });
  cleanups.push(() => child.kill('SIGKILL'));
  return child;
}

describe.runIf(ready)('Disks on a real loop-mounted ext4', () => {
  it('reports the fill rate and time to full within 25%, then 0 available with root reserve, in JSON and on screen', { timeout: 150_000 }, async () => {
    const fs = new LoopFs('fill', 384, ['-m', '5']);
    cleanups.push(() => fs.unmount());
    const file = join(fs.mountPoint, 'mod_gzip.cache');
    writeFileSync(file, '');
    execFileSync('chown', ['65534:65534', file]);
    unprivilegedWriter(file, 20 * MB);
    const t0 = Date.now();
    const size0 = statSync(file).size;
    const report = snapshot(fs.mountPoint, 3);
    const trueRate = (statSync(file).size - size0) / ((Date.now() - t0) / 1000);
    expect(trueRate).toBeGreaterThan(10 * MB);
    expect(report.fillRateBytesPerSec!).toBeGreaterThan(trueRate * 0.75);
    expect(report.fillRateBytesPerSec!).toBeLessThan(trueRate * 1.25);
    const trueRemaining = report.availBytes / trueRate;
    expect(report.secondsToFull!).toBeGreaterThan(trueRemaining * 0.75);
    expect(report.secondsToFull!).toBeLessThan(trueRemaining * 1.25);

    // The writer fills the last blocks with small writes after its first ENOSPC.
    expect(await eventually(() => fs.stat().bavail === 0, 90_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    const full = snapshot(fs.mountPoint, 3);
    expect(full.availBytes).toBe(0);
    expect(full.reservedBytes).toBeGreaterThan(10 * MB);
    expect(Math.abs(full.fillRateBytesPerSec ?? 0)).toBeLessThan(256 * 1024);

    const tmux = new TmuxSession('disks-full', 140, 45, `node ${SITREP}`);
    cleanups.push(() => tmux.kill());
    const screen = await tmux.waitFor((s) => /0 B available — [\d.]+M reserved for root/.test(s), 10_000, 'reserve wording');
    const row = screen.split('\n').find((l) => l.includes(fs.mountPoint.slice(-20)));
    expect(row).toContain('FULL (users)');
    tmux.kill();
  });

  it('shows inodes as the binding limit on a filesystem with few inodes', async () => {
    const fs = new LoopFs('inodes', 64, ['-N', '2000', '-m', '0']);
    cleanups.push(() => fs.unmount());
    const maker = spawn(process.execPath, ['-e', `
      const fs = require('node:fs'); let i = 0;
      setInterval(() => { for (let k = 0; k < 10; k++) { try { fs.writeFileSync(process.argv[1] + '/f' + (i++), ''); } catch { } } }, 50);
    `, fs.mountPoint], { stdio: 'ignore' });
    cleanups.push(() => maker.kill('SIGKILL'));
    const report = snapshot(fs.mountPoint, 3);
    expect(report.inodes!.fillRatePerSec!).toBeGreaterThan(100);
    expect(report.inodes!.secondsToFull!).toBeGreaterThan(0);
    // inodes are the binding limit: blocks (directory blocks grow with the entries) run out later, if at all
    expect(report.secondsToFull === null || report.secondsToFull > report.inodes!.secondsToFull!).toBe(true);
    const tmux = new TmuxSession('disks-inodes', 160, 45, `node ${SITREP}`);
    cleanups.push(() => tmux.kill());
    const screen = await tmux.waitFor((s) => /inodes (full in|run out first)|FULL \(inodes\)/.test(s), 10_000, 'inode wording');
    expect(screen).toMatch(/inodes run out first: \d+\/\d+ used/);
    tmux.kill();
  });

  it('shows hostile mount paths sanitized and correct', async () => {
    const base = '/srv/sitrep-test';
    const paths = [join(base, `with space-${process.pid}`), join(base, `esc\x1b[31mred\x1b]0;pwn\x07-${process.pid}`)];
    for (const p of paths) {
      execFileSync('mkdir', ['-p', p]);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', p]);
      cleanups.push(() => {
        execFileSync('umount', ['-l', p]);
        execFileSync('rmdir', [p]);
      });
    }
    const tmux = new TmuxSession('disks-hostile', 140, 50, `node ${SITREP}`);
    cleanups.push(() => tmux.kill());
    const screen = await tmux.waitFor((s) => s.includes(`with space-${process.pid}`) && s.includes(`escred-${process.pid}`), 10_000, 'hostile mounts');
    expect(screen).toContain(`/srv/sitrep-test/with space-${process.pid}`);
    const raw = tmux.screen(true);
    for (const line of raw.split('\n').filter((l) => l.includes(String(process.pid)))) {
      expect(line.replace(/\x1b\[[\d;]*m/g, '')).not.toMatch(/[\x00-\x1f\x7f]/);
    }
    expect(tmux.format('#{pane_title}')).not.toContain('pwn');
    tmux.kill();
  });
});
