/**
 * Issue 28 items 5 and 6, file mode: `b` in a real network namespace (the
 * server 192.0.2.1, with nft), with a real sshd and a real SSH session from
 * 203.0.113.7, while user nobody runs a process named `sshd` holding a TCP
 * connection to 198.51.100.9. The fake sshd must not protect 198.51.100.0/24;
 * the real session must still protect 203.0.113.0/24. Forged lines from this
 * host's own range, from link-local fe80::5 and from the DNS server's range
 * must be refused with the reason; a line from a file says its source is
 * unverified.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { makeNetPair } from '../support/netns.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const PYTHON = '/usr/bin/python3';
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const ready = requireOrSkip(
  process.getuid?.() === 0 && hasTmux() && existsSync(SITREP) && existsSync('/usr/sbin/sshd') && existsSync(PYTHON) && ['ssh', 'ssh-keygen', 'setpriv', 'ip', 'nft'].every(has),
  'needs root, tmux, sshd, ssh, setpriv, ip, nft, python3 and dist/',
);
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // go on with the rest
  }
}));

/** Starts a child and resolves once it prints "ready". */
function started(argv: readonly string[]): Promise<ChildProcess> {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => child.kill('SIGKILL'));
  return new Promise((res, rej) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && res(child));
    child.on('exit', (code) => rej(new Error(`${argv.join(' ')} exited ${code}`)));
  });
}

