/**
 * Issue 29 item 7, for real (loop ext4, tmux): the drill-down's stale notice
 * is followed by a rescan in bounded time, even after a scan was left
 * unfinished by going back up; and after a delete, the header's "used … since"
 * is measured from the scan taken after the delete, not from a sample taken
 * before it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, shownPath, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const MB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const row = (screen: string, name: string) => screen.split('\n').find((l) => l.includes(` ${name}/`) || l.includes(` ${name} `)) ?? '';
/** The SIZE cell of a drill-down row, in MiB. */
const sizeMiB = (line: string) => {
  const m = /^\s*(\d+(?:\.\d+)?)([KMG]|B)\s/.exec(line.replace(/^.*?│\s*/, ''));
  return m ? Number(m[1]) * { B: 1 / MB, K: 1 / 1024, M: 1, G: 1024 }[m[2] as 'B' | 'K' | 'M' | 'G'] : 0;
};

describe.runIf(requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, loop mounts, mkfs.ext4, tmux and dist/'))('drill-down stays fresh', () => {
  const fs = new LoopFs('i29disks-stale', 768, ['-m', '1']);
  cleanups.push(() => fs.unmount());

  it('the stale notice is followed by a rescan, also after leaving a scan unfinished', { timeout: 150_000 }, async () => {
    const big = join(fs.mountPoint, 'big');
    for (let d = 0; d < 80; d++) {
      mkdirSync(join(big, `d${d}`, 'x', 'y'), { recursive: true });
      for (let f = 0; f < 500; f++) writeFileSync(join(big, `d${d}`, 'x', 'y', `f${f}`), '');
    }
    mkdirSync(join(fs.mountPoint, 'data'));
    const s = new TmuxSession('i29disks-stale', 150, 42, `node ${SITREP} --dir ${fs.mountPoint}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => row(t, 'big') !== '' && row(t, 'data') !== '' && /scanned \d+s ago/.test(t), 20_000, 'root listing');
    // Into big/ (a scan of 40k entries from a cold cache), and back up before it ends: that scan is left unfinished.
    spawnSync('sh', ['-c', 'echo 3 > /proc/sys/vm/drop_caches']);
    await s.selectLine('big/');
    s.send('Enter');
    await s.waitFor((t) => t.includes('scanning…'), 10_000, 'scanning big/');
    s.send('BSpace');
    await s.waitFor((t) => row(t, 'big') !== '' && row(t, 'data') !== '' && !t.includes('scanning…'), 10_000, 'back at the root, cached');
    // 100 MB lands under data/: the root's scan goes stale, and must be redone.
    execFileSync('dd', ['if=/dev/zero', `of=${join(fs.mountPoint, 'data', 'new.bin')}`, 'bs=1M', 'count=100', 'conv=fsync', 'status=none']);
    await s.waitFor((t) => /\(stale: rescan/.test(t), 15_000, 'the stale notice');
    const t0 = Date.now();
    // Redone within the automatic pace (15 s for a scan this cheap) plus the scan, with room for a loaded machine.
    await s.waitFor((t) => sizeMiB(row(t, 'data')) >= 99, 60_000, 'data/ rescanned: 100M');
    expect(Date.now() - t0).toBeLessThan(60_000);
    s.send('q');
  });

  it('after a delete, "used … since" is measured from the scan after it', { timeout: 90_000 }, async () => {
    const victim = join(fs.mountPoint, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'blob'), Buffer.alloc(40 * MB, 2));
    spawnSync('sync');
    // A sample every 5 s: the rescan after the delete ends well before the next sample.
    const s = new TmuxSession('i29disks-since', 150, 42, `node ${SITREP} --interval 5 --dir ${fs.mountPoint}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => row(t, 'victim') !== '', 20_000, 'listing');
    await s.selectLine('victim/');
    s.send('d');
    await s.waitFor((t) => t.includes(`Delete ${victim}?`) && !t.includes('measuring…'), 10_000, 'delete dialog, measured');
    s.send('y');
    await s.waitFor((t) => shownPath(t, 'deleted', victim, ': freed') && row(t, 'victim') === '', 15_000, 'deleted and rescanned');
    // Two samples later, nothing has moved since the scan that followed the delete.
    const deadline = Date.now() + 12_000;
    while (Date.now() < deadline) {
      const t = s.screen();
      expect(t, 'the header compares against a baseline from before the delete').not.toMatch(/used -[\d.]+[KMG] since/);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(s.screen()).toMatch(/scanned \d+s ago/);
    s.send('q');
  });
});
