import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { refusal, type ProcessTarget, type Self } from '../../src/effects/intents.js';
import { errorText, liveActions, stillRunning } from '../../src/effects/live-actions.js';
import { parsePidStat } from '../../collectors/proc/parse-pid.js';
import { initialModel } from '../../src/model/model.js';
import { initialView, stepView, type ActionTarget, type ViewContext, type ViewState, intentOf, dialogOf } from '../../src/view/view.js';
import type { Command } from '../../src/view/keymap.js';
import { eventually } from '../support/tmux.js';
import { testContext } from '../support/view-context.js';

const target = (over: Partial<ProcessTarget> = {}): ProcessTarget => ({
  pid: 4242, startTicks: 1000, comm: 'apache2', command: '/usr/sbin/apache2 -k start', user: 'www-data',
  unit: 'apache2.service', kernelThread: false, started: '05:00:00', ...over,
});
const root: Self = { pid: 999, parentPid: 998, uid: 0, user: 'root' };

describe('refusals', () => {
  it('refuses pid 1, sitrep itself, its parent shell and kernel threads', () => {
    expect(refusal(target({ pid: 1 }), root)).toMatch(/pid 1/);
    expect(refusal(target({ pid: 999 }), root)).toMatch(/sitrep itself/);
    expect(refusal(target({ pid: 998 }), root)).toMatch(/parent shell/);
    expect(refusal(target({ kernelThread: true }), root)).toMatch(/kernel thread/);
    expect(refusal(target(), root)).toBeNull();
  });

  it("says permission denied for other users' processes without root", () => {
    const user: Self = { ...root, uid: 1000, user: 'alice' };
    expect(refusal(target(), user)).toBe('permission denied: run sitrep as root (sudo)');
    expect(refusal(target({ user: 'alice' }), user)).toBeNull();
  });

  it('turns errno codes into sentences', () => {
    expect(errorText(Object.assign(new Error('x'), { code: 'EPERM' }), target())).toBe('permission denied: run sitrep as root (sudo)');
    expect(errorText(Object.assign(new Error('x'), { code: 'ESRCH' }), target())).toBe('4242 (apache2) had already exited');
  });
});

describe('kill dialog in the view reducer', () => {
  const at = (pid: number): ActionTarget => ({ process: target({ pid }), file: null });
  let rows = [at(100), at(200)];
  const ctx = (over: Parameters<typeof testContext>[0] = {}): ViewContext => testContext({ model: initialModel(), self: root, targets: rows, ...over });
  const apply = (commands: Command[], view: ViewState = initialView(['cpu']), c = ctx()): ViewState =>
    commands.reduce((v, cmd) => stepView(v, cmd, c, ['cpu']), view);

  it('opens on the selected row with TERM and No chosen', () => {
    const v = apply(['select.down', 'action.kill']);
    expect(v.mode).toBe('confirm-signal');
    expect(v.dialog).toMatchObject({ signalIndex: 0, yes: false });
    expect(dialogOf(v, 'process')!.target.pid).toBe(200);
  });

  it('does nothing on Enter by default, and cancels on Esc', () => {
    expect(apply(['action.kill', 'dialog.accept'])).toMatchObject({ mode: 'normal', effects: [], notice: 'cancelled' });
    expect(intentOf(apply(['action.kill', 'dialog.no']))).toBeNull();
  });

  it('produces an intent for the locked target, even after the list re-sorts', () => {
    const open = apply(['action.kill', 'dialog.next', 'dialog.next', 'dialog.next']);
    rows = [at(300), at(100)];
    const v = apply(['dialog.toggle', 'dialog.accept'], open);
    expect(intentOf(v)).toMatchObject({ kind: 'signal', signal: 'KILL', target: { pid: 100, startTicks: 1000 } });
    rows = [at(100), at(200)];
  });

  it('refuses before opening, and is off in read-only mode', () => {
    rows = [at(1)];
    expect(apply(['action.kill'])).toMatchObject({ mode: 'normal', dialog: null, notice: 'refused: pid 1 is the init process' });
    rows = [at(100), at(200)];
    expect(apply(['action.kill'], initialView(['cpu']), ctx({ actionsOff: 'read-only: actions are off (--read-only)' })).notice).toMatch(/read-only/);
  });

  it('Enter opens the detail of the selected process, K there targets it, Esc closes', () => {
    const open = apply(['select.down', 'item.open']);
    expect(open).toMatchObject({ mode: 'detail', detail: { process: { pid: 200 } } });
    rows = [at(300), at(400)];
    expect(dialogOf(apply(['action.kill'], open), 'process')!.target.pid).toBe(200);
    rows = [at(100), at(200)];
    expect(apply(['overlay.close'], open)).toMatchObject({ mode: 'normal', detail: null });
  });

  it('truncate needs a deleted-but-open file on the row', () => {
    expect(apply(['action.truncate']).notice).toMatch(/deleted-but-open/);
    rows = [{ process: target({ pid: 100 }), file: { fd: 3, path: '/srv/x', bytes: 50, device: '8:1', inode: 12 } }];
    const v = apply(['action.truncate', 'dialog.yes']);
    expect(intentOf(v)).toMatchObject({ kind: 'truncate', file: { fd: 3 } });
    rows = [at(100), at(200)];
  });
});

describe('live actions on real processes', () => {
  const children: ChildProcess[] = [];
  afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));
  const real = (child: ChildProcess): ProcessTarget => {
    children.push(child);
    const stat = parsePidStat(readFileSync(`/proc/${child.pid}/stat`, 'utf8'))!;
    return target({ pid: child.pid!, startTicks: stat.startTicks, comm: stat.comm, user: 'root' });
  };

  it('sends TERM and reports how long the process took to exit', async () => {
    const t = real(spawn('sleep', ['30']));
    const out = await liveActions().run({ kind: 'signal', target: t, signal: 'TERM' });
    expect(out.ok).toBe(true);
    expect(out.text).toMatch(new RegExp(`^sent TERM to ${t.pid} \\(sleep\\); it exited after \\d+\\.\\d s$`));
  });

  it('says when the process is still running, and suggests KILL', async () => {
    const t = real(spawn('sh', ['-c', 'trap "" TERM; while :; do sleep 0.1; done']));
    await eventually(() => readFileSync(`/proc/${t.pid}/status`, 'utf8').includes('SigIgn:') && stillRunning(t));
    await new Promise((r) => setTimeout(r, 200));
    const out = await liveActions('/proc', 1000).run({ kind: 'signal', target: t, signal: 'TERM' });
    expect(out.text).toBe(`sent TERM to ${t.pid} (sh); still running after 1 s — press K again for KILL`);
  });

  it('never signals a recycled pid: the start time is checked again', async () => {
    const child = spawn('sleep', ['30']);
    const t = { ...real(child), startTicks: 1 };
    const out = await liveActions().run({ kind: 'signal', target: t, signal: 'KILL' });
    expect(out).toEqual({ ok: false, text: `pid ${t.pid} is no longer sleep; nothing sent` });
    expect(stillRunning({ ...t, startTicks: parsePidStat(readFileSync(`/proc/${child.pid}/stat`, 'utf8'))!.startTicks })).toBe(true);
  });
});
