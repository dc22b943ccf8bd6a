/**
 * Over `sitrep ssh`, S on the unit holding the SSH session asks for the
 * unit's name typed, as locally (issue 28 item 8). A real systemd in a PID
 * namespace (test/support/systemd-ns.ts) runs sshd as the unit
 * labsshd.service on 127.0.0.1; the agent that sshd starts is in that unit,
 * and its hello says so. The agent also refuses, on its own side, a stop of
 * that unit that did not come through the typed confirmation.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const ready = requireOrSkip(canBootSystemd() && hasTmux() && existsSync(SITREP) && existsSync('/usr/sbin/sshd'), 'needs root, systemd, sshd, tmux and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UNIT = 'labsshd.service';

describe.runIf(ready)('the remote console knows the unit holding its SSH session', () => {
  it('S on it asks for the name typed; the hello names it; the agent refuses an unguarded stop of it', async () => {
    const dir = `/srv/sitrep-i28-unit-${process.pid}`;
    const port = 23000 + (process.pid % 2000);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
    execFileSync('cp', [join(dir, 'id.pub'), join(dir, 'authorized_keys')]);
    const hostKey = execFileSync('cat', [join(dir, 'host_key.pub')], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ');
    writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
    writeFileSync(join(dir, 'sshd.conf'), [`ListenAddress 127.0.0.1:${port}`, `HostKey ${join(dir, 'host_key')}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'UsePAM no', 'PermitRootLogin yes', 'StrictModes no', 'PidFile none', 'LogLevel ERROR', `SetEnv PATH=${process.env.PATH}`, ''].join('\n'));
    const ns = new SystemdNamespace();
    cleanups.push(() => ns.stop());
    ns.run(['mkdir', '-p', '/run/sshd']);
    ns.startUnit('labsshd', ['/usr/sbin/sshd', '-D', '-e', '-f', join(dir, 'sshd.conf')], { Description: 'sshd for the sitrep test' });
    const ssh = ['-p', String(port), '-i', join(dir, 'id'), '-o', `UserKnownHostsFile=${join(dir, 'known_hosts')}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'IdentitiesOnly=yes', '-l', 'root'];
    const deadline = Date.now() + 20_000;
    while (spawnSync('ssh', [...ssh, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=2', '127.0.0.1', 'true']).status !== 0) {
      if (Date.now() > deadline) throw new Error(`sshd in ${UNIT} did not come up: ${ns.isActive(UNIT)}`);
      await sleep(200);
    }

    // The console: S on the sshd's row (its unit holds the agent's session) asks for the name typed.
    const s = new TmuxSession('i28-unit', 160, 45, `node ${SITREP} ssh 127.0.0.1 -- ${ssh.map((w) => `'${w}'`).join(' ')}; echo EXIT=$?; sleep 60`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('PID USER') && t.includes('SSH 127.0.0.1'), 30_000, 'the remote console');
    s.send('u');
    await s.waitFor((t) => t.includes('Services · systemd') && !t.includes('reading the service manager'), 20_000, 'units read there');
    s.send('Escape');
    s.send('4');
    s.type('\\');
    s.type('sshd -D');
    s.send('Enter');
    await s.waitFor((t) => t.includes('filter "sshd -D"') && t.includes('/usr/sbin/sshd -D'), 15_000, 'sshd in the filtered CPU list');
    await s.selectLine('/usr/sbin/sshd -D');
    s.send('S');
    const dialog = await s.waitFor((t) => t.includes(`Stop ${UNIT}?`), 10_000, 'the stop dialog');
    expect(dialog).toContain(`type ${UNIT} and Enter to stop it`);
    expect(dialog).toMatch(/holds this sitrep's own terminal session/);
    // A plain y does nothing here: the name must be typed.
    s.send('y');
    await sleep(1500);
    expect(ns.isActive(UNIT)).toBe('active');
    s.send('Escape');
    s.send('q');
    await s.waitFor((t) => t.includes('EXIT=0'), 15_000, 'the console to end');

    // The agent's side: its hello names the unit, and a stop of it without the guard is refused there.
    const agent = spawn('ssh', ['-T', '-o', 'BatchMode=yes', ...ssh, '127.0.0.1', process.execPath, SITREP, 'agent', '--interval', '1'], { stdio: ['pipe', 'pipe', 'pipe'] });
    cleanups.push(() => agent.kill('SIGKILL'));
    let hello: { sessionUnits?: string[] } | null = null;
    let outcome: { ok: boolean; text: string } | null = null;
    createInterface({ input: agent.stdout }).on('line', (text) => {
      // The last line can be cut when the link is killed at the end (a sample is >128 KiB here): only whole lines count.
      let v: { kind?: string; ok: boolean; text: string; sessionUnits?: string[] };
      try {
        v = JSON.parse(text) as typeof v;
      } catch {
        return;
      }
      if (v.kind === 'agent') hello = { sessionUnits: v.sessionUnits };
      if (v.kind === 'outcome') outcome = v;
    });
    const until = async (what: () => boolean, ms: number, label: string) => {
      const end = Date.now() + ms;
      while (!what()) {
        if (Date.now() > end) throw new Error(`${label}: not seen`);
        await sleep(100);
      }
    };
    await until(() => hello !== null, 20_000, 'the hello');
    expect(hello!.sessionUnits).toContain(UNIT);
    const target = { unit: UNIT, manager: 'systemd', description: '', state: 'active (running)', mainPid: 0, members: [], guard: null };
    agent.stdin.write(`${JSON.stringify({ kind: 'intent', id: 1, intent: { kind: 'service', verb: 'stop', target } })}\n`);
    await until(() => outcome !== null, 20_000, 'the outcome');
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome!.text).toMatch(/^refused: labsshd\.service holds this sitrep's own terminal session/);
    expect(ns.isActive(UNIT)).toBe('active');
    agent.stdin.end();
  }, 180_000);
});
