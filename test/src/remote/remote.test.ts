import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingLines } from '../../support/recording-file.js';
import { demoMessagesTo } from '../../../demo/demo-source.js';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { agentRefusal } from '../../../src/remote/agent-mode.js';
import { LOADER } from '../../../src/remote/protocol.js';
import { sshArgv } from '../../../src/remote/ssh-argv.js';
import { endReason, RemoteLink } from '../../../src/sources/remote-link.js';
import { RemoteSession } from '../../../src/sources/remote-source.js';
import { fleetLines, type FleetEntry } from '../../../src/panes/fleet-lines.js';
import type { FleetRow } from '../../../src/model/fleet.js';
import type { ProcessTarget, Self } from '../../../src/effects/intents.js';
import { requireOrSkip } from '../../support/tmux.js';

const SELF: Self = { pid: process.pid, parentPid: process.ppid, uid: 0, user: 'root' };
const target = (pid: number, startTicks: number): ProcessTarget => ({ pid, startTicks, comm: 'x', command: 'x', user: 'nobody', unit: null, kernelThread: false, started: '' });
const startOf = (pid: number) => Number(spawnSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' }).stdout.split(') ')[1]!.split(' ')[19]);

describe('remote: arguments', () => {
  it('reads ssh, fleet and agent, with ssh options after --', () => {
    expect(parseArgs(['ssh', 'admin@web1', '--read-only', '--', '-p', '2222', '-J', 'bastion'])).toEqual({ kind: 'ssh', host: 'admin@web1', intervalMs: 1000, readOnly: true, record: null, noColor: false, ascii: false, sshOptions: ['-p', '2222', '-J', 'bastion'], remoteNode: null, sudo: false, copy: 'ask' });
    expect(parseArgs(['fleet', 'a', 'b', '--json', '--sudo'])).toMatchObject({ kind: 'fleet', hosts: ['a', 'b'], json: true, sudo: true });
    expect(parseArgs(['fleet', '--hosts', '/etc/sitrep/hosts'])).toMatchObject({ kind: 'fleet', hosts: [], hostsFile: '/etc/sitrep/hosts' });
    expect(parseArgs(['snapshot', '--json', '--fleet', 'a', 'b', '--', '-p', '2222'])).toMatchObject({ kind: 'fleet', hosts: ['a', 'b'], json: true, sshOptions: ['-p', '2222'] });
    expect(parseArgs(['agent', '--summary', '2'])).toEqual({ kind: 'agent', intervalMs: 1000, summaryMs: 2000 });
    expect(parseArgs(['ssh'])).toEqual({ kind: 'error', message: 'ssh needs a host: sitrep ssh [user@]host' });
    expect(parseArgs(['fleet'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--', '-p', '22'])).toMatchObject({ kind: 'error', message: 'options after -- go to ssh: only with ssh or fleet' });
    expect(parseArgs(['ssh', 'h', '--summary', '2'])).toMatchObject({ kind: 'error', message: '--summary does not go with ssh' });
  });
});

describe('remote: the ssh command', () => {
  it('runs in batch mode and sends a loader that survives the remote shell', () => {
    const argv = sshArgv('web1', { sshOptions: ['-p', '2222'], remoteNode: "/opt/node's/bin/node", sudo: true, copy: 'ask' }, ['--interval', '1']);
    expect(argv.slice(0, 4)).toEqual(['ssh', '-T', '-o', 'BatchMode=yes']);
    expect(argv).toContain('-p');
    expect(argv.at(-2)).toBe('web1');
    expect(LOADER).not.toContain("'");
    const remote = argv.at(-1)!;
    expect(spawnSync('sh', ['-n', '-c', remote]).status).toBe(0);
    // Every value is a positional parameter of sh -c, single-quoted; a named node means no copy unless --copy.
    expect(remote).toContain(" sitrep '/opt/node'\\''s/bin/node' '1' 'no' '");
    expect(remote.endsWith(" '--interval' '1'")).toBe(true);
  });

  it('turns ssh and shell endings into one line an admin can act on', () => {
    expect(endReason('h', 127, null, 'sh: 1: node: not found\n')).toMatch(/h: node not found there/);
    expect(endReason('h', 255, null, 'root@10.0.0.2: Permission denied (publickey).\n')).toBe('h: permission denied ((publickey).): check the key or agent');
    expect(endReason('h', 255, null, 'No ED25519 host key is known for 10.0.0.2 and you have requested strict checking.\nHost key verification failed.\n')).toMatch(/unknown or changed host key/);
    expect(endReason('h', 1, null, 'sudo: a password is required\n')).toMatch(/sudo wants a password/);
    expect(endReason('h', null, 'SIGTERM', '')).toBe('h: the agent ended (SIGTERM)');
  });
});

describe('remote: the agent checks intents itself', () => {
  it('refuses pid 1, itself, a kernel thread and a recycled pid, whatever the console said', () => {
    const signal = (t: ProcessTarget) => ({ kind: 'signal' as const, target: t, signal: 'TERM' as const });
    expect(agentRefusal(signal(target(1, startOf(1))), SELF)).toMatch(/pid 1/);
    expect(agentRefusal(signal(target(process.pid, startOf(process.pid))), SELF)).toMatch(/sitrep itself/);
    if (existsSync('/proc/2/stat') && spawnSync('cat', ['/proc/2/comm'], { encoding: 'utf8' }).stdout.trim() === 'kthreadd') {
      expect(agentRefusal(signal(target(2, startOf(2))), { ...SELF, pid: -5, parentPid: -5 })).toMatch(/kernel thread/);
    }
    expect(agentRefusal(signal(target(process.pid, startOf(process.pid) + 1)), SELF)).toMatch(/no longer the process chosen/);
    expect(agentRefusal({ kind: 'persist-journal' }, SELF)).toBeNull();
  });
});

describe('remote: a link to an agent run through sh -c (no ssh)', () => {
  it.runIf(requireOrSkip(existsSync('dist/sitrep.mjs'), 'needs dist/ (npm run build)'))('streams samples, answers an intent with its outcome, and ends with stdin', async () => {
    const session = new RemoteSession();
    session.link = new RemoteLink('local', ['sh', '-c', `exec ${process.execPath} dist/sitrep.mjs agent --interval 0.5`], session.events, null);
    const seen: string[] = [];
    session.source().start((m) => seen.push(m.kind));
    for (let i = 0; i < 100 && !(session.hello && seen.filter((k) => k === 'sample').length >= 2); i++) await new Promise((r) => setTimeout(r, 100));
    expect(seen[0]).toBe('header');
    expect(seen.filter((k) => k === 'sample').length).toBeGreaterThanOrEqual(2);
    expect(session.hello?.pid).toBeGreaterThan(1);
    const outcome = await session.actions().run({ kind: 'signal', target: target(1, startOf(1)), signal: 'TERM' });
    // On a host without a journal or syslog the agent says the trail is missing there (issue 36).
    expect(outcome.ok).toBe(false);
    expect(outcome.text).toMatch(/^refused: pid 1 is the init process( — audit trail missing on \S+: .+)?$/);
    const agent = session.hello!.pid;
    session.link.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(`/proc/${agent}`)).toBe(false);
  }, 20_000);
});

describe('remote: a hostile agent', () => {
  it('cannot grow the console with a line that never ends: past 64 MiB the link ends with one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-hostile-'));
    writeFileSync(join(dir, 'header'), `${recordingLines(demoMessagesTo('disk-fill', 1))[0]}\n`);
    let why: string | null = null;
    let header = false;
    const link = new RemoteLink('evil', ['sh', '-c', `cat ${dir}/header; head -c 70000000 /dev/zero | tr '\\0' a; sleep 5`], { header: () => (header = true), ended: (w) => (why = w) }, null);
    for (let i = 0; i < 100 && why === null; i++) await new Promise((r) => setTimeout(r, 100));
    link.close();
    rmSync(dir, { recursive: true, force: true });
    expect(header).toBe(true);
    expect(why).toBe('evil: a line past 64 MiB');
  }, 20_000);
});

