/**
 * Recorder alerts for real (issue 34): a loop ext4 filling at a known rate,
 * written by a real unit of a real systemd (in a PID namespace, with its own
 * journald); `sitrep record --store` running there as a unit too. The alert
 * must start while time to full is still above half the horizon, reach the
 * journal (SITREP_ALERT=, priority warning) and the --alert-command with the
 * filesystem, the rate, the time to full and the writer; stopping the writer
 * resolves it once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs, TEST_ROOT } from '../support/loopfs.js';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { eventually, requireOrSkip } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const CAPTURE = resolve('test/support/alert-capture.mjs');
const ready = requireOrSkip(canLoopMount() && canBootSystemd() && existsSync(SITREP), 'needs root, loop mounts, systemd and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // the rest still runs
  }
}));

type Entry = Record<string, string>;
const HORIZON_S = 600;
const RATE = 400 * 1024;

describe.runIf(ready)('recorder alerts', () => {
  it('a filling loop ext4 alerts above half the horizon, in the journal and to --alert-command, and resolves once when the writer stops', async () => {
    const root = join(TEST_ROOT, `alerts-rec-${process.pid}`);
    mkdirSync(root, { recursive: true });
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    // Mounted before the namespace boots, so it sees it.
    const fs = new LoopFs('alerts-fill', 200);
    cleanups.push(() => fs.unmount());
    const ns = new SystemdNamespace();
    cleanups.push(() => ns.stop());
    const out = join(root, 'command.jsonl');
    const store = join(root, 'store');
    ns.startUnit('sitrep-rec', [process.execPath, SITREP, 'record', '--store', store, '--interval', '1', '--alert-horizon', `${HORIZON_S}s`, '--alert-hold', '20s', '--alert-command', `${process.execPath} ${CAPTURE} ${out}`]);
    await eventually(() => ns.isActive('sitrep-rec') === 'active', 10_000);
    ns.startUnit('sitrep-filler', [process.execPath, WRITER, join(fs.mountPoint, 'big.log'), String(RATE)]);
    const journal = (state: string): Entry[] => ns.run(['journalctl', '--no-pager', '-o', 'json', `SITREP_ALERT=filesystem-filling:${fs.mountPoint}`], { allowFail: true })
      .split('\n').filter(Boolean).map((l) => JSON.parse(l) as Entry).filter((e) => e.SITREP_ALERT_STATE === state);
    expect(await eventually(() => journal('start').length > 0, 60_000), ns.run(['journalctl', '--no-pager', '-u', 'sitrep-rec'], { allowFail: true })).toBe(true);
    const [start] = journal('start') as [Entry];
    expect(start.PRIORITY).toBe('4');
    expect(start.SITREP_ALERT_MOUNT).toBe(fs.mountPoint);
    expect(start.SITREP_ALERT_WRITER).toBe('sitrep-filler.service');
    const ttf = Number(start.SITREP_ALERT_SECONDS_TO_FULL);
    const rate = Number(start.SITREP_ALERT_RATE_BYTES_PER_SECOND);
    // Fired while more than half the horizon was left; the rate is the writer's (within 30%).
    expect(ttf).toBeGreaterThan(HORIZON_S / 2);
    expect(ttf).toBeLessThanOrEqual(HORIZON_S);
    expect(rate).toBeGreaterThan(RATE * 0.7);
    expect(rate).toBeLessThan(RATE * 1.3);
    expect(start.MESSAGE).toMatch(new RegExp(`sitrep ALERT: ${fs.mountPoint} full in .* at .*/s .*writer sitrep-filler\\.service \\[SITREP_ALERT=filesystem-filling:`));
    // The command: the alert as JSON on stdin and as variables, nothing else of the recorder's environment.
    type Got = { stdin: { kind: string; state: string; subject: string; figures: Record<string, unknown>; culprit: string }; env: Entry; others: string[] };
    const runs = (): Got[] => (existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Got).filter((l) => l.stdin.kind === 'filesystem-filling') : []);
    expect(await eventually(() => runs().length > 0, 10_000)).toBe(true);
    const got = runs()[0]! as { stdin: { kind: string; state: string; subject: string; figures: Record<string, unknown>; culprit: string }; env: Entry; others: string[] };
    expect(got.stdin).toMatchObject({ kind: 'filesystem-filling', state: 'start', subject: fs.mountPoint, culprit: 'sitrep-filler.service', figures: { mount: fs.mountPoint, writer: 'sitrep-filler.service' } });
    expect(Number(got.stdin.figures.secondsToFull)).toBeGreaterThan(HORIZON_S / 2);
    expect(Number(got.stdin.figures.rateBytesPerSecond)).toBeGreaterThan(RATE * 0.7);
    expect(got.env).toMatchObject({ SITREP_ALERT: `filesystem-filling:${fs.mountPoint}`, SITREP_ALERT_STATE: 'start', SITREP_ALERT_MOUNT: fs.mountPoint, SITREP_ALERT_WRITER: 'sitrep-filler.service' });
    expect(got.others).toEqual([]);
    // Stop the writer: one resolution after the 20 s hold, and no second start.
    ns.run(['systemctl', 'stop', 'sitrep-filler']);
    expect(await eventually(() => journal('resolve').length > 0, 90_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 8000));
    expect(journal('start')).toHaveLength(1);
    expect(journal('resolve')).toHaveLength(1);
    expect(runs().map((l) => l.stdin.state)).toEqual(['start', 'resolve']);
    // Recorded in the store as events, so replay shows them.
    ns.run(['systemctl', 'stop', 'sitrep-rec']);
    const segments = readdirSync(store).filter((n) => n.startsWith('sitrep-')).map((n) => join(store, n));
    const text = spawnSync('zcat', ['-f', ...segments], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
    expect(text).toContain(`"text":"ALERT filesystem-filling …${fs.mountPoint.slice(-23)}"`);
    expect(text).toContain(`"text":"RESOLVED filesystem-filling …${fs.mountPoint.slice(-23)}"`);
  }, 240_000);
});
