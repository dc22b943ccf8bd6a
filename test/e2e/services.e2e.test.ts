/**
 * Service control against a real systemd booted in a PID namespace: sitrep runs
 * inside it in tmux, stops and restarts real transient units, and shows a real
 * crash loop. Outside the namespace (PID 1 is not systemd here) it says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const ready = requireOrSkip(canBootSystemd() && canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, systemd, loop mounts, tmux and dist/');
const MB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

const diskRow = (screen: string, mount: string): string => screen.split('\n').find((l) => l.includes(mount.slice(-24))) ?? '';
const pid1 = (() => {
  try {
    return execFileSync('cat', ['/proc/1/comm'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();

describe.runIf(ready)('service control inside a real systemd', () => {
  // The loop filesystem is mounted before the namespace boots, so both see it.
  const fs = ready ? new LoopFs('units', 1024, ['-m', '1']) : null;
  const ns = ready ? new SystemdNamespace() : null;
  cleanups.push(() => fs?.unmount());
  cleanups.push(() => ns?.stop());
  /** sitrep inside the namespace, once it has read the units (the Services overlay says how many). */
  const console = async (name: string, width = 140, height = 45) => {
    const s = new TmuxSession(name, width, height, ns!.wrap(['node', SITREP]).join(' '));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('PID USER'), 10_000, 'console');
    s.send('u');
    await s.waitFor((t) => t.includes('Services · systemd') && !t.includes('reading the service manager'), 10_000, 'units read');
    s.send('Escape');
    return s;
  };

  it('groups a unit\'s writer under the unit; S stops it: inactive, and the fill rate falls to 0 within 3 samples', async () => {
    ns!.startUnit('web-writer', [process.execPath, WRITER, join(fs!.mountPoint, 'mod_gzip.cache'), String(10 * MB)], { Description: 'Apache in a jail (test writer)' });
    const s = await console('stop');
    await s.waitFor((t) => t.includes('web-writer.service (unit)') && /\+\d+(\.\d)?M\/s/.test(diskRow(t, fs!.mountPoint)), 15_000, 'writer grouped under its unit');
    const mainPid = ns!.property('web-writer', 'MainPID');
    s.send('2');
    await s.selectLine('web-writer.service (unit)');
    s.send('S');
    const dialog = await s.waitFor((t) => t.includes('Stop web-writer.service?'), 5000, 'stop dialog');
    expect(dialog).toContain('Apache in a jail (test writer)');
    expect(dialog).toContain(`main pid ${mainPid}`);
    expect(dialog).toMatch(new RegExp(`${mainPid} .*writer\\.mjs`));
    s.send('Enter');
    await s.waitFor((t) => t.includes('cancelled'), 3000, 'Enter answers No');
    expect(ns!.isActive('web-writer')).toBe('active');
    s.send('S');
    await s.waitFor((t) => t.includes('Stop web-writer.service?'), 5000, 'stop dialog again');
    s.send('y');
    await s.waitFor((t) => /stopped web-writer\.service in \d+\.\d s: now inactive/.test(t), 10_000, 'outcome with new state and time');
    const stoppedAt = Date.now();
    expect(ns!.isActive('web-writer')).toBe('inactive');
    await s.waitFor((t) => /\s—\s/.test(diskRow(t, fs!.mountPoint)), 4000, 'rate back to —');
    expect(Date.now() - stoppedAt).toBeLessThan(3500);
    s.send('q');
  });

  it('R restarts a running unit and its main pid changes', async () => {
    ns!.startUnit('restart-me', ['sleep', '600'], { Description: 'restart target' });
    const s = await console('restart');
    await s.waitFor((t) => t.includes('sleep 600'), 10_000, 'the unit in the CPU list');
    const before = ns!.property('restart-me', 'MainPID');
    s.send('4');
    await s.selectLine('sleep 600');
    s.send('R');
    await s.waitFor((t) => t.includes('Restart restart-me.service?'), 5000, 'restart dialog');
    s.send('y');
    const done = await s.waitFor((t) => /restarted restart-me\.service in/.test(t), 10_000, 'restart outcome');
    const after = ns!.property('restart-me', 'MainPID');
    expect(after).not.toBe(before);
    expect(done).toContain(`main pid ${after} (was ${before})`);
    s.send('q');
  });

  it('shows a crash-looping unit in the Services overlay with its restart count rising, and in snapshot', async () => {
    ns!.startUnit('php-crash', ['sh', '-c', 'exit 3'], { Restart: 'always', RestartSec: '500ms', StartLimitIntervalSec: '0', Description: 'PHP FastCGI (crashes)' });
    const s = await console('loop');
    await s.waitFor((t) => t.includes('PID USER'), 10_000, 'console');
    s.send('u');
    const count = (t: string) => Number(/php-crash\.service\s.*?\s(\d+)\s+\+\d+\s/.exec(t)?.[1] ?? -1);
    const first = count(await s.waitFor((t) => count(t) > 0, 10_000, 'crash loop listed'));
    await s.waitFor((t) => count(t) > first, 10_000, 'restart count rising');
    const report = JSON.parse(ns!.run(['node', SITREP, 'snapshot', '--json', '--duration', '4']));
    expect(report.services).toMatchObject({ available: true, manager: 'systemd' });
    const entry = report.services.restarting.find((r: { unit: string }) => r.unit === 'php-crash.service');
    expect(entry.restarts).toBeGreaterThan(0);
    expect(entry.description).toBe('PHP FastCGI (crashes)');
    expect(report.processes.find((p: { unit?: string }) => p.unit === 'restart-me.service')).toBeDefined();
    s.send('Escape');
    s.send('q');
  });

  it('shows a hostile unit description sanitized', async () => {
    ns!.startUnit('hostile-desc', ['sleep', '601'], { Description: 'evil\x1b]0;pwned\x07\x1b[31mRED\x9b2J end' });
    const s = await console('hostile');
    // Filter the CPU list to it (\ as in htop), so a busy namespace cannot push it off the pane.
    s.send('4');
    s.type('\\');
    s.type('sleep 601');
    s.send('Enter');
    await s.waitFor((t) => t.includes('sleep 601') && t.includes('filter "sleep 601"'), 10_000, 'the unit in the filtered CPU list');
    await s.selectLine('sleep 601');
    s.send('R');
    const dialog = await s.waitFor((t) => t.includes('Restart hostile-desc.service?'), 5000, 'dialog');
    expect(dialog).toMatch(/description\s+evil.*RED.*end/);
    expect(s.screen(true)).not.toMatch(/\x1b\]|\x07|\x9b/);
    expect(s.format('#{pane_title}')).not.toContain('pwned');
    s.send('n');
    s.send('q');
  });
});

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/') && pid1 !== 'systemd')('service actions without systemd', () => {
  it('say "no systemd: PID 1 is …", stay disabled, and nothing crashes', async () => {
    const s = new TmuxSession('nosystemd', 120, 40, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('PID USER'), 10_000, 'console');
    await s.waitForSamples(1); // a second sample: the CPU list has its rows
    s.send('4');
    s.send('S');
    await s.waitFor((t) => t.includes(`no systemd: PID 1 is ${pid1}`), 3000, 'no-systemd message');
    s.send('u');
    await s.waitFor((t) => t.includes('Services') && t.includes(`no systemd: PID 1 is ${pid1}: service actions are off`), 3000, 'overlay message');
    s.send('R');
    await s.waitFor((t) => t.includes('service actions are off'), 3000, 'R refused too');
    s.send('Escape');
    s.send('4');
    await s.waitFor((t) => t.includes('PID USER'), 3000, 'still running');
    const report = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', '1'], { encoding: 'utf8' }));
    expect(report.services).toMatchObject({ available: false, manager: null, reason: `no systemd: PID 1 is ${pid1}` });
  });
});
