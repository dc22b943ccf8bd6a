/**
 * Issue 36: a remote action is logged on the host where it acts. A lab host
 * (its own network and mount namespaces, a real sshd) has no journal but a
 * syslog socket (/dev/log, a listener writing each datagram to a file, as a
 * syslog daemon would). `sitrep ssh` to it: K on a real process there, and a
 * refused K on its pid 1; the host's syslog then holds both, with the SSH
 * client address sshd gave the agent, `via sitrep ssh`, the target's pid and
 * start time, and the outcome.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryFromSyslog } from '../../src/effects/audit-entry.js';
import { canRunSshLab, makeSshLab, waitForSshd, type SshLab } from '../support/ssh-hosts.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const ready = requireOrSkip(canRunSshLab() && hasTmux() && existsSync(SITREP) && existsSync('/usr/bin/python3'), 'needs root, the SSH lab, tmux, python3 and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // go on with the rest
  }
}));
const shellWords = (words: readonly string[]) => words.map((w) => `'${w}'`).join(' ');
const LISTENER = [
  'import socket,sys',
  's=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)',
  's.bind("/run/systemd/journal/dev-log")',
  'f=open(sys.argv[1],"ab",0)',
  'print("ready",flush=True)',
  'while True: f.write(s.recv(65536)+b"\\n")',
].join('\n');

describe.runIf(ready)('the audit trail over sitrep ssh', () => {
  let lab: SshLab | null = null;
  cleanups.push(() => lab?.close());

  it('K and a refused K on pid 1 are in the host\'s syslog, with the client address and via sitrep ssh', async () => {
    lab = makeSshLab('audit', 1);
    await waitForSshd(lab);
    const h = lab.hosts[0]!;
    const syslog = join(lab.dir, 'syslog.txt');
    // A syslog socket only this host sees: /run/systemd is a fresh tmpfs in its mount namespace.
    const listener = spawn('nsenter', ['-t', String(h.sshd.pid), '-m', '-n', '-u', 'sh', '-c', `mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/journal && exec /usr/bin/python3 -c '${LISTENER}' ${syslog}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => listener.kill('SIGKILL'));
    await new Promise((r) => listener.stdout!.once('data', r));
    const victim = spawn('nsenter', ['-t', String(h.sshd.pid), '-m', '-n', '-u', 'sleep', '7003'], { stdio: 'ignore' });
    cleanups.push(() => victim.kill('SIGKILL'));
    await eventually(() => spawnSync('pgrep', ['-x', '-f', 'sleep 7003']).status === 0, 5000);
    const victimPid = Number(spawnSync('pgrep', ['-x', '-f', 'sleep 7003'], { encoding: 'utf8' }).stdout.trim());

    const t = new TmuxSession('audit-ssh', 160, 45, `node ${SITREP} ssh ${h.address} -- ${shellWords(lab.sshOptions)}`);
    cleanups.push(() => t.kill());
    await t.waitFor((s) => s.includes('PID USER'), 30_000, 'remote console');
    const filter = async (text: string) => {
      t.send('4');
      t.type('\\');
      t.send(...Array<string>(24).fill('BSpace'));
      t.type(text);
      t.send('Enter');
      await t.waitFor((s) => s.includes(`filter "${text}"`) && s.split('\n').some((l) => l.includes(text) && !l.includes('filter')), 15_000, `filtered to ${text}`);
      await t.selectLine(text);
    };
    await filter('sleep 7003');
    t.send('K');
    await t.waitFor((s) => s.includes('Send a signal'), 5000, 'signal dialog');
    t.send('y');
    await t.waitFor((s) => s.includes(`sent TERM to ${victimPid}`), 15_000, 'sent on the host');
    t.send('Escape');
    await filter('process_api');
    t.send('K');
    await t.waitFor((s) => s.includes('refused: pid 1 is the init process'), 5000, 'pid 1 refused');
    t.send('q');

    const entries = () => readFileSync(syslog, 'utf8').split('\n').map((l) => entryFromSyslog(l)).filter((e) => e !== null);
    expect(await eventually(() => entries().length >= 2, 10_000)).toBe(true);
    const client = h.address.replace(/\.2$/, '.1');
    expect(entries().find((e) => e.action === 'signal' && e.outcome === 'ok')).toMatchObject({ user: 'root', from: client, via: 'sitrep ssh', fields: { pid: String(victimPid), signal: 'TERM', comm: 'sleep' } });
    expect(entries().find((e) => e.outcome === 'refused')).toMatchObject({ action: 'signal', from: client, via: 'sitrep ssh', fields: { pid: '1' }, text: 'refused: pid 1 is the init process' });
    expect(readFileSync(syslog, 'utf8')).toMatch(/^<3[67]>.*sitrep: root from 10\.231\.\d+\.1 signal pid \d+ \(sleep\)/m);
  }, 180_000);
});
