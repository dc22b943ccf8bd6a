/**
 * Issue 36, the audit trail, for real: sitrep runs inside a real systemd (PID
 * namespace, real journald), as root with SUDO_USER and an SSH client address
 * set as sudo and sshd set them, in a private network namespace (its nft block
 * stays there). K, S, d, T and b are each performed through the console on real
 * targets, and a refused K on pid 1 and a --read-only K; then `journalctl
 * SITREP_ACTION=…` inside the namespace lists each with the user, the client
 * address, the target's identity as locked and the outcome.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { hasTmux, requireOrSkip, shownPath, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const HOLDER = resolve('test/support/holder.mjs');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const ready = requireOrSkip(canBootSystemd() && canLoopMount() && hasTmux() && existsSync(SITREP) && ['nft', 'logger', 'unshare'].every(has), 'needs root, systemd, loop mounts, tmux, nft, logger and dist/');
const MB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // go on with the rest
  }
}));

type Entry = Record<string, string>;

describe.runIf(ready)('the audit trail in a real systemd namespace', () => {
  const fs = ready ? new LoopFs('audit', 256, ['-m', '1']) : null;
  cleanups.push(() => fs?.unmount());
  const ns = ready ? new SystemdNamespace() : null;
  cleanups.push(() => ns?.stop());
  /** The trail's entries for one action, from the namespace's journal. */
  const trail = (action: string): Entry[] => ns!.run(['journalctl', '-o', 'json', '--no-pager', `SITREP_ACTION=${action}`], { allowFail: true })
    .split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Entry);
  /** sitrep inside the namespace, in its own network namespace, as sudo and sshd would start it. */
  const console = (name: string, args: string[] = []) => {
    const argv = ns!.wrap(['unshare', '--net', 'env', 'SUDO_USER=alice', 'SSH_CONNECTION=198.51.100.7 50022 192.0.2.1 22', 'TERM=xterm-256color', 'node', SITREP, ...args]);
    const quoted = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`));
    const s = new TmuxSession(name, 150, 45, quoted.join(' '));
    cleanups.push(() => s.kill());
    return s;
  };
  const filterCpu = async (s: TmuxSession, text: string) => {
    s.send('4');
    s.type('\\');
    s.send(...Array<string>(24).fill('BSpace')); // the filter before
    s.type(text);
    s.send('Enter');
    await s.waitFor((t) => t.includes(`filter "${text}"`) && t.includes(text), 10_000, `the CPU list filtered to ${text}`);
    await s.selectLine(text);
  };

  it('K, S, d, T and b through the console, and refusals: each listed by journalctl SITREP_ACTION= with user, client, target and outcome', async () => {
    const victim = join(fs!.mountPoint, 'victim.bin');
    writeFileSync(victim, Buffer.alloc(20 * MB, 7));
    ns!.startUnit('audit-sleep', ['sleep', '7001'], { Description: 'audit K target' });
    ns!.startUnit('audit-web', ['sleep', '7002'], { Description: 'audit S target' });
    ns!.startUnit('audit-holder', [process.execPath, HOLDER, join(fs!.mountPoint, 'rotated.log'), String(30 * MB)]);
    const s = console('audit-main', ['--dir', fs!.mountPoint]);

    // d: delete a file in the drill-down.
    await s.waitFor((t) => t.includes('victim.bin'), 15_000, 'drill-down listing');
    await s.selectLine('victim.bin');
    s.send('d');
    await s.waitFor((t) => t.includes(`Delete ${victim}?`) && !t.includes('measuring…'), 10_000, 'delete dialog, measured');
    s.send('y');
    await s.waitFor((t) => shownPath(t, 'deleted', victim, ': freed'), 10_000, 'deleted');
    s.send('Escape');
    s.send('Escape');

    // T: truncate the deleted file the holder keeps open.
    await s.waitFor((t) => t.includes('rotated.log'), 20_000, 'the held file in Writers');
    s.send('2');
    await s.selectLine('rotated.log');
    s.send('T');
    await s.waitFor((t) => t.includes('held by a deleted file?') && t.includes('rotated.log'), 5000, 'truncate dialog');
    s.send('y');
    await s.waitFor((t) => /freed 30\.0 MiB: truncated .*rotated\.log/.test(t), 10_000, 'truncated');

    // K: TERM to the sleep of a unit.
    const sleepPid = ns!.property('audit-sleep', 'MainPID');
    await filterCpu(s, 'sleep 7001');
    s.send('K');
    await s.waitFor((t) => t.includes('Send a signal'), 5000, 'signal dialog');
    s.send('y');
    await s.waitFor((t) => t.includes(`sent TERM to ${sleepPid}`), 10_000, 'signal sent');
    s.send('Escape');

    // S: stop a unit.
    await filterCpu(s, 'sleep 7002');
    s.send('S');
    await s.waitFor((t) => t.includes('Stop audit-web.service?'), 5000, 'stop dialog');
    s.send('y');
    await s.waitFor((t) => /stopped audit-web\.service in/.test(t), 15_000, 'stopped');
    s.send('Escape');

    // K on pid 1: refused before any dialog.
    await filterCpu(s, 'systemd --system');
    s.send('K');
    await s.waitFor((t) => t.includes('refused: pid 1 is the init process'), 5000, 'pid 1 refused');
    s.send('Escape');

    // b: block the range of the log lines (in the console's own network namespace).
    // Requests from one range, logged now: the newest lines (the read-back at start keeps the newest 5,000).
    for (let i = 0; i < 6; i++) ns!.run(['logger', '-t', 'nginx', `203.0.113.${7 + i} - - "GET /wp-login.php HTTP/1.1" 404 0`]);
    // Focus the Log and see it focused (its border drawn in the focus colour) before filtering: in two CI runs
    // the selection never reached the Log (the focus had stayed on CPU), so the step is checked, not assumed.
    const logFocused = (): boolean => s.screen(true).split('\n').some((l) => l.startsWith('\x1b[36m') && l.replace(/\x1b\[[\d;]*m/g, '').startsWith('╭─ Log'));
    for (let tries = 0; tries < 5 && !logFocused(); tries++) {
      s.send('3');
      const deadline = Date.now() + 2000;
      while (!logFocused() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    }
    expect(logFocused(), s.screen()).toBe(true);
    // The line is picked with the text filter (&), not by moving (as security-local-block): filtered to one line,
    // the Log follows it and b acts on it. (Stepping with g/j in the filtered Log showed no selection in CI runs.)
    s.type('&');
    s.type('203.0.113.9 - -');
    s.send('Enter');
    await s.waitFor((t) => {
      const shown = t.split('\n').filter((l) => l.includes('wp-login.php'));
      return shown.length === 1 && shown[0]!.includes('203.0.113.9 - -');
    }, 20_000, 'the Log filtered to the one line');
    s.send('b');
    await s.waitFor((t) => t.includes('Block 203.0.113.0/24?'), 5000, 'block dialog');
    s.send('y');
    await s.waitFor((t) => t.includes('blocked 203.0.113.0/24 (nft table inet sitrep)'), 10_000, 'blocked');
    s.send('q');

    // --read-only: K is refused, and that is in the trail too.
    const ro = console('audit-ro', ['--read-only']);
    await ro.waitFor((t) => /PID USER/.test(t), 15_000, 'read-only console');
    ro.send('4');
    ro.send('K');
    await ro.waitFor((t) => t.includes('read-only: actions are off (--read-only)'), 5000, 'read-only refusal');
    ro.send('q');

    const who = { SITREP_USER: 'alice', SITREP_FROM: '198.51.100.7', SYSLOG_IDENTIFIER: 'sitrep' };
    const one = (action: string, match: (e: Entry) => boolean): Entry => {
      const found = trail(action).filter(match);
      expect(found, `${action} in the journal: ${JSON.stringify(trail(action)).slice(0, 500)}`).toHaveLength(1);
      return found[0]!;
    };
    const del = one('delete', (e) => e.SITREP_T_PATH === victim);
    expect(del).toMatchObject({ ...who, SITREP_OUTCOME: 'ok', SITREP_FIGURES: expect.stringMatching(/MiB/) });
    expect(del.SITREP_TARGET).toMatch(new RegExp(`^path ${victim} dev \\d+:\\d+ ino \\d+$`));
    const trunc = one('truncate', () => true);
    expect(trunc).toMatchObject({ ...who, SITREP_OUTCOME: 'ok', SITREP_T_PATH: join(fs!.mountPoint, 'rotated.log'), SITREP_FIGURES: '30.0 MiB held' });
    expect(trunc.SITREP_TARGET).toMatch(/dev \d+:\d+ ino \d+ fd \d+ of pid \d+ \(node\) start \d+/);
    const kill = one('signal', (e) => e.SITREP_T_PID === sleepPid);
    expect(kill).toMatchObject({ ...who, SITREP_OUTCOME: 'ok', SITREP_T_SIGNAL: 'TERM', SITREP_T_COMM: 'sleep', SITREP_T_UNIT: 'audit-sleep.service' });
    expect(kill.SITREP_T_START).toMatch(/^\d+$/);
    expect(one('stop', () => true)).toMatchObject({ ...who, SITREP_OUTCOME: 'ok', SITREP_TARGET: 'unit audit-web.service', SITREP_T_UNIT: 'audit-web.service' });
    expect(one('block', (e) => e.SITREP_OUTCOME === 'ok')).toMatchObject({ ...who, SITREP_TARGET: 'range 203.0.113.0/24' });
    expect(one('signal', (e) => e.SITREP_T_PID === '1')).toMatchObject({ ...who, SITREP_OUTCOME: 'refused', SITREP_RESULT: 'refused: pid 1 is the init process' });
    expect(one('kill', () => true)).toMatchObject({ ...who, SITREP_OUTCOME: 'refused', SITREP_RESULT: 'read-only: actions are off (--read-only)' });
    expect(ns!.isActive('audit-web')).toBe('inactive');
  }, 240_000);
});
