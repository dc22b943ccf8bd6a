/**
 * Figures against the real thing: loop ext4 (-m 5) and tmpfs filled to ENOSPC
 * by unprivileged dd with 1 MiB and 4 KiB writes; dirty pages cancelled before
 * writeback; a writer with a quiet file open; a parent reaping writing children.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statfsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs, TEST_ROOT } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const ready = requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, loop mounts, setpriv, tmux and dist/');
const MB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

interface FsReport { mounts: string[]; availBytes: number; reservedBytes: number; fullForUsers: boolean | null; responding: boolean; fillRateBytesPerSec: number | null }
interface WriterReport { pid: number; writeBytesPerSec: number | null; busiestFile: string | null; files: Array<{ path: string }> }
interface Report { filesystems: FsReport[]; writers: WriterReport[] }

function snapshot(seconds: number): Report {
  return JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', String(seconds)], { encoding: 'utf8' }));
}
const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups'];
function track(child: ChildProcess): ChildProcess {
  cleanups.push(() => child.kill('SIGKILL'));
  return child;
}

/** Fills `mount` with dd as nobody in `bs` writes until ENOSPC; returns what statfs says is left. */
function fillAsNobody(mount: string, bs: string): number {
  const dd = spawnSync('setpriv', [...asNobody, 'dd', 'if=/dev/zero', `of=${mount}/fill-${bs}`, `bs=${bs}`, 'status=none'], { encoding: 'utf8' });
  expect(dd.stderr).toContain('No space left on device');
  const s = statfsSync(mount);
  return s.bavail * s.bsize;
}

/** The filesystem at `mount` is FULL and sorted before every filesystem that is not. */
function expectFullAndFirst(report: Report, mount: string): FsReport {
  const index = report.filesystems.findIndex((f) => f.mounts.includes(mount));
  expect(index).toBeGreaterThanOrEqual(0);
  const row = report.filesystems[index]!;
  expect(row.fullForUsers).toBe(true);
  for (const before of report.filesystems.slice(0, index)) expect(before.fullForUsers === true || !before.responding).toBe(true);
  return row;
}

