/**
 * The agent checks its intents' types itself (issue 28 item 9). It runs as
 * the child of PID 1 of a real PID namespace (unshare --pid --fork), where
 * PID 1 notes any HUP it gets. Intents come over its stdin as a console
 * sends them, hostile: a pid as a string ("1"), an unknown signal ("FOO"),
 * an intent with no body. Each is refused with an outcome, nothing is
 * signalled, and the agent keeps answering.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const PID1 = resolve('test/support/pid1-hup.mjs');
const MARK = '/srv/sitrep-i28-agent-intents.mark';
const canUnshare = process.getuid?.() === 0 && spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;
const ready = requireOrSkip(canUnshare && existsSync(SITREP), 'needs root, unshare and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc { pid: number; startTicks: number; comm: string; cmdline: string }

describe.runIf(ready)('the agent validates intents (PID namespace)', () => {
  it('refuses "pid":"1", signal "FOO" and a bodiless intent with an error, signals nothing, and keeps running', async () => {
    writeFileSync(MARK, '');
    cleanups.push(() => rmSync(MARK, { force: true }));
    const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, PID1, MARK, SITREP], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    cleanups.push(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const outcomes = new Map<number, { ok: boolean; text: string }>();
    let procs: Proc[] = [];
    createInterface({ input: child.stdout }).on('line', (text) => {
      const v = JSON.parse(text) as { kind?: string; id?: number; ok?: boolean; text?: string; processes?: Proc[] };
      if (v.kind === 'outcome') outcomes.set(v.id!, { ok: v.ok!, text: v.text! });
      if (v.kind === 'keyframe' && v.processes) procs = v.processes;
    });
    const send = (v: unknown) => child.stdin.write(`${JSON.stringify(v)}\n`);
    const until = async (what: () => boolean, ms: number, label: string) => {
      const deadline = Date.now() + ms;
      while (!what()) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${label}: not seen (agent exit ${child.exitCode}; stderr ${stderr.slice(-500)})`);
        await sleep(100);
      }
    };
    const answer = async (id: number) => {
      await until(() => outcomes.has(id), 15_000, `the outcome of intent ${id}`);
      return outcomes.get(id)!;
    };
    await until(() => procs.some((p) => p.pid === 1) && procs.some((p) => p.comm === 'sleep'), 20_000, 'a keyframe with pid 1 and the victim');
    const init = procs.find((p) => p.pid === 1)!;
    const victim = procs.find((p) => p.comm === 'sleep')!;
    const target = (p: Proc) => ({ pid: p.pid, startTicks: p.startTicks, comm: p.comm, command: p.cmdline, user: 'root', unit: null, kernelThread: false, started: '' });

    // "pid":"1": the pid-1, self and parent checks compared numbers, so a string passed them.
    send({ kind: 'intent', id: 1, intent: { kind: 'signal', signal: 'HUP', target: { ...target(init), pid: '1' } } });
    const one = await answer(1);
    expect.soft(one.ok).toBe(false);
    expect.soft(one.text).toMatch(/^refused: an invalid request \(intent\.target\.pid is not a number/);
    // An unknown signal name: it used to send SIGTERM and report "sent FOO".
    send({ kind: 'intent', id: 2, intent: { kind: 'signal', signal: 'FOO', target: target(victim) } });
    const two = await answer(2);
    expect.soft(two.ok).toBe(false);
    expect.soft(two.text).toMatch(/^refused: an invalid request \(intent\.signal/);
    // No intent at all: it used to crash the agent.
    send({ kind: 'intent', id: 7 });
    const seven = await answer(7).catch((e: Error) => ({ ok: true, text: e.message }));
    expect.soft(seven).toMatchObject({ ok: false, text: 'refused: an invalid request (intent is missing): nothing done' });
    // Still running, and still judging well-formed intents on this host's /proc.
    send({ kind: 'intent', id: 8, intent: { kind: 'signal', signal: 'HUP', target: target(init) } });
    expect((await answer(8)).text).toBe('refused: pid 1 is the init process');
    await sleep(1000);
    expect(readFileSync(MARK, 'utf8')).toBe('');
    expect(spawnSync('pgrep', ['-f', '^sleep 617$']).status).toBe(0);
    expect(child.exitCode).toBeNull();
    child.stdin.end();
    await until(() => child.exitCode !== null, 10_000, 'the agent to end with its stdin').catch(() => {});
  }, 60_000);
});
