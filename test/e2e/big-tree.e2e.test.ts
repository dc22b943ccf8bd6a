/**
 * The drill-down scales like du: a 1M-entry tree generated on a loop ext4,
 * scanned by `snapshot --json --dir`, stays under 150 MiB peak RSS
 * (/usr/bin/time -v), and every child's size equals `du -x -B1 -d 1`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { requireOrSkip } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const ready = requireOrSkip(canLoopMount() && existsSync(SITREP) && existsSync('/usr/bin/time') && spawnSync('python3', ['--version']).status === 0, 'needs root, loop mounts, /usr/bin/time, python3 and dist/');

describe.runIf(ready)('a 1M-entry tree', () => {
  it('is scanned in under 150 MiB peak RSS, with sizes equal to du -x -B1 -d 1', { timeout: 240_000 }, () => {
    const fs = new LoopFs('bigtree', 1024, ['-m', '0', '-N', '1100000', '-I', '128']);
    cleanups.push(() => fs.unmount());
    const top = fs.mountPoint;
    execFileSync('python3', ['-c', `
import os
for i in range(100):
  for j in range(100):
    d = '${top}/d%d/e%d' % (i, j); os.makedirs(d, exist_ok=True)
    for k in range(100): open('%s/f%d' % (d, k), 'w').close()
  with open('${top}/d%d/data' % i, 'wb') as f: f.write(b'x' * (i * 4096 + 1))
`]);
    const timeFile = join(top, '..', `bigtree-${process.pid}.time`);
    cleanups.push(() => rmSync(timeFile, { force: true }));
    const out = execFileSync('/usr/bin/time', ['-v', '-o', timeFile, process.execPath, SITREP, 'snapshot', '--json', '--dir', top], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const peakKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'))![1]);
    expect(peakKiB).toBeLessThan(150 * 1024);
    const report = JSON.parse(out) as { children: Array<{ name: string; sizeBytes: number; files: number }> };
    const du = new Map(execFileSync('du', ['-x', '-B1', '-d', '1', top], { encoding: 'utf8' }).trim().split('\n').map((l) => {
      const [size, path] = l.split('\t') as [string, string];
      return [path, Number(size)] as const;
    }));
    expect(report.children.filter((c) => c.name.startsWith('d'))).toHaveLength(100);
    for (const c of report.children) {
      if (c.name === 'lost+found') continue;
      expect(c.sizeBytes, c.name).toBe(du.get(join(top, c.name)));
    }
    expect(report.children.reduce((n, c) => n + c.files, 0)).toBeGreaterThanOrEqual(1_000_000);
  });
});