describe.runIf(ready)('FULL on real filesystems filled by an unprivileged writer', () => {
  for (const bs of ['1M', '4k']) {
    it(`ext4 -m 5 filled with ${bs} writes: FULL (users), the reserve wording, sorted first`, { timeout: 60_000 }, async () => {
      const fs = new LoopFs(`full-${bs}`, 973, ['-m', '5']);
      cleanups.push(() => fs.unmount());
      const left = fillAsNobody(fs.mountPoint, bs);
      if (bs === '1M') expect(left).toBeGreaterThan(0); // ext4 refuses 1 MiB writes whole with some space left
      const row = expectFullAndFirst(snapshot(2), fs.mountPoint);
      expect(row.reservedBytes).toBeGreaterThan(40 * MB);
      const tmux = new TmuxSession(`full-${bs}`, 150, 45, `node ${SITREP}`);
      cleanups.push(() => tmux.kill());
      const screen = await tmux.waitFor((s) => s.includes(fs.mountPoint.slice(-16)) && / available — [\d.]+M reserved for root/.test(s), 10_000, 'reserve wording');
      const lines = screen.split('\n');
      const at = lines.findIndex((l) => l.includes(fs.mountPoint.slice(-16)));
      expect(lines[at]).toContain('FULL (users)');
      expect(lines[at + 1]).toMatch(/available — [\d.]+M reserved for root/);
      // first row of the Disks pane: right under the header
      expect(lines[at - 1]).toMatch(/MOUNT\s+TYPE/);
      tmux.kill();
      fs.unmount();
    });
  }

  it('tmpfs filled with 1M writes: FULL with no reserve, sorted first', { timeout: 30_000 }, async () => {
    const dir = join(TEST_ROOT, `tmpfs-full-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir]);
    cleanups.push(() => spawnSync('umount', ['-l', dir]));
    chmodSync(dir, 0o1777);
    expect(fillAsNobody(dir, '1M')).toBe(0);
    const row = expectFullAndFirst(snapshot(2), dir);
    expect(row.reservedBytes).toBe(0);
    const tmux = new TmuxSession('full-tmpfs', 150, 45, `node ${SITREP}`);
    cleanups.push(() => tmux.kill());
    const screen = await tmux.waitFor((s) => s.includes(dir) && s.includes('no reserve: root cannot write either'), 10_000, 'tmpfs FULL wording');
    const lines = screen.split('\n');
    const at = lines.findIndex((l) => l.includes(dir));
    expect(lines[at]).toMatch(/\bFULL\b/);
    expect(lines[at - 1]).toMatch(/MOUNT\s+TYPE|no reserve|reserved for root/); // first, or right after another full one
    tmux.kill();
  });
});

describe.runIf(ready)('Writers figures from real writers', () => {
  const fs = ready ? new LoopFs('figures', 1024, ['-m', '1']) : null;
  if (fs) cleanups.push(() => fs.unmount());

  // retry: where other writers keep the machine's dirty memory over its threshold, the kernel writes some scratch pages back
  // before the truncate (real writes, rightly counted); a second measurement without that pressure must hold the bound.
  it('does not count dirty pages deleted before writeback; Disks agrees within 25%', { timeout: 30_000, retry: 2 }, () => {
    // Each turn: write 4 MiB, truncate it, unlink it (cancelled), and keep 256 KiB.
    const script = `
import os, sys, time
d = sys.argv[1]
keep = open(os.path.join(d, 'keep'), 'ab')
buf = b'a' * (4 << 20); small = b'b' * (256 << 10)
while True:
    t = os.path.join(d, 'scratch')
    with open(t, 'wb') as f:
        f.write(buf); f.truncate(0)
    os.unlink(t)
    keep.write(small); keep.flush()
    time.sleep(0.1)
`;
    const writer = track(spawn('python3', ['-c', script, fs!.mountPoint], { stdio: 'ignore' }));
    execFileSync('sleep', ['1']);
    const keep = join(fs!.mountPoint, 'keep');
    const t0 = Date.now();
    const size0 = statSync(keep).size;
    const report = snapshot(4);
    const trueRate = (statSync(keep).size - size0) / ((Date.now() - t0) / 1000);
    const row = report.writers.find((w) => w.pid === writer.pid)!;
    expect(row.writeBytesPerSec!).toBeGreaterThan(trueRate * 0.75);
    expect(row.writeBytesPerSec!).toBeLessThan(trueRate * 1.25); // 4 MiB/turn uncounted would be ~17x
    const disk = report.filesystems.find((f) => f.mounts.includes(fs!.mountPoint))!;
    expect(disk.fillRateBytesPerSec!).toBeGreaterThan(row.writeBytesPerSec! * 0.75);
    expect(disk.fillRateBytesPerSec!).toBeLessThan(row.writeBytesPerSec! * 1.25);
    writer.kill('SIGKILL');
  });

  it('names the growing file as busiest, never the quiet stderr file', { timeout: 30_000 }, () => {
    const quiet = join(fs!.mountPoint, 'writer.stderr');
    const growing = join(fs!.mountPoint, 'growing.dat');
    const writer = track(spawn('sh', ['-c', `exec 2>>${quiet}; exec python3 -c "
import time
f = open('${growing}', 'ab')
while True:
    f.write(b'x' * (512 << 10)); f.flush(); time.sleep(0.1)
"`], { stdio: 'ignore' }));
    execFileSync('sleep', ['1']);
    for (let i = 0; i < 2; i++) {
      const row = snapshot(2).writers.find((w) => w.pid === writer.pid)!;
      expect(row.files.map((f) => f.path)).toContain(quiet);
      expect(row.busiestFile).toBe(growing);
    }
    writer.kill('SIGKILL');
  });

  it('a parent that reaps writing children never shows its quiet file as busiest', { timeout: 30_000 }, () => {
    const quiet = join(fs!.mountPoint, 'parent.log');
    const dir = join(fs!.mountPoint, 'children');
    mkdirSync(dir, { recursive: true });
    const parent = track(spawn('sh', ['-c', `exec 2>>${quiet}; while :; do dd if=/dev/zero of=${dir}/c bs=1M count=4 conv=fsync status=none 2>/dev/null; rm -f ${dir}/c; sleep 0.1; done`], { stdio: 'ignore' }));
    execFileSync('sleep', ['1']);
    let sawParent = 0;
    for (let i = 0; i < 3; i++) {
      const row = snapshot(2).writers.find((w) => w.pid === parent.pid);
      if (!row) continue;
      sawParent++;
      expect(row.files.map((f) => f.path)).toContain(quiet);
      expect(row.busiestFile).not.toBe(quiet);
    }
    expect(sawParent).toBeGreaterThan(0);
    parent.kill('SIGKILL');
  });
});
