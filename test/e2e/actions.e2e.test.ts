/**
 * Actions from the keyboard, in a real tmux, against real processes on a
 * loop-mounted ext4: kill a writer through the dialog, and truncate a deleted
 * file that a process still holds open.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { isAlive } from '../support/processes.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const ready = requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, loop mounts, tmux and dist/');
const MB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const track = (c: ChildProcess): ChildProcess => (cleanups.push(() => c.kill('SIGKILL')), c);

/** Moves the selection down (from the top) until the highlighted line contains `text`. */
/** The Disks row of `mount` on the screen. */
const diskRow = (screen: string, mount: string): string => screen.split('\n').find((l) => l.includes(mount.slice(-24))) ?? '';

describe.runIf(ready)('keyboard actions in tmux', () => {
  it('kills the selected writer with TERM through the dialog; the fill rate falls to 0 within 3 samples', async () => {
    const fs = new LoopFs('kill', 1024, ['-m', '1']);
    cleanups.push(() => fs.unmount());
    const writer = track(spawn(process.execPath, [resolve('test/support/writer.mjs'), join(fs.mountPoint, 'cache.gz'), String(10 * MB)], { stdio: 'ignore' }));
    const s = new TmuxSession('kill', 140, 45, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => /\+\d+(\.\d)?M\/s/.test(diskRow(t, fs.mountPoint)) && t.includes(`${writer.pid} `), 10_000, 'writer and fill rate');
    s.send('2');
    await s.selectLine(`${writer.pid} `);
    s.send('K');
    const dialog = await s.waitFor((t) => t.includes(`Send a signal to ${writer.pid}?`), 3000, 'kill dialog');
    expect(dialog).toContain('SIGTERM (default)');
    expect(dialog).toContain('writer.mjs');
    s.send('Enter');
    await s.waitFor((t) => t.includes('cancelled'), 3000, 'Enter answers No');
    expect(isAlive(writer.pid!)).toBe(true);
    s.send('K');
    await s.waitFor((t) => t.includes('Send a signal'), 3000, 'kill dialog again');
    s.send('y');
    await s.waitFor((t) => new RegExp(`sent TERM to ${writer.pid} \\(node\\); it exited after`).test(t), 6000, 'outcome');
    expect(isAlive(writer.pid!)).toBe(false);
    const killedAt = Date.now();
    await s.waitFor((t) => /\s—\s/.test(diskRow(t, fs.mountPoint)), 4000, 'rate back to —');
    expect(Date.now() - killedAt).toBeLessThan(3500);
  });

  it('K names the writer that was selected, after three faster writers re-sort the list above it', async () => {
    const fs = new LoopFs('resort', 1024, ['-m', '1']);
    cleanups.push(() => fs.unmount());
    const slow = track(spawn(process.execPath, [resolve('test/support/writer.mjs'), join(fs.mountPoint, 'slow.bin'), String(MB)], { stdio: 'ignore' }));
    const s = new TmuxSession('resort', 140, 45, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes(`${slow.pid} `) && t.includes('slow.bin'), 10_000, 'the slow writer');
    s.send('2');
    await s.selectLine(`${slow.pid} `);
    const fast = [1, 2, 3].map((i) => track(spawn(process.execPath, [resolve('test/support/writer.mjs'), join(fs.mountPoint, `fast${i}.bin`), String(8 * MB)], { stdio: 'ignore' })));
    // the fast writers are listed above the slow one, and the highlight stayed on it
    await s.waitFor((t) => {
      const lines = t.split('\n');
      const slowAt = lines.findIndex((l) => l.includes(`${slow.pid} `) && l.includes('slow.bin'));
      return slowAt > 0 && fast.every((f) => {
        const i = lines.findIndex((l) => l.includes(`${f.pid} `));
        return i > 0 && i < slowAt;
      });
    }, 10_000, 'the list re-sorted above the slow writer');
    s.send('K');
    const dialog = await s.waitFor((t) => t.includes('Send a signal to'), 3000, 'kill dialog');
    expect(dialog).toContain(`Send a signal to ${slow.pid}?`);
    s.send('n');
  });

  it('--read-only turns the kill key off and says so', async () => {
    const victim = track(spawn('sleep', ['300']));
    const s = new TmuxSession('readonly', 120, 40, `node ${SITREP} --read-only`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => /PID USER\s+S\s+CPU%/.test(t), 10_000, 'console');
    s.send('4');
    s.send('K');
    await s.waitFor((t) => t.includes('read-only: actions are off (--read-only)'), 3000, 'read-only notice');
    expect(s.screen()).not.toContain('Send a signal');
    expect(isAlive(victim.pid!)).toBe(true);
  });

  it('reports 50 MB held by a deleted open file, and truncating it through sitrep frees the space', async () => {
    const fs = new LoopFs('deleted', 256, ['-m', '1']);
    cleanups.push(() => fs.unmount());
    const holder = track(spawn(process.execPath, [resolve('test/support/holder.mjs'), join(fs.mountPoint, 'rotated.log'), String(50 * MB)], { stdio: ['ignore', 'pipe', 'ignore'] }));
    await new Promise((r) => holder.stdout!.once('data', r));
    const report = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', '1'], { encoding: 'utf8' }));
    const held = report.deletedOpen.find((d: { pid: number }) => d.pid === holder.pid);
    expect(held).toMatchObject({ path: join(fs.mountPoint, 'rotated.log'), mount: fs.mountPoint });
    expect(held.bytes).toBeGreaterThanOrEqual(50 * MB);
    const row = report.filesystems.find((f: { mount: string }) => f.mount === fs.mountPoint);
    expect(row.deletedOpenBytes).toBeGreaterThanOrEqual(50 * MB);

    const freeBefore = fs.stat().bfree * fs.stat().bsize;
    const s = new TmuxSession('truncate', 140, 45, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('held by deleted files still open'), 10_000, 'Disks note');
    s.send('2');
    await s.selectLine('rotated.log');
    s.send('T');
    await s.waitFor((t) => t.includes('held by a deleted file?') && t.includes('rotated.log'), 3000, 'truncate dialog');
    s.send('y');
    await s.waitFor((t) => /freed 50\.0 MiB: truncated .*rotated\.log/.test(t), 5000, "outcome");
    expect(await eventually(() => fs.stat().bfree * fs.stat().bsize - freeBefore >= 45 * MB, 5000)).toBe(true);
    expect(isAlive(holder.pid!)).toBe(true);
  });
});
