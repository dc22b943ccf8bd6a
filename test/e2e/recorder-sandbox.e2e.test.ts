/**
 * The installed recorder's sandbox inside a real systemd (issue 28, items 13
 * and 12): `systemd-analyze security` scores the unit (8.8 EXPOSED before),
 * and the sandboxed unit still records what root must see: a process of
 * nobody's writing into a 0700 directory of nobody's (its busiest file comes
 * from /proc/PID/fd: ptrace read access) and its command line. An install from
 * a bundle nobody owns is refused inside systemd too.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { eventually, requireOrSkip } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const UNIT = '/etc/systemd/system/sitrep-recorder.service';
const ready = requireOrSkip(canBootSystemd() && existsSync(SITREP), 'needs root, unshare, systemd and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // the rest still runs
  }
}));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Report = { processes: Array<{ pid: number; command: string; user: string }>; writers: Array<{ pid: number; busiestFile: string | null; command: string }> };

describe.runIf(ready)('the recorder unit sandboxed', () => {
  it('scores under 3 in systemd-analyze security, refuses a bundle nobody owns, and still records a writer of nobody\'s in its private directory', async () => {
    const root = join(TEST_ROOT, `rec-sandbox-${process.pid}`);
    mkdirSync(root, { recursive: true, mode: 0o755 });
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const ns = new SystemdNamespace();
    const store = join(root, 'store');
    cleanups.push(() => {
      ns.run(['node', SITREP, 'recorder', 'uninstall', '--store', store], { allowFail: true });
      ns.stop();
      rmSync(UNIT, { force: true });
    });
    // 12 inside systemd: nobody's bundle is refused before anything is written
    const theirs = join(root, 'theirs');
    mkdirSync(theirs, { mode: 0o755 });
    copyFileSync(SITREP, join(theirs, 'sitrep.mjs'));
    chownSync(join(theirs, 'sitrep.mjs'), 65534, 65534);
    const refused = ns.run(['node', join(theirs, 'sitrep.mjs'), 'recorder', 'install', '--store', store], { allowFail: true });
    expect(refused).toContain(`refused: the bundle ${join(theirs, 'sitrep.mjs')}`);
    expect(existsSync(UNIT)).toBe(false);

    const out = ns.run(['node', SITREP, 'recorder', 'install', '--store', store, '--interval', '1']);
    expect(out).toContain(`installed ${UNIT}`);
    const active = await eventually(() => ns.isActive('sitrep-recorder.service') === 'active', 15_000);
    expect(active, ns.run(['journalctl', '--no-pager', '-n', '30', '-u', 'sitrep-recorder.service'], { allowFail: true })).toBe(true);
    const analysis = ns.run(['systemd-analyze', 'security', '--no-pager', 'sitrep-recorder.service'], { allowFail: true });
    const score = Number(/Overall exposure level for sitrep-recorder\.service: (\d+\.\d+)/.exec(analysis)?.[1] ?? NaN);
    process.stdout.write(`systemd-analyze security sitrep-recorder.service: ${score}\n`);
    expect(score, analysis).toBeLessThan(3);
    const show = ns.property('sitrep-recorder.service', 'CapabilityBoundingSet');
    expect(show.split(' ').sort()).toEqual(['cap_dac_read_search', 'cap_sys_ptrace', 'cap_syslog']);
    expect(ns.property('sitrep-recorder.service', 'UMask')).toBe('0077');

    // what it must still see: nobody's writer, in nobody's 0700 directory, inside the namespace
    const hidden = join(root, 'private');
    mkdirSync(hidden, { mode: 0o700 });
    chownSync(hidden, 65534, 65534);
    const file = join(hidden, 'secret-upload.bin');
    const [cmd, ...args] = ns.wrap(['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', 'node', WRITER, file, String(2 ** 20)]);
    const writer = spawn(cmd!, args, { stdio: 'ignore', detached: true });
    cleanups.push(() => {
      try {
        process.kill(-writer.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    });
    let report = null as Report | null;
    const seen = await eventually(() => {
      try {
        report = JSON.parse(execFileSync(process.execPath, [SITREP, 'snapshot', '--json', '--store', store], { encoding: 'utf8' })) as Report;
      } catch {
        return false;
      }
      return report.writers.some((w) => w.busiestFile === file);
    }, 30_000);
    expect(seen, JSON.stringify(report?.writers) + ns.run(['journalctl', '--no-pager', '-n', '30', '-u', 'sitrep-recorder.service'], { allowFail: true })).toBe(true);
    const w = report!.writers.find((x) => x.busiestFile === file)!;
    expect(w.command).toContain('writer.mjs');
    // the unit's own journal says nothing was refused to it
    await sleep(1000);
    expect(ns.run(['journalctl', '--no-pager', '-u', 'sitrep-recorder.service'], { allowFail: true })).not.toMatch(/EPERM|EACCES|permission denied/i);
  }, 420_000); // it may first wait for another test file's systemd namespace to stop (one at a time)
});
