/**
 * Attack 4 of the security issue, for real: an admin logs in over SSH (a real
 * sshd in a private network namespace, the client in another) and runs
 * `sudo sitrep`, whose env_reset drops SSH_CONNECTION. `b` must still refuse
 * the admin's own /24, and a line whose user name is an address must propose
 * the real source's range.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const ready = requireOrSkip(
  process.getuid?.() === 0 && hasTmux() && existsSync(SITREP) && existsSync('/usr/sbin/sshd') && ['ssh', 'ssh-keygen', 'sudo', 'ip', 'nft'].every(has),
  'needs root, tmux, sshd, ssh, sudo, ip, nft and dist/',
);
const SRV = `sitrep-sshd-${process.pid}`;
const CLI = `sitrep-sshc-${process.pid}`;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // go on with the rest
  }
}));

describe.runIf(ready)('security: blocking over a real SSH session under sudo', () => {
  const dir = join(TEST_ROOT, `sshd-${process.pid}`);
  const log = join(dir, 'auth.log');
  let sshd: ChildProcess | null = null;

  it('4. refuses the admin\'s own range with SSH_CONNECTION dropped by sudo; proposes the source, not the user name', async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // Two hosts: the server 192.0.2.1 and the admin's client 198.51.100.9.
    for (const ns of [SRV, CLI]) {
      execFileSync('ip', ['netns', 'add', ns]);
      cleanups.push(() => {
        // every process left in the namespace (sshd and its sessions) first, then the namespace
        const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
        if (pids.length) spawnSync('kill', ['-9', ...pids]);
        spawnSync('ip', ['netns', 'delete', ns]);
      });
    }
    const ip = (...args: string[]) => execFileSync('ip', args);
    ip('link', 'add', `vs${process.pid % 10000}`, 'type', 'veth', 'peer', 'name', `vc${process.pid % 10000}`);
    ip('link', 'set', `vs${process.pid % 10000}`, 'netns', SRV);
    ip('link', 'set', `vc${process.pid % 10000}`, 'netns', CLI);
    ip('-n', SRV, 'addr', 'add', '192.0.2.1/24', 'dev', `vs${process.pid % 10000}`);
    ip('-n', CLI, 'addr', 'add', '198.51.100.9/24', 'dev', `vc${process.pid % 10000}`);
    for (const [ns, dev] of [[SRV, `vs${process.pid % 10000}`], [CLI, `vc${process.pid % 10000}`]] as const) {
      ip('-n', ns, 'link', 'set', dev, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    ip('-n', SRV, 'route', 'add', '198.51.100.0/24', 'dev', `vs${process.pid % 10000}`);
    ip('-n', CLI, 'route', 'add', '192.0.2.0/24', 'dev', `vc${process.pid % 10000}`);

    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host')]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client')]);
    execFileSync('cp', [join(dir, 'client.pub'), join(dir, 'authorized_keys')]);
    writeFileSync(join(dir, 'sshd_config'), [
      `HostKey ${join(dir, 'host')}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'ListenAddress 192.0.2.1', 'Port 22',
      'UsePAM no', 'PermitRootLogin yes', 'StrictModes no', 'PasswordAuthentication no', `PidFile ${join(dir, 'sshd.pid')}`,
    ].join('\n') + '\n');
    mkdirSync('/run/sshd', { recursive: true });
    sshd = spawn('ip', ['netns', 'exec', SRV, '/usr/sbin/sshd', '-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' });
    cleanups.push(() => sshd?.kill('SIGKILL'));

    const stamp = () => {
      const d = new Date();
      return `${d.toString().slice(4, 10)} ${d.toTimeString().slice(0, 8)}`;
    };
    writeFileSync(log, [
      `${stamp()} srv sshd[700]: Failed password for invalid user 8.8.8.8 from 203.0.113.5 port 50000 ssh2`,
      `${stamp()} srv sshd[701]: Failed password for root from 198.51.100.50 port 50001 ssh2`,
      `${stamp()} srv cron[702]: (root) CMD (true)`,
    ].join('\n') + '\n');

    const ssh = (command: string) => `ip netns exec ${CLI} ssh -tt -i ${join(dir, 'client')} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null root@192.0.2.1 ${command}`;
    // sudo's env_reset really drops SSH_CONNECTION (what made the old refusal void).
    expect(await eventually(() => spawnSync('sh', ['-c', ssh('true')], { stdio: 'ignore', timeout: 5000 }).status === 0, 10_000)).toBe(true);
    const envs = execFileSync('sh', ['-c', ssh("'echo plain=$SSH_CONNECTION; sudo env | grep -c SSH_CONNECTION || true'")], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    expect(envs).toContain('plain=198.51.100.9');
    expect(envs).toMatch(/^0\s*$/m);

    const s = new TmuxSession('sec-block', 140, 45, ssh(`sudo ${process.execPath} ${SITREP} --log-file ${log}`));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('Failed password for root'), 15_000, 'sitrep over ssh, under sudo');
    s.send('3');
    await s.selectLine('from 198.51.100.50');
    s.send('b');
    await s.waitFor((t) => t.includes('refused: your own SSH client 198.51.100.9 is in 198.51.100.0/24'), 3000, 'own range refused');
    expect(s.screen()).not.toContain('Block 198.51.100.0/24?');

    await s.selectLine('invalid user 8.8.8.8');
    s.send('b');
    const dialog = await s.waitFor((t) => t.includes('Block 203.0.113.0/24?'), 3000, 'the source range proposed');
    expect(dialog).not.toContain('8.8.8.0/24');
    s.send('n');
    expect(execFileSync('ip', ['netns', 'exec', SRV, 'nft', 'list', 'ruleset'], { encoding: 'utf8' })).not.toContain('198.51.100.0/24');
    s.send('q');
    // sitrep ends, so does the session: the pane closes
    expect(await eventually(() => !spawnSync('pgrep', ['-f', `--log-file ${log}`]).stdout.length, 10_000)).toBe(true);
  });
});
