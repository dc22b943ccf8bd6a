/**
 * Issue 36: where no log can be written, the action still runs and the status
 * line says the trail is missing. This machine has neither a journal socket
 * nor a /dev/log that leads anywhere (checked first; the test is skipped on one
 * that has them).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../support/processes.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const noLog = !existsSync('/run/systemd/journal/socket') && !existsSync('/dev/log');
const ready = requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

describe.runIf(ready && noLog)('no journal and no syslog', () => {
  it('K still signals the process, and the status line says the audit trail is missing', async () => {
    const victim = spawn('sleep', ['7004'], { stdio: 'ignore' });
    cleanups.push(() => victim.kill('SIGKILL'));
    const s = new TmuxSession('audit-missing', 150, 45, `node ${SITREP} --no-network`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('PID USER'), 15_000, 'console');
    s.send('4');
    s.type('\\');
    s.type('sleep 7004');
    s.send('Enter');
    await s.waitFor((t) => t.includes('filter "sleep 7004"'), 10_000, 'filtered');
    await s.selectLine('sleep 7004');
    s.send('K');
    await s.waitFor((t) => t.includes('Send a signal'), 5000, 'dialog');
    s.send('y');
    const screen = await s.waitFor((t) => t.includes('audit trail missing'), 15_000, 'trail missing in the status line');
    expect(screen).toMatch(new RegExp(`sent TERM to ${victim.pid} .*audit trail missing: no journal and no syslog`));
    expect(await eventually(() => !isAlive(victim.pid!), 5000)).toBe(true);
    s.send('q');
  }, 60_000);
});