describe('remote: fleet rows', () => {
  const row = (over: Partial<FleetRow>): FleetRow => ({ host: 'h', mount: '/', usedFraction: 0.5, secondsToFull: null, fillRate: 0, topWriter: null, topWriterRate: null, crashes10m: 0, cpu: 0.1, load1: 0.2, volatileJournal: false, topRange: null, ...over });
  it('sorts the host filling soonest first, marks stale and unreachable hosts, and sanitizes what hosts say', () => {
    const entries: FleetEntry[] = [
      { host: 'quiet', state: 'up', row: row({}), down: null, age: 1 },
      { host: 'filling', state: 'up', row: row({ mount: '/srv/sitrep-test/data-1', secondsToFull: 90, topWriter: 'apache2@jail.service', topWriterRate: 1e8 }), down: null, age: 1 },
      { host: 'gone', state: 'down', row: null, down: 'gone: permission denied', age: null },
      { host: 'evil\x1b]0;pwned\x07', state: 'stale', row: row({ topRange: '203.0.113.0/24\x1b[2J' }), down: null, age: 12 },
    ];
    const lines = fleetLines(entries);
    expect(lines[0]!.text).toMatch(/^filling +up +…ep-test\/data-1 50% +90s apache2@jail/);
    expect(lines.find((l) => l.key === 'host:gone')).toMatchObject({ tone: 'alert', text: expect.stringMatching(/UNREACHABLE.*permission denied/) });
    const evil = lines.find((l) => l.key.startsWith('host:evil'))!;
    expect(evil.text).toMatch(/STALE 12s/);
     
    expect(lines.map((l) => l.text).join('\n')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });
});
