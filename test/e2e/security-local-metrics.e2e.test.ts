/**
 * Issue 28 item 16: two real mounts whose paths differ only by a control
 * character must stay two series in `snapshot --format openmetrics` (the old
 * label escaping dropped the character, and node_exporter dropped both).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { requireOrSkip } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

describe.runIf(requireOrSkip(process.getuid?.() === 0 && existsSync(SITREP), 'needs root (mount) and dist/'))('OpenMetrics labels stay unique (issue 28 item 16)', () => {
  it('mounts at /…/ab and /…/a<TAB>b and /…/a<SOH>b are three series', () => {
    const base = join(TEST_ROOT, `i28-om-${process.pid}`);
    const points = ['ab', 'a\tb', 'a\u0001b'].map((n) => join(base, n));
    cleanups.push(() => rmSync(base, { recursive: true, force: true })); // runs last
    for (const p of points) {
      mkdirSync(p, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'i28om', p]);
      cleanups.push(() => spawnSync('umount', [p]));
    }
    const text = execFileSync(process.execPath, [SITREP, 'snapshot', '--format', 'openmetrics', '--duration', '1'], { encoding: 'utf8' });
    const series = text.split('\n').filter((l) => l.startsWith('sitrep_filesystem_size_bytes{') && l.includes(`mountpoint="${base}/a`));
    expect(series).toHaveLength(3);
    const labelSets = series.map((l) => l.slice(0, l.lastIndexOf(' ')));
    expect(new Set(labelSets).size).toBe(3);
    expect(series.some((l) => l.includes(`mountpoint="${base}/a\\\\x09b"`))).toBe(true);
    expect(series.some((l) => l.includes(`mountpoint="${base}/a\\\\x01b"`))).toBe(true);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  }, 60_000);
});
