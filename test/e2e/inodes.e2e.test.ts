/**
 * Issue 29 item 6, for real: an ext4 made with `mkfs.ext4 -N 4000`, mostly
 * filled with small files before sitrep starts, and a process creating about
 * 40 small files a second until 99% of the inodes are used. The drill-down's
 * GROWTH shows the entries per second (and still after r), the Disks row says
 * inodes, shows inode use as df -i does and sorts as a day away (above every
 * filesystem that is neither full nor filling), and the delete outcome says
 * how many inodes it freed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, TmuxSession, shownPath } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const row = (screen: string, name: string) => screen.split('\n').find((l) => l.includes(` ${name}/`) || l.includes(` ${name} `)) ?? '';
const entriesOf = (line: string) => Number(/\+(\d+(?:\.\d+)?) ent\/s/.exec(line)?.[1] ?? 0);

/** df -i's IUse% of `mount`, as a number. */
function dfInodePercent(mount: string): number {
  return Number(execFileSync('df', ['--output=ipcent', mount], { encoding: 'utf8' }).split('\n')[1]!.trim().replace('%', ''));
}

/** The cell of `line` under the header title `title` (right-aligned, `width` cells). */
function cellUnder(screen: string, line: string, title: string, width: number): string {
  const header = screen.split('\n').find((l) => l.includes('MOUNT') && l.includes(` ${title} `)) ?? '';
  const end = header.indexOf(` ${title} `) + 1 + title.length;
  return line.slice(end - width, end).trim();
}

interface FsReport {
  mounts: string[]; usedFraction: number | null; limitedBy: string | null; fullForUsers: boolean | null; secondsToFull: number | null;
  inodes: { total: number; used: number; usedFraction: number; secondsToFull: number | null } | null;
}

