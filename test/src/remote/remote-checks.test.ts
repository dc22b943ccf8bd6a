/** The agent protocol's checks (issue 28 items 2, 8, 9, 15, 17): schema reasons, the agent's own refusals, the heartbeat watch, the node version check. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkAgentLine, checkAgentRequest } from '../../../src/record/validate-agent.js';
import { agentRefusal } from '../../../src/remote/agent-mode.js';
import { HEARTBEAT_MISSES, HeartbeatWatch } from '../../../src/remote/heartbeat.js';
import { REMOTE_SCRIPT } from '../../../src/remote/remote-script.js';
import type { Self, UnitTarget } from '../../../src/effects/intents.js';

const ROW = { host: 'h', mount: '/', usedFraction: 0.5, secondsToFull: null, fillRate: null, topWriter: null, topWriterRate: null, crashes10m: 0, cpu: 0.1, load1: 0.5, volatileJournal: false, topRange: null };
const why = (text: string) => {
  const r = checkAgentLine(text);
  return r.ok ? null : r.why;
};

describe('agent lines against the generated schema', () => {
  it('accepts a real row, hello and outcome; names the first wrong field of a hostile one', () => {
    expect(why(JSON.stringify({ kind: 'summary', t: 1, row: ROW }))).toBeNull();
    expect(why(JSON.stringify({ kind: 'summary', t: 1, row: { ...ROW, load1: 'x' } }))).toBe('row.load1 is not null or a number from 0 to 1000000');
    expect(why(JSON.stringify({ kind: 'summary', t: 1, row: { ...ROW, mount: 5 } }))).toBe('row.mount is not null or a string of at most 4096 characters');
    expect(why(JSON.stringify({ kind: 'summary', t: 1, row: { ...ROW, crashes10m: '\x1b[31mRED' } }))).toBe('row.crashes10m is not a number from 0 to 2^53');
    expect(why(JSON.stringify({ kind: 'summary', t: 1, row: { ...ROW, extra: 1 } }))).toBe('row."extra" is not a known field');
    expect(why(JSON.stringify({ kind: 'agent', pid: 5, parentPid: 1, uid: 0, user: 'root', sshClients: [], sessionUnits: ['session-3.scope'] }))).toBeNull();
    expect(why(JSON.stringify({ kind: 'agent', pid: '5', parentPid: 1, uid: 0, user: 'root', sshClients: [] }))).toMatch(/^pid is not/);
    expect(why(JSON.stringify({ kind: 'agent', pid: 5, parentPid: 1, uid: 0, user: 'root', sshClients: [{ address: 7, own: true }] }))).toMatch(/^sshClients\[0\]\.address/);
    expect(why(JSON.stringify({ kind: 'outcome', id: 1, ok: 'yes', text: '' }))).toMatch(/^ok is not/);
    expect(why('{"kind":"summary"')).toBe('a line that is not JSON');
  });

  it('checks requests: intents typed, heartbeats bounded', () => {
    const target = { pid: 5, startTicks: 1, comm: 'x', command: 'x', user: 'root', unit: null, kernelThread: false, started: '' };
    const ok = (v: unknown) => checkAgentRequest(JSON.stringify(v)).ok;
    expect(ok({ kind: 'intent', id: 1, intent: { kind: 'signal', signal: 'HUP', target } })).toBe(true);
    expect(ok({ kind: 'intent', id: 1, intent: { kind: 'signal', signal: 'FOO', target } })).toBe(false);
    expect(ok({ kind: 'intent', id: 1, intent: { kind: 'signal', signal: 'HUP', target: { ...target, pid: '1' } } })).toBe(false);
    expect(ok({ kind: 'intent', id: 1, intent: { kind: 'signal', signal: 'HUP', target: { ...target, pid: -1 } } })).toBe(false);
    expect(ok({ kind: 'intent', id: 1, intent: { kind: 'signal', signal: 'HUP', target: { ...target, pid: 0 } } })).toBe(false);
    expect(ok({ kind: 'intent', id: 7 })).toBe(false);
    expect(ok({ kind: 'heartbeat', everyMs: 5000 })).toBe(true);
    expect(ok({ kind: 'heartbeat', everyMs: 10 })).toBe(false);
    expect(ok({ kind: 'mode', full: true })).toBe(true);
  });
});

describe('the agent refuses an unguarded stop of its session unit', () => {
  const self: Self = { pid: process.pid, parentPid: process.ppid, uid: 0, user: 'root', sessionUnits: ['session-4.scope', 'web.service'] };
  const unit = (name: string, guard: string | null): UnitTarget => ({ unit: name, manager: 'systemd', description: '', state: 'active', mainPid: 0, members: [], guard });
  it('refuses stop without the typed guard; lets a guarded stop, a restart and other units through', () => {
    expect(agentRefusal({ kind: 'service', verb: 'stop', target: unit('web.service', null) }, self)).toMatch(/^refused: web\.service holds this sitrep's own terminal session/);
    expect(agentRefusal({ kind: 'service', verb: 'stop', target: unit('sshd.service', null) }, self)).toMatch(/^refused: sshd\.service serves SSH logins/);
    expect(agentRefusal({ kind: 'service', verb: 'stop', target: unit('web.service', 'typed') }, self)).toBeNull();
    expect(agentRefusal({ kind: 'service', verb: 'restart', target: unit('web.service', null) }, self)).toBeNull();
    expect(agentRefusal({ kind: 'service', verb: 'stop', target: unit('db.service', null) }, self)).toBeNull();
  });
});

describe('the heartbeat watch', () => {
  it('is armed by the first beat and fires once after HEARTBEAT_MISSES silent intervals', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    try {
      const lost = vi.fn();
      const watch = new HeartbeatWatch(lost);
      vi.advanceTimersByTime(600_000);
      expect(lost).not.toHaveBeenCalled(); // never armed: an older console that sends none
      watch.beat(5000);
      vi.advanceTimersByTime(HEARTBEAT_MISSES * 5000 - 2000);
      watch.heard();
      vi.advanceTimersByTime(HEARTBEAT_MISSES * 5000 - 2000);
      expect(lost).not.toHaveBeenCalled();
      vi.advanceTimersByTime(4000);
      expect(lost).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(60_000);
      expect(lost).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the remote node version check', () => {
  it('passes a new node, names an old one, and says when one gives no version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-nodev-'));
    try {
      const fake = (name: string, out: string) => {
        const path = join(dir, name);
        writeFileSync(path, `#!/bin/sh\necho '${out}'\n`);
        chmodSync(path, 0o755);
        return `'${path}'`;
      };
      // the host's script as ssh runs it: NODE SUDO COPY LOADER AGENT-ARGS; no copy, so a node it cannot use ends it with one line
      const run = (node: string) => spawnSync('sh', ['-c', REMOTE_SCRIPT, 'sitrep', node, '0', 'no', 'console.log("RAN")'], { encoding: 'utf8', input: 'none\n', env: { PATH: process.env.PATH, HOME: dir } });
      const runs = (name: string, version: string) => {
        const path = join(dir, name);
        writeFileSync(path, `#!/bin/sh\ncase "$1" in --version) echo '${version}' ;; *) echo RAN ;; esac\n`);
        chmodSync(path, 0o755);
        return path;
      };
      expect(run(runs('n22', 'v22.3.0')).stdout).toBe('SITREP-READY node\nRAN\n');
      expect(run(runs('n2019', 'v20.19.0')).stdout).toBe('SITREP-READY node\nRAN\n');
      const old = run(fake('n18', 'v18.19.0').slice(1, -1));
      expect(old).toMatchObject({ status: 127, stderr: 'node 18.19 is too old; sitrep needs 20.19\n' });
      expect(old.stdout).not.toContain('SITREP-READY');
      expect(run(fake('n2018', 'v20.18.3').slice(1, -1)).stderr).toBe('node 20.18 is too old; sitrep needs 20.19\n');
      const broken = run(fake('nb', 'error while loading shared libraries: libnode.so').slice(1, -1));
      expect(broken).toMatchObject({ status: 127, stderr: 'node there does not run: its --version said: error while loading shared libraries: libnode.so\n' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
