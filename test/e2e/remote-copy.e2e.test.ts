/**
 * `sitrep ssh` to a host without Node, for real: a host of the sshd-in-netns
 * lab (test/support/ssh-hosts.ts) whose mount namespace has every node hidden
 * and a private /root (its HOME). The single executable, run here, copies
 * itself over the same ssh channel into ~/.cache/sitrep/<sha256>/ and shows
 * the host's console; the second connection, and the fleet, send nothing (the
 * veth's bytes and the cache's mtime say so); a planted symlink, a file with a wrong hash
 * and a cache directory other users can write are refused and named; without
 * --copy the copy is offered, and declining it is one line; --no-copy sends
 * nothing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';
import { canRunSshLab, makeSshLab, waitForSshd, type SshHost, type SshLab } from '../support/ssh-hosts.js';
import { BINARY, canHideNode, ensureBinary, hideNodeMounts } from '../support/no-node.js';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const shellWords = (words: readonly string[]) => words.map((w) => `'${w}'`).join(' ');
const MB = 2 ** 20;

describe.runIf(requireOrSkip(canRunSshLab() && hasTmux() && canHideNode(), 'needs root, ip, sshd, ssh, tmux and unshare'))('sitrep ssh to a host without node', () => {
  let lab: SshLab;
  let h: SshHost;
  let sha: string;
  const sent = () => Number(readFileSync(`/sys/class/net/${h.outer}/statistics/tx_bytes`, 'utf8'));
  const onHost = (script: string) => h.exec(['sh', '-c', script]);
  const cacheDir = () => `/root/.cache/sitrep/${sha}`;
  /** Runs the executable's ssh in tmux; returns the screen once `until` holds (the console is quit with q first when `console`). */
  const ssh = async (tag: string, flags: string, console: boolean, input?: string) => {
    const t = new TmuxSession(`cpy-${tag}`, 300, 50, `${BINARY} ssh ${h.address} ${flags} -- ${shellWords(lab.sshOptions)}; echo EXIT=$?; sleep 60`);
    cleanups.push(() => t.kill());
    if (input) {
      await t.waitFor((s) => s.includes('[y/N]'), 60_000, 'the offer');
      t.type(input);
      t.send('Enter');
    }
    if (console) {
      await t.waitFor((s) => s.includes('sshlab0') && s.includes('╭─ Disks'), 120_000, "the host's console");
      t.send('q');
    }
    const screen = await t.waitFor((s) => s.includes('EXIT='), 60_000, `${tag} to end`);
    t.kill();
    return screen.replace(/\n(?!sitrep:|EXIT=)/g, '');
  };

  beforeAll(async () => {
    ensureBinary();
    sha = createHash('sha256').update(readFileSync(BINARY)).digest('hex');
    lab = makeSshLab('cpy', 1, 64);
    cleanups.push(() => lab.close());
    h = lab.hosts[0]!;
    for (const argv of hideNodeMounts()) h.exec(argv);
    h.exec(['mount', '-t', 'tmpfs', '-o', 'mode=0700', 'tmpfs', '/root']);
    expect(onHost('command -v node || echo no-node').trim()).toBe('no-node');
    await waitForSshd(lab);
  }, 360_000);

  it('the first connection copies the executable, says what and how big, and shows the console', async () => {
    const before = sent();
    const screen = await ssh('first', '--copy', true);
    const bytes = sent() - before;
    console.log(`first connection: ${(bytes / MB).toFixed(1)} MiB sent to the host`);
    expect(screen).toMatch(/sitrep: 10\.231\.\d+\.2: sending sitrep's executable \([\d.]+ MiB; [\d.]+ MiB gzip\) into ~\/\.cache\/sitrep\/[0-9a-f]{12}…\/ there/);
    expect(screen).toContain('EXIT=0');
    expect(bytes).toBeGreaterThan(10 * MB);
    const [mode, uid] = onHost(`stat -c '%a %u' ${cacheDir()} ${cacheDir()}/sitrep`).trim().split('\n').map((l) => l.split(' '))[1]!;
    expect([mode, uid]).toEqual(['700', '0']);
    expect(onHost(`stat -c %a /root/.cache/sitrep ${cacheDir()}`).trim().split('\n')).toEqual(['700', '700']);
    expect(onHost(`sha256sum ${cacheDir()}/sitrep`).split(' ')[0]).toBe(sha);
  }, 240_000);

  it('the second connection finds it cached and sends nothing', async () => {
    const mtime = onHost(`stat -c %Y.%i ${cacheDir()}/sitrep`);
    const before = sent();
    const screen = await ssh('second', '--copy', true);
    const bytes = sent() - before;
    console.log(`second connection: ${(bytes / 1024).toFixed(0)} KiB sent to the host`);
    expect(screen).toContain("runs sitrep's executable from its cache (~/.cache/sitrep/): nothing sent");
    expect(screen).not.toContain('sending');
    expect(bytes).toBeLessThan(2 * MB);
    expect(onHost(`stat -c %Y.%i ${cacheDir()}/sitrep`)).toBe(mtime);
    // The fleet reaches it the same way: its row comes from the cached executable.
    const fleet = JSON.parse(execFileSync(BINARY, ['fleet', '--json', h.address, '--', ...lab.sshOptions], { encoding: 'utf8', timeout: 60_000 }));
    expect(fleet.hosts.map((r: { hostname: string; state: string }) => [r.hostname, r.state])).toEqual([['sshlab0', 'up']]);
    expect(onHost(`stat -c %Y.%i ${cacheDir()}/sitrep`)).toBe(mtime);
  }, 240_000);

  it('a wrong-hash file, a planted symlink and a cache other users can write are refused and named', async () => {
    onHost(`printf 'not sitrep' > ${cacheDir()}/sitrep.new && chmod 700 ${cacheDir()}/sitrep.new && mv ${cacheDir()}/sitrep.new ${cacheDir()}/sitrep`);
    const wrong = await ssh('hash', '--copy', false);
    expect(wrong).toMatch(new RegExp(`sitrep: 10\\.231\\.\\d+\\.2: sitrep: refusing ${cacheDir()}/sitrep: its sha256 is [0-9a-f]{16}\\.\\.\\., not the one its path names; nothing was run`));
    expect(onHost(`cat ${cacheDir()}/sitrep`)).toBe('not sitrep');
    onHost(`rm -rf ${cacheDir()} && mkdir -m 700 /root/elsewhere && ln -s /root/elsewhere ${cacheDir()}`);
    const link = await ssh('link', '--copy', false);
    expect(link).toContain(`sitrep: refusing ${cacheDir()}: it is a symlink; nothing was run`);
    expect(onHost('ls -A /root/elsewhere')).toBe('');
    onHost(`rm ${cacheDir()} && chmod 777 /root/.cache/sitrep`);
    const open = await ssh('open', '--copy', false);
    expect(open).toContain('sitrep: refusing /root/.cache/sitrep: other users can write it (drwxrwxrwx');
    expect(onHost(`ls -A /root/.cache/sitrep`)).toBe('');
  }, 240_000);

  it('without --copy the copy is offered (declined: one line; accepted: sent); --no-copy sends nothing', async () => {
    onHost('chmod 700 /root/.cache/sitrep');
    const declined = await ssh('offer', '', false, 'n');
    expect(declined).toMatch(/sitrep: 10\.231\.\d+\.2: node not found there \(Node >= 20\.19 is needed; --remote-node PATH names it\); --copy sends sitrep's executable \([\d.]+ MiB; [\d.]+ MiB gzip\)/);
    const before = sent();
    const no = await ssh('nocopy', '--no-copy', false);
    expect(no).toMatch(/node not found there .*; --no-copy: nothing was sent/);
    expect(sent() - before).toBeLessThan(2 * MB);
    expect(onHost(`ls -A /root/.cache/sitrep`)).toBe('');
    // Yes to the offer: it is sent, then the console.
    const accepted = await ssh('accept', '', true, 'y');
    expect(accepted).toMatch(/sending sitrep's executable/);
    expect(onHost(`sha256sum ${cacheDir()}/sitrep`).split(' ')[0]).toBe(sha);
  }, 240_000);
});
