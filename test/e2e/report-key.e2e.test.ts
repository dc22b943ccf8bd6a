/**
 * Issue 36: W in the console writes the report of the session so far to a new
 * file (mode 0600, never through a symlink) in the working directory and says
 * where. The crash-loop demo, with the range blocked through b.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';
import { reportName } from '../../src/report/write-report.js';

const SITREP = resolve('dist/sitrep.mjs');
const ready = requireOrSkip(hasTmux() && existsSync(SITREP) && existsSync(TEST_ROOT), 'needs tmux, dist/ and /srv/sitrep-test');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

describe.runIf(ready)('W: the session report', () => {
  it('is written to a new 0600 file in the cwd, past a planted symlink, and names the unit, the range and the block', async () => {
    const dir = mkdtempSync(join(TEST_ROOT, 'report-key-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const target = join(dir, 'precious');
    writeFileSync(target, 'keep');
    // A symlink planted at every name the next 2 minutes could take.
    for (let s = 0; s < 120; s++) symlinkSync(target, join(dir, reportName(Date.now() + s * 1000)));
    const s = new TmuxSession('report-key', 150, 45, `cd ${dir} && node ${SITREP} --demo crash-loop`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => /php8\.2-fpm\.service\s/.test(t) || t.includes('203.0.113.'), 20_000, 'demo running');
    await new Promise((r) => setTimeout(r, 25_000)); // a few crashes (one every 4-6 s)
    s.send('3');
    await s.selectLine('203.0.113.');
    s.send('b');
    await s.waitFor((t) => t.includes('Block 203.0.113.0/24?'), 5000, 'block dialog');
    s.send('y');
    await s.waitFor((t) => t.includes('blocked 203.0.113.0/24'), 5000, 'blocked');
    s.send('W');
    const screen = await s.waitFor((t) => t.includes('report written to'), 10_000, 'written');
    const name = readdirSync(dir).find((f) => f.startsWith('sitrep-report-') && !statSync(join(dir, f), { throwIfNoEntry: false })?.isSymbolicLink() && statSync(join(dir, f)).isFile() && readFileSync(join(dir, f), 'utf8') !== 'keep');
    expect(name).toBeDefined();
    expect(screen).toContain(join(dir, name!).slice(0, 40));
    const path = join(dir, name!);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(target, 'utf8')).toBe('keep');
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^# Incident report: shop1/);
    expect(text).toMatch(/php8\.2-fpm\.service.*\d+ crashes/);
    expect(text).toContain('range 203.0.113.0/24');
    expect(text).toMatch(/root|alice/);
    expect(text).toContain('**block** range 203.0.113.0/24');
    s.send('q');
  }, 90_000);
});
