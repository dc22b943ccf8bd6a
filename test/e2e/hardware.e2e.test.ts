/**
 * Host facts for real: `i` in a real tmux shows this machine's block devices
 * (as lsblk lists them) with their SMART verdict, and `snapshot --json` names
 * the same devices under host.hardware.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const hasLsblk = spawnSync('lsblk', ['--version']).status === 0;

/** The whole disks lsblk lists with a size: what the overlay must show. */
function lsblkDisks(): string[] {
  const out = execFileSync('lsblk', ['-d', '-n', '-b', '-o', 'NAME,TYPE,SIZE'], { encoding: 'utf8' });
  return out.trim().split('\n').map((l) => l.trim().split(/\s+/)).filter(([, type, size]) => type === 'disk' && Number(size) > 0).map(([name]) => name!);
}

describe.runIf(requireOrSkip(existsSync(SITREP) && hasTmux() && hasLsblk, 'needs dist/, tmux and lsblk'))('hardware facts of this machine', () => {
  it('i shows the block devices lsblk lists, with SMART; i closes it', async () => {
    const disks = lsblkDisks();
    expect(disks.length).toBeGreaterThan(0);
    const t = new TmuxSession('hw', 120, 40, `node ${SITREP}`);
    cleanups.push(() => t.kill());
    await t.waitFor((s) => s.includes('Disks'), 10_000, 'the console');
    t.send('i');
    const screen = await t.waitFor((s) => s.includes('Hardware · read') && s.includes('Interfaces'), 15_000, 'the hardware overlay');
    for (const disk of disks) expect(screen).toMatch(new RegExp(`│ +${disk} \\S+ .*SMART \\S`));
    expect(screen).toMatch(/CPU\s*│\s*│ +\S.*: \d+ cores, \d+ threads/);
    t.send('i');
    await t.waitFor((s) => !s.includes('Hardware · read') && s.includes('Disks'), 5000, 'the panes again');
  }, 40_000);

  it('snapshot --json names the same block devices under host.hardware', () => {
    const report = JSON.parse(execFileSync(process.execPath, [SITREP, 'snapshot', '--json', '--duration', '1'], { encoding: 'utf8' }));
    expect(report.host.hardware.disks.map((d: { name: string }) => d.name).sort()).toEqual(lsblkDisks().sort());
    expect(report.host.hardware.cpuThreads).toBe(report.host.cores);
    expect(report.host.hardware.interfaces.map((i: { name: string }) => i.name)).toContain('lo');
  }, 30_000);
});