describe.runIf(requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, loop mounts, mkfs.ext4, tmux and dist/'))('inodes running out (mkfs.ext4 -N 4000)', () => {
  let fs: LoopFs;
  let cache = '';
  let prefill = 0;
  beforeAll(() => {
    fs = new LoopFs('i29disks-inodes', 64, ['-N', '4000', '-m', '0']);
    cleanups.push(() => fs.unmount());
    const total = fs.stat().files;
    cache = join(fs.mountPoint, 'cache');
    const spool = join(fs.mountPoint, 'spool');
    mkdirSync(cache);
    mkdirSync(spool);
    // Before sitrep starts: all but ~1,000 inodes used by small files.
    prefill = Number(fs.stat().ffree) - 1000;
    for (let i = 0; i < prefill; i++) writeFileSync(join(cache, `c${i}`), 'x'.repeat(100));
    // The creator: ~40 small files a second until 99% of the inodes are used (df -i's IUse% 99), then idle.
    const target = Math.floor(Number(total) * 0.99) - 1;
    const creator = spawn(process.execPath, ['-e', `
      const fs = require('node:fs'); const [dir, target] = [process.argv[1], Number(process.argv[2])]; let i = 0;
      setInterval(() => { const s = fs.statfsSync(dir); if (s.files - s.ffree >= target) return; try { fs.writeFileSync(dir + '/s' + (i++), 'y'.repeat(100)); } catch {} }, 25);
    `, spool, String(target)], { stdio: 'ignore' });
    cleanups.push(() => creator.kill('SIGKILL'));
  });

  it('GROWTH counts the entries a creator adds per second, also after r', { timeout: 90_000 }, async () => {
    const s = new TmuxSession('i29disks-growth', 160, 50, `node ${SITREP} --dir ${fs.mountPoint}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => row(t, 'spool') !== '' && row(t, 'cache') !== '' && t.includes('growth: watching'), 20_000, 'the mount root scanned and watched');
    // ~40 new small files a second under spool/ (bytes alone stayed '—' before).
    const growing = await s.waitFor((t) => entriesOf(row(t, 'spool')) >= 15, 10_000, 'spool/ gaining entries per second');
    expect(entriesOf(row(growing, 'spool'))).toBeLessThan(80);
    expect(entriesOf(row(growing, 'cache'))).toBe(0);
    // r rescans; GROWTH still shows the entries per second.
    await s.waitFor((t) => /scanned (?:[3-9]|\d\d+)s ago/.test(t), 15_000, 'the first scan a few seconds old');
    s.send('r');
    await s.waitFor((t) => /scanned [0-2]s ago/.test(t) && row(t, 'spool') !== '', 15_000, 'rescanned with r');
    await s.waitFor((t) => entriesOf(row(t, 'spool')) >= 15, 10_000, 'GROWTH after r');
    s.send('q');
  });

  it('at 99% of inodes the Disks row says inodes, USE is inode use as df -i says, and it sorts as a day away', { timeout: 180_000 }, async () => {
    const s = new TmuxSession('i29disks-row', 160, 50, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    const mountRow = (t: string) => t.split('\n').find((l) => l.includes(`│${fs.mountPoint} `)) ?? '';
    // The creator stops at 99%, its rate fades, and the row stays on inodes.
    const disks = await s.waitFor((t) => /inodes 99% used/.test(mountRow(t)), 150_000, 'the Disks row saying inodes 99% used');
    const line = mountRow(disks);
    expect(dfInodePercent(fs.mountPoint)).toBe(99);
    expect(cellUnder(disks, line, 'USE', 4)).toBe('99%');
    expect(disks).toMatch(/inodes run out first: \d+\/\d+ used/);
    // Above / unless / has a countdown of its own (this machine is shared: someone may be filling it).
    const lines = disks.split('\n');
    const rootRow = lines.findIndex((l) => l.startsWith('│/ '));
    if (rootRow >= 0 && !/full in|FULL/.test(lines[rootRow]!)) expect(lines.indexOf(line)).toBeLessThan(rootRow);
    s.send('q');

    // The snapshot agrees: limited by inodes, df -i's use, ahead of every filesystem neither full nor filling.
    const report = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', '2'], { encoding: 'utf8' })).filesystems as FsReport[];
    const at = report.findIndex((f) => f.mounts.includes(fs.mountPoint));
    expect(report[at]!.limitedBy).toBe('inodes');
    expect(report[at]!.inodes!.usedFraction).toBe(0.99);
    const urgent = (f: FsReport) => f.fullForUsers === true || f.secondsToFull !== null || f.inodes?.secondsToFull != null || (f.usedFraction ?? 0) >= 0.99 || (f.inodes?.usedFraction ?? 0) >= 0.99;
    for (const before of report.slice(0, at)) expect(urgent(before), `${before.mounts[0]} listed above`).toBe(true);
    const root = report.findIndex((f) => f.mounts.includes('/'));
    if (!urgent(report[root]!)) expect(at).toBeLessThan(root);
  });

  it('the delete outcome reports the inodes it freed', { timeout: 90_000 }, async () => {
    const s = new TmuxSession('i29disks-delete', 160, 50, `node ${SITREP} --dir ${fs.mountPoint}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => row(t, 'cache') !== '', 20_000, 'the drill-down');
    await s.selectLine('cache/');
    s.send('d');
    await s.waitFor((t) => t.includes(`Delete ${cache}?`) && !t.includes('measuring…'), 15_000, 'delete dialog, measured');
    s.send('y');
    const done = await s.waitFor((t) => shownPath(t, 'deleted', cache, ': freed'), 20_000, 'deleted');
    const freed = Number((/freed [\d.]+ \w+ and ([\d,]+) inodes/.exec(done)?.[1] ?? '0').replace(/,/g, ''));
    // The files and their directory, less what the creator (running again below 99%) made meanwhile.
    expect(freed).toBeGreaterThan(prefill * 0.95);
    expect(freed).toBeLessThanOrEqual(prefill + 1);
    s.send('q');
  });
});
