/**
 * The Writers pane against real writers on a loop-mounted ext4: a paced writer
 * and a forking writer (a shell loop of short-lived dd), read by the built
 * sitrep's snapshot.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const ready = requireOrSkip(canLoopMount() && existsSync(SITREP), 'needs root, loop mounts and dist/');
const MB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

interface WriterReport {
  pid: number; command: string; writeBytesPerSec: number | null; files: Array<{ path: string; mount: string | null }>;
}
interface GroupReport { name: string; writeBytesPerSec: number | null; pids: number[] }

function snapshot(seconds: number): { writers: WriterReport[]; groups: GroupReport[] } {
  return JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', String(seconds)], { encoding: 'utf8' }));
}

function track(child: ChildProcess): ChildProcess {
  cleanups.push(() => child.kill('SIGKILL'));
  return child;
}

const dirBytes = (dir: string): number => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);

describe.runIf(ready)('Writers on a real loop-mounted ext4', () => {
  const fs = ready ? new LoopFs('writers', 1024, ['-m', '1']) : null;
  if (fs) cleanups.push(() => fs.unmount());

  it('names a single writer at a known rate as the top writer, with its mount and file', () => {
    const file = join(fs!.mountPoint, 'var-mod_gzip-cache-0001.gz');
    const writer = track(spawn(process.execPath, [WRITER, file, String(15 * MB)], { stdio: 'ignore' }));
    const t0 = Date.now();
    execFileSync('sleep', ['0.3']);
    const size0 = statSync(file).size;
    const report = snapshot(3);
    const trueRate = (statSync(file).size - size0) / ((Date.now() - t0 - 300) / 1000);
    const top = report.writers[0]!;
    expect(top.pid).toBe(writer.pid);
    expect(top.writeBytesPerSec!).toBeGreaterThan(trueRate * 0.75);
    expect(top.writeBytesPerSec!).toBeLessThan(trueRate * 1.25);
    expect(top.files.find((f) => f.path === file)?.mount).toBe(fs!.mountPoint);
    writer.kill('SIGKILL');
  });

  it('charges a forking writer (short-lived dd children) to its parent and group, without double counting', () => {
    const dir = join(fs!.mountPoint, 'forking');
    execFileSync('mkdir', ['-p', dir]);
    const loop = track(spawn('sh', ['-c', `i=0; while :; do i=$((i+1)); dd if=/dev/zero of=${dir}/chunk-$i bs=1M count=2 status=none; sleep 0.15; done`], { stdio: 'ignore' }));
    execFileSync('sleep', ['1']);
    const t0 = Date.now();
    const bytes0 = dirBytes(dir);
    const report = snapshot(3);
    const trueRate = (dirBytes(dir) - bytes0) / ((Date.now() - t0) / 1000);
    const parent = report.writers.find((w) => w.pid === loop.pid);
    expect(parent, JSON.stringify(report.writers.slice(0, 3))).toBeDefined();
    // Children reaped between samples are charged to the parent in full; a dd
    // still alive at the last sample is charged to itself so far.
    expect(parent!.writeBytesPerSec!).toBeGreaterThan(trueRate * 0.6);
    const total = report.writers.filter((w) => w.command.startsWith('sh -c') || w.command.startsWith('dd ')).reduce((s, w) => s + (w.writeBytesPerSec ?? 0), 0);
    expect(total).toBeGreaterThan(trueRate * 0.7);
    expect(total).toBeLessThan(trueRate * 1.3);
    const group = report.groups.find((g) => g.pids.includes(loop.pid!))!;
    expect(group.writeBytesPerSec!).toBeGreaterThan(trueRate * 0.7);
    expect(group.writeBytesPerSec!).toBeLessThan(trueRate * 1.3);
    loop.kill('SIGKILL');
  });

  it.runIf(requireOrSkip(hasTmux(), 'needs tmux'))('shows a writer whose name and file name hold escapes and newlines sanitized', async () => {
    const file = join(fs!.mountPoint, 'evil\x1b]0;pwn\x07\x1b[31mname\nline.log');
    const writer = track(spawn(process.execPath, [WRITER, file, String(2 * MB)], { stdio: 'ignore', argv0: 'node\x1b[2J\x1b]0;pwn\x07\nEVILARGV' }));
    const s = new TmuxSession('writers-hostile', 160, 45, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    const screen = await s.waitFor((t) => t.includes(`${writer.pid} `) && t.includes('namenline') === false && t.includes('name line.log'), 10_000, 'hostile writer');
    expect(screen).toContain('evil');
    const raw = s.screen(true);
    for (const line of raw.split('\n').filter((l) => l.includes('name line.log') || l.includes('EVILARGV'))) {
      expect(line.replace(/\x1b\[[\d;]*m/g, '')).not.toMatch(/[\x00-\x1f\x7f]/);
    }
    expect(s.format('#{pane_title}')).not.toContain('pwn');
    expect(s.format('#{alternate_on}')).toBe('1');
    s.kill();
    writer.kill('SIGKILL');
  });
});
