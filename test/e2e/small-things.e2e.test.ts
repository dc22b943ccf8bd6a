/**
 * Issue 29's small things in a real tmux: the K dialog writes a process's
 * start one way (never day-first), and at 80x24 the outcome of a delete in
 * the disk-fill demo keeps its result on the status line, banner and all.
 * Neither changes the machine: the dialog is answered No, the demo writes nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const row = (screen: string, text: string) => screen.split('\n').find((l) => l.includes(text)) ?? '';

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/'))('small things in tmux', () => {
  it('the K dialog gives a process start as HH:MM:SS or YYYY-MM-DD HH:MM:SS, never day-first', async () => {
    // A process of our own, bounded: it sleeps 60 s.
    const sleeper = spawn('sleep', ['61'], { stdio: 'ignore' });
    cleanups.push(() => sleeper.kill('SIGKILL'));
    const s = new TmuxSession('dates', 120, 40, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('COMMAND'), 15_000, 'the CPU pane');
    s.send('4');
    s.send('\\');
    s.type('sleep 61');
    s.send('Enter');
    await s.waitFor((t) => new RegExp(`│\\s*${sleeper.pid} `).test(t), 10_000, 'the sleeper in the CPU list');
    s.send('K');
    const dialog = await s.waitFor((t) => t.includes(`pid      ${sleeper.pid}`), 5000, 'the signal dialog');
    const line = row(dialog, `pid      ${sleeper.pid}`);
    expect(line).toMatch(/started (\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d /);
    expect(line).not.toMatch(/\d\d\/\d\d\/\d{4}/);
    s.send('n');
    await s.waitFor((t) => !t.includes(`pid      ${sleeper.pid}`), 5000, 'the dialog closed');
    s.send('q');
  });

  it('at 80x24 the outcome of a delete keeps what it freed, beside the demo banner', async () => {
    // Found at 130x42 (at 80 columns the drill-down's names are cut), answered at 80x24.
    const s = new TmuxSession('outcome-80', 130, 42, `node ${SITREP} --demo`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => /\+\d+(\.\d)?M\/s/.test(row(t, '/srv ')), 15_000, 'filling /srv');
    s.send('1');
    await s.selectLine('/srv ');
    s.send('Enter');
    await s.waitFor((t) => t.includes('var/'), 5000, 'the drill-down on /srv');
    await s.selectLine('var/');
    s.send('Enter');
    await s.waitFor((t) => t.includes('mod_gzip/'), 5000, 'mod_gzip in /srv/var');
    await s.selectLine('mod_gzip/');
    s.send('d');
    await s.waitFor((t) => t.includes('Delete /srv/var/mod_gzip?'), 5000, 'delete dialog');
    s.resize(80, 24);
    await s.waitFor((t) => t.split('\n').every((l) => l.length <= 80) && t.includes('Delete /srv/var/mod_gzip?'), 5000, 'the dialog at 80x24');
    s.send('y');
    const status = (t: string) => t.trimEnd().split('\n').at(-1) ?? '';
    const after = await s.waitFor((t) => status(t).includes('deleted'), 5000, 'the outcome on the status line');
    expect(status(after)).toMatch(/deleted \S*mod_gzip: freed \d+(\.\d)? [KMG]iB/);
    s.send('q');
  });
});
