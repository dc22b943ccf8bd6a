/**
 * Remote and fleet for real: hosts are network namespaces running their own
 * sshd (test/support/ssh-hosts.ts), each with a loop ext4 only it sees
 * mounted and a writer filling it. `sitrep ssh` in tmux shows that host's
 * disk and writer, kills the writer there, records the remote stream; the
 * fleet sorts the filling host first, marks a stopped host stale and recovers
 * it; connection errors are one line within 10 s; nothing is left behind.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';
import { canRunSshLab, makeSshLab, waitForSshd, type SshLab } from '../support/ssh-hosts.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const MB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const ready = requireOrSkip(canRunSshLab() && hasTmux() && existsSync(SITREP), 'needs root, ip, sshd, ssh, tmux and dist/');
const shellWords = (words: readonly string[]) => words.map((w) => `'${w}'`).join(' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a writer inside host `i` (its network, mount and UTS namespaces), named `argv0`. */
function remoteWriter(lab: SshLab, i: number, file: string, rate: number, argv0 = 'node'): ChildProcess {
  const h = lab.hosts[i]!;
  const child = spawn('nsenter', ['-t', String(h.sshd.pid), '-m', '-n', '-u', 'bash', '-c', `exec -a "$0" ${process.execPath} ${WRITER} ${file} ${rate}`, argv0], { stdio: 'ignore' });
  cleanups.push(() => child.kill('SIGKILL'));
  return child;
}
/** Pids of the agent's node processes on host `i`. */
const agentPids = (lab: SshLab, i: number) => spawnSync('ip', ['netns', 'pids', lab.hosts[i]!.name], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
  .filter((pid) => { try { return execFileSync('cat', [`/proc/${pid}/cmdline`], { encoding: 'utf8' }).includes('agent'); } catch { return false; } });
const localSsh = (lab: SshLab) => spawnSync('pgrep', ['-f', `^ssh -T .*${lab.dir}`], { encoding: 'utf8' }).stdout.trim();

describe.runIf(ready)('sitrep ssh and fleet over real sshd hosts', () => {
  let lab: SshLab;
  beforeAll(async () => {
    lab = makeSshLab('rem', 2, 256);
    cleanups.push(() => lab.close());
    await waitForSshd(lab);
  }, 60_000);

  it('ssh: that host\'s disk and writer, K+y kills it there, --record replays, q leaves nothing behind', async () => {
    const h = lab.hosts[0]!;
    const file = join(h.mountPoint, 'mod_gzip.cache');
    const writer = remoteWriter(lab, 0, file, 4 * MB);
    const rec = join(lab.dir, 'remote.sitrep.gz');
    const t = new TmuxSession('ssh1', 160, 45, `node ${SITREP} ssh ${h.address} --record ${rec} -- ${shellWords(lab.sshOptions)}; echo EXIT=$?; sleep 60`);
    cleanups.push(() => t.kill());
    const screen = await t.waitFor((s) => s.includes(`data-0`) && /\+\d+(\.\d)?M\/s/.test(s) && s.includes(`${writer.pid} `), 30_000, 'the remote disk filling and its writer');
    expect(screen).toMatch(/SSH 10\.231\.\d+\.2 · last \d+s ago/);
    expect(screen).toContain('sshlab0');
    // The local machine has no such mount: the figures are the host's.
    expect(spawnSync('findmnt', ['-n', h.mountPoint], { encoding: 'utf8' }).stdout.trim()).toBe('');
    t.send('2');
    await t.waitFor((s) => /╭─ Writers/.test(s), 5000, 'Writers focused');
    // The first row is the writer's cgroup; the writer is under it.
    await t.selectLine(`${writer.pid} `);
    t.send('K');
    await t.waitFor((s) => s.includes(`${writer.pid}`) && /signal|TERM/.test(s) && /\bNo\b/.test(s), 5000, 'the kill dialog naming the writer');
    t.send('y');
    await t.waitFor((s) => new RegExp(`sent TERM to ${writer.pid}`).test(s), 15_000, 'the outcome from the host');
    expect(await eventually(() => spawnSync('kill', ['-0', String(writer.pid)]).status !== 0, 10_000), 'the writer gone').toBe(true);
    t.send('q');
    await t.waitFor((s) => s.includes('EXIT=0'), 10_000, 'the console to end');
    await eventually(() => localSsh(lab) === '' && agentPids(lab, 0).length === 0, 10_000);
    expect(localSsh(lab)).toBe('');
    expect(agentPids(lab, 0)).toEqual([]);
    const report = JSON.parse(execFileSync(process.execPath, [SITREP, 'snapshot', '--json', '--replay', rec], { encoding: 'utf8' }));
    expect(report.host.name).toBe('sshlab0');
    expect(report.filesystems.map((f: { mount: string }) => f.mount)).toContain(h.mountPoint);
    // ...and the recording replays in the console, here, as that host.
    const replay = new TmuxSession('ssh-replay', 160, 45, `node ${SITREP} replay ${rec}`);
    cleanups.push(() => replay.kill());
    await replay.waitFor((s) => s.includes('REPLAY') && s.includes('sshlab0') && s.includes('data-0'), 20_000, 'the remote recording replayed');
    replay.send('q');
  }, 90_000);

  it('ssh: a stalled link is marked stale while keys answer; tmux kill-session (the client hangs up) leaves no ssh here and no agent there', async () => {
    const h = lab.hosts[0]!;
    const t = new TmuxSession('ssh-hup', 140, 40, `node ${SITREP} ssh ${h.address} -- ${shellWords(lab.sshOptions)}`);
    cleanups.push(() => t.kill());
    await t.waitFor((s) => s.includes('sshlab0') && s.includes('╭─ Disks'), 30_000, 'the remote console');
    expect(agentPids(lab, 0).length).toBeGreaterThan(0);
    // A stalled link: the banner says STALE and counts, and the keys still answer.
    const pids = spawnSync('ip', ['netns', 'pids', lab.hosts[0]!.name], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    spawnSync('kill', ['-STOP', ...pids]);
    cleanups.push(() => spawnSync('kill', ['-CONT', ...pids]));
    await t.waitFor((s) => /SSH 10\.231\.\d+\.2 · STALE \d+s/.test(s), 10_000, 'the link marked stale');
    t.send('?');
    await t.waitFor((s) => s.includes('Main screen'), 5000, 'the help, while stalled');
    t.send('Escape');
    spawnSync('kill', ['-CONT', ...pids]);
    await t.waitFor((s) => /SSH 10\.231\.\d+\.2 · last \d+s ago/.test(s), 15_000, 'fresh data again');
    t.kill();
    const deadline = Date.now() + 10_000;
    while ((localSsh(lab) !== '' || agentPids(lab, 0).length > 0) && Date.now() < deadline) await sleep(200);
    expect(localSsh(lab)).toBe('');
    expect(agentPids(lab, 0)).toEqual([]);
  }, 60_000);

  it('fleet: the filling host first; a stopped host turns stale while the other updates, then recovers; --json for scripts', async () => {
    remoteWriter(lab, 1, join(lab.hosts[1]!.mountPoint, 'fill'), 2 * MB);
    const json = JSON.parse(execFileSync(process.execPath, [SITREP, 'snapshot', '--json', '--fleet', ...lab.hosts.map((h) => h.address), '--', ...lab.sshOptions], { encoding: 'utf8', timeout: 40_000 }));
    expect(json.hosts.map((r: { host: string; state: string }) => [r.host, r.state])).toEqual(expect.arrayContaining(lab.hosts.map((h) => [h.address, 'up'])));
    const t = new TmuxSession('fleet', 160, 30, `node ${SITREP} fleet ${lab.hosts.map((h) => h.address).join(' ')} -- ${shellWords(lab.sshOptions)}; echo EXIT=$?; sleep 60`);
    cleanups.push(() => t.kill());
    const rowOf = (s: string, i: number) => s.split('\n').find((l) => l.includes(lab.hosts[i]!.address)) ?? '';
    const up = await t.waitFor((s) => / up /.test(rowOf(s, 0)) && / up /.test(rowOf(s, 1)) && /data-1/.test(rowOf(s, 1)) && /\d+[smh]/.test(rowOf(s, 1)), 30_000, 'both hosts up, host 1 filling');
    expect(up.indexOf(lab.hosts[1]!.address)).toBeLessThan(up.indexOf(lab.hosts[0]!.address));
    // Stop everything of host 0 (its sshd session and agent): its row goes stale, host 1's keeps coming.
    const pids = spawnSync('ip', ['netns', 'pids', lab.hosts[0]!.name], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    spawnSync('kill', ['-STOP', ...pids]);
    cleanups.push(() => spawnSync('kill', ['-CONT', ...pids]));
    const stale = await t.waitFor((s) => /STALE|UNREACHABLE/.test(rowOf(s, 0)), 15_000, 'host 0 stale');
    const before = rowOf(stale, 1);
    await t.waitFor((s) => rowOf(s, 1) !== before && / up /.test(rowOf(s, 1)), 10_000, 'host 1 still updating');
    spawnSync('kill', ['-CONT', ...pids]);
    await t.waitFor((s) => / up /.test(rowOf(s, 0)), 40_000, 'host 0 back');
    // Enter opens the selected host's console over its link; Esc comes back.
    t.send('Enter');
    await t.waitFor((s) => /FLEET 10\.231/.test(s) && s.includes('╭─ Disks'), 20_000, 'a host console from the fleet');
    t.send('Escape');
    await t.waitFor((s) => s.includes('Fleet · 2 hosts'), 10_000, 'back to the fleet');
    t.send('q');
    await t.waitFor((s) => s.includes('EXIT=0'), 10_000, 'the fleet to end');
    await eventually(() => localSsh(lab) === '' && agentPids(lab, 0).length + agentPids(lab, 1).length === 0, 10_000);
    expect(localSsh(lab)).toBe('');
    expect([...agentPids(lab, 0), ...agentPids(lab, 1)]).toEqual([]);
  }, 150_000);

  it('a host without node, a wrong key and an unknown host key: one line each within 10 s, no prompt', async () => {
    const h = lab.hosts[1]!;
    const run = async (tag: string, args: string) => {
      const t = new TmuxSession(`sshe-${tag}`, 150, 20, `node ${SITREP} ssh ${h.address} ${args}; echo EXIT=$?; sleep 30`);
      cleanups.push(() => t.kill());
      const started = Date.now();
      const s = await t.waitFor((x) => x.includes('EXIT='), 12_000, `${tag} to end`);
      expect(Date.now() - started).toBeLessThan(10_500);
      t.kill();
      return s.split('\n').filter((l) => l.startsWith('sitrep:'));
    };
    expect(await run('node', `--remote-node /nonexistent/node -- ${shellWords(lab.sshOptions)}`)).toEqual([expect.stringMatching(/node not found there/)]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(lab.dir, 'other')]);
    const wrongKey = lab.sshOptions.map((o) => (o === join(lab.dir, 'id') ? join(lab.dir, 'other') : o));
    expect(await run('key', `-- ${shellWords(wrongKey)}`)).toEqual([expect.stringMatching(/permission denied/)]);
    const unknown = lab.sshOptions.map((o) => (o.startsWith('UserKnownHostsFile=') ? `UserKnownHostsFile=${join(lab.dir, 'empty_known_hosts')}` : o));
    expect(await run('hostkey', `-- ${shellWords(unknown)}`)).toEqual([expect.stringMatching(/unknown or changed host key/)]);
  }, 60_000);

  it('a host whose process names carry escape sequences shows them sanitized here', async () => {
    const h = lab.hosts[1]!;
    const writer = remoteWriter(lab, 1, join(h.mountPoint, 'evil.log'), 1 * MB, 'EVILARGV\x1b]0;pwned\x07\x1b[2J');
    const t = new TmuxSession('ssh-hostile', 160, 45, `node ${SITREP} ssh ${h.address} -- ${shellWords(lab.sshOptions)}`);
    cleanups.push(() => t.kill());
    await t.waitFor((s) => s.includes(`${writer.pid} `) && s.includes('EVILARGV'), 30_000, 'the hostile writer');
    for (const line of t.screen(true).split('\n').filter((l) => l.includes('EVILARGV'))) expect(line.replace(/\x1b\[[\d;]*m/g, '')).not.toMatch(/[\x00-\x1f\x7f]/);
    expect(t.format('#{pane_title}')).not.toContain('pwned');
    t.send('q');
  }, 60_000);
});
