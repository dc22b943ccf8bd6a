/**
 * Hostile and broken remote hosts over real sshd hosts (network namespaces,
 * test/support/ssh-hosts.ts), issue 28 items 2, 15 and 17. A fake "node"
 * (test/support/fake-node.mjs, named with --remote-node) runs the real agent
 * on sshlab0 and answers with summary rows of the wrong types on sshlab1 and
 * sshlab2: the fleet marks those two broken with the reason and keeps
 * running, and `fleet --json` never passes a wrong type through. A node that
 * says v18.19.0 gets one plain line. A partition (the host's veth down)
 * ends the agent there within its heartbeat bound.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';
import { canRunSshLab, makeSshLab, waitForSshd, type SshLab } from '../support/ssh-hosts.js';

const SITREP = resolve('dist/sitrep.mjs');
const FAKE_NODE = resolve('test/support/fake-node.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const ready = requireOrSkip(canRunSshLab() && hasTmux() && existsSync(SITREP), 'needs root, ip, sshd, ssh, tmux and dist/');
const shellWords = (words: readonly string[]) => words.map((w) => `'${w}'`).join(' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pids of agent processes on host `i` (its network namespace). */
const agentPids = (lab: SshLab, i: number) => spawnSync('ip', ['netns', 'pids', lab.hosts[i]!.name], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
  .filter((pid) => { try { return execFileSync('cat', [`/proc/${pid}/cmdline`], { encoding: 'utf8' }).includes('agent'); } catch { return false; } });

/** `sitrep fleet --json` over the lab's hosts, with extra options; its JSON and exit code. */
function fleetJson(lab: SshLab, hosts: readonly number[], extra: readonly string[]): { status: number | null; out: { hosts: Record<string, unknown>[] } } {
  const r = spawnSync(process.execPath, [SITREP, 'fleet', '--json', ...hosts.map((i) => lab.hosts[i]!.address), ...extra, '--', ...lab.sshOptions], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: JSON.parse(r.stdout) };
}

describe.runIf(ready)('hostile and broken remote hosts (issue 28: 2, 15, 17)', () => {
  let lab: SshLab;
  beforeAll(async () => {
    lab = makeSshLab('i28h', 3, 32);
    cleanups.push(() => lab.close());
    await waitForSshd(lab, 30_000);
  }, 90_000);

  it('fleet --json: the hosts with wrong-typed rows are broken with the reason; the good host is up; no wrong type passes', () => {
    const { out } = fleetJson(lab, [0, 1, 2], ['--remote-node', FAKE_NODE]);
    const by = (i: number) => out.hosts.find((h) => h.host === lab.hosts[i]!.address)!;
    expect(by(0)).toMatchObject({ state: 'up', hostname: 'sshlab0' });
    expect(by(1).state).toBe('broken');
    expect(String(by(1).error)).toMatch(/invalid summary line.*(load1|crashes10m)/);
    expect(by(2).state).toBe('broken');
    expect(String(by(2).error)).toMatch(/invalid summary line.*mount/);
    for (const h of out.hosts) {
      expect(['number', 'object']).toContain(typeof h.load1 === 'undefined' ? 'object' : typeof h.load1);
      if (h.load1 !== undefined && h.load1 !== null) expect(typeof h.load1).toBe('number');
      if (h.mount !== undefined && h.mount !== null) expect(typeof h.mount).toBe('string');
      if (h.crashes10m !== undefined) expect(typeof h.crashes10m).toBe('number');
    }
    expect(JSON.stringify(out)).not.toContain('RED-CRASHES');
  }, 90_000);

  it('fleet screen: the broken hosts say BROKEN and why, the good host stays up, nothing crashes, no escape reaches the screen', async () => {
    const t = new TmuxSession('i28-fleet', 200, 20, `node ${SITREP} fleet ${lab.hosts.map((h) => h.address).join(' ')} --remote-node ${FAKE_NODE} -- ${shellWords(lab.sshOptions)}; echo EXIT=$?; sleep 60`);
    cleanups.push(() => t.kill());
    const broken = (s: string, i: number) => s.split('\n').some((l) => l.includes(lab.hosts[i]!.address) && l.includes('BROKEN'));
    const screen = await t.waitFor((s) => s.includes('EXIT=') || (broken(s, 1) && broken(s, 2) && s.split('\n').some((l) => l.includes(lab.hosts[0]!.address) && / up /.test(l))), 45_000, 'two hosts broken, one up');
    expect(screen).not.toContain('EXIT=');
    expect(screen).toMatch(/invalid summary line/);
    // Retries (2 s backoff) meet the same rows: the fleet keeps running through them.
    await sleep(6000);
    const later = t.screen(true);
    expect(later).not.toContain('EXIT=');
    expect(later).not.toContain('RED-CRASHES');
    expect(later).not.toContain('is not a function');
    t.send('q');
    await t.waitFor((s) => s.includes('EXIT=0'), 10_000, 'the fleet to end');
  }, 90_000);

  it('a remote node 18.19 gives one plain line: "node 18.19 is too old; sitrep needs 20.19"', () => {
    const old = join(lab.dir, 'fake-node-v18.19.0.mjs');
    copyFileSync(FAKE_NODE, old);
    execFileSync('chmod', ['755', old]);
    const { status, out } = fleetJson(lab, [0], ['--remote-node', old]);
    expect(status).toBe(1);
    expect(out.hosts[0]).toMatchObject({ state: 'down', error: `${lab.hosts[0]!.address}: node 18.19 is too old; sitrep needs 20.19` });
    // A "node" that answers no version is named as not running, not as a stack line.
    const { out: broken } = fleetJson(lab, [0], ['--remote-node', '/bin/false']);
    expect(String(broken.hosts[0]!.error)).toMatch(/node there does not run/);
  }, 90_000);

  it('a partition ends the agent there within its heartbeat bound (6 × 5 s), not when TCP gives up', async () => {
    const h = lab.hosts[0]!;
    const t = new TmuxSession('i28-part', 140, 40, `node ${SITREP} ssh ${h.address} -- ${shellWords(lab.sshOptions)}; echo EXIT=$?; sleep 120`);
    cleanups.push(() => t.kill());
    await t.waitFor((s) => s.includes('sshlab0') && /SSH 10\.231\.\d+\.2 · last \d+s ago/.test(s), 30_000, 'the remote console');
    expect(agentPids(lab, 0).length).toBeGreaterThan(0);
    execFileSync('ip', ['link', 'set', h.outer, 'down']);
    cleanups.push(() => spawnSync('ip', ['link', 'set', h.outer, 'up']));
    const cut = Date.now();
    while (agentPids(lab, 0).length > 0 && Date.now() - cut < 80_000) await sleep(500);
    const took = (Date.now() - cut) / 1000;
    expect(agentPids(lab, 0)).toEqual([]);
    // 30 s of silence and a check every second; generous for a loaded machine, far below TCP's ~15 min.
    expect(took).toBeLessThan(70);
    expect(took).toBeGreaterThan(20);
    execFileSync('ip', ['link', 'set', h.outer, 'up']);
    t.send('q');
  }, 150_000);
});