describe.runIf(ready)('b in a real network namespace (issue 28 items 5, 6)', () => {
  let pair: ReturnType<typeof makeNetPair>;
  let log = '';
  beforeAll(async () => {
    const dir = join(TEST_ROOT, `i28-block-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    pair = makeNetPair('i28b', ['198.51.100.9', '203.0.113.7'], ['198.51.100.0/24', '203.0.113.0/24']);
    cleanups.push(pair.close);
    // This host's DNS server, as `ip netns exec` shows it: /etc/netns/NAME/resolv.conf.
    const netnsEtc = `/etc/netns/${pair.server}`;
    mkdirSync(netnsEtc, { recursive: true });
    writeFileSync(join(netnsEtc, 'resolv.conf'), 'nameserver 198.18.7.53\n');
    cleanups.push(() => rmSync(netnsEtc, { recursive: true, force: true }));
    execFileSync('ip', ['-n', pair.server, 'route', 'add', 'default', 'via', '192.0.2.254']);

    // A real sshd on 192.0.2.1 and a real session from 203.0.113.7.
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host')]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client')]);
    execFileSync('cp', [join(dir, 'client.pub'), join(dir, 'authorized_keys')]);
    writeFileSync(join(dir, 'sshd_config'), [
      `HostKey ${join(dir, 'host')}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'ListenAddress 192.0.2.1', 'Port 22',
      'UsePAM no', 'PermitRootLogin yes', 'StrictModes no', 'PasswordAuthentication no', `PidFile ${join(dir, 'sshd.pid')}`,
    ].join('\n') + '\n');
    mkdirSync('/run/sshd', { recursive: true });
    const sshd = spawn('ip', ['netns', 'exec', pair.server, '/usr/sbin/sshd', '-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' });
    cleanups.push(() => sshd.kill('SIGKILL'));
    const sshArgs = ['ip', 'netns', 'exec', pair.clients, 'ssh', '-b', '203.0.113.7', '-i', join(dir, 'client'), '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', 'root@192.0.2.1'];
    expect(await eventually(() => spawnSync(sshArgs[0]!, [...sshArgs.slice(1), 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0, 15_000)).toBe(true);
    await started([...sshArgs, 'echo ready; exec sleep 600']);

    // The attacker: nobody names a process sshd and holds one connection to 198.51.100.9.
    await started(['ip', 'netns', 'exec', pair.clients, PYTHON, '-c',
      "import socket,time\nl=socket.socket()\nl.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\nl.bind(('198.51.100.9',9000))\nl.listen()\nprint('ready',flush=True)\nc=l.accept()\ntime.sleep(600)"]);
    await started(['ip', 'netns', 'exec', pair.server, 'setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', PYTHON, '-c',
      "import socket,time\nopen('/proc/self/comm','w').write('sshd')\ns=socket.create_connection(('198.51.100.9',9000))\nprint('ready',flush=True)\ntime.sleep(600)"]);

    const stamp = () => {
      const d = new Date();
      return `${d.toString().slice(4, 10)} ${d.toTimeString().slice(0, 8)}`;
    };
    log = join(dir, 'auth.log');
    const line = (from: string, n: number) => `${stamp()} srv sshd[${700 + n}]: Failed password for root from ${from} port ${40000 + n} ssh2`;
    writeFileSync(log, [
      line('198.51.100.50', 1), line('203.0.113.5', 2), line('fe80::5', 3), line('198.18.7.99', 4),
      ...Array.from({ length: 60 }, (_, i) => line('192.0.2.77', 10 + i)),
    ].join('\n') + '\n');
  }, 60_000);

  /** sitrep in the server's namespace, on the log, its Log pane focused; and `b` on the line holding `text`. */
  async function console(name: string): Promise<{ s: TmuxSession; tryBlock: (text: string) => Promise<void> }> {
    const s = new TmuxSession(name, 160, 50, `ip netns exec ${pair.server} ${process.execPath} ${SITREP} --log-file ${log}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('from 192.0.2.77'), 20_000, 'the log');
    s.send('3');
    // The line is picked with the text filter (&), not by moving: keys stay few on a loaded machine.
    const tryBlock = async (text: string) => {
      s.send('&');
      s.send('Escape');
      s.send('&');
      s.type(text);
      s.send('Enter');
      await s.waitFor((t) => {
        const shown = t.split('\n').filter((l) => l.includes('Failed password'));
        return shown.length > 0 && shown.every((l) => l.includes(text));
      }, 20_000, `only the line with ${text}`);
      s.send('b');
    };
    return { s, tryBlock };
  }

  it('6: this host\'s own range, link-local and the DNS server\'s range are refused with the reason', async () => {
    const { s, tryBlock } = await console('i28-block6');
    // 6: this host's own range, link-local and the DNS server's range: refused with the reason.
    await tryBlock('from 192.0.2.77');
    await s.waitFor((t) => t.includes('refused: 192.0.2.0/24 holds 192.0.2.1, an address of this host'), 20_000, 'own range refused');
    await tryBlock('from fe80::5');
    await s.waitFor((t) => /refused: fe80[0:]*::\/48 is link-local/.test(t), 20_000, 'link-local refused');
    await tryBlock('from 198.18.7.99');
    await s.waitFor((t) => t.includes('refused: 198.18.7.0/24 holds 198.18.7.53, a DNS server'), 20_000, 'DNS range refused');
    s.send('q');
  }, 120_000);

  it('5: a process named sshd protects nothing, the real sshd\'s session does; 6: a file line is unverified', async () => {
    const { s, tryBlock } = await console('i28-block5');
    // 5: the real session's range is protected when the block is about to be added.
    await tryBlock('from 203.0.113.5');
    await s.waitFor((t) => t.includes('Block 203.0.113.0/24?'), 20_000, 'dialog');
    s.send('y');
    await s.waitFor((t) => t.includes('refused: the SSH session from 203.0.113.7 is in 203.0.113.0/24'), 10_000, 'the real session protects its range');
    // 5: the fake sshd's range is not; 6: the file's source is said to be unverified.
    await tryBlock('from 198.51.100.50');
    const dialog = await s.waitFor((t) => t.includes('Block 198.51.100.0/24?'), 20_000, 'dialog');
    s.send('y');
    await s.waitFor((t) => t.includes('blocked 198.51.100.0/24') || t.includes('refused: the SSH session from 198.51.100.9'), 10_000, 'the block added');
    expect(s.screen()).not.toContain('refused: the SSH session from 198.51.100.9');
    const rules = pair.exec(pair.server, ['nft', 'list', 'ruleset']);
    expect(rules).toContain('198.51.100.0/24');
    expect(rules).not.toContain('192.0.2.0/24');
    expect(rules).not.toContain('203.0.113.0/24');
    expect(rules).not.toMatch(/fe80/);
    expect(dialog).toContain('source   unverified: a log file does not say which program wrote a line');
    s.send('q');
  }, 120_000);
});
