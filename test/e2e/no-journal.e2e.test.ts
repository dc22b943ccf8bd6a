/**
 * A machine with no journal at all: sitrep runs in a private mount namespace
 * where /var/log and /run are empty tmpfs (no journal files, no journald
 * socket). It says what is missing and falls back to /var/log/syslog when there
 * is one; a --log-file that does not exist is an error at start.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const root = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v unshare']).status === 0;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

/** A shell line that hides the journal (and optionally leaves a syslog file), then runs `command`. */
const noJournal = (withSyslog: boolean, command: string) =>
  `mount -t tmpfs tmpfs /var/log && mount -t tmpfs tmpfs /run && ${withSyslog ? 'echo "Dec  2 01:00:00 host cron[42]: old line" > /var/log/syslog && (sleep 1; echo "Dec  2 01:00:01 host kernel: fresh line after start" >> /var/log/syslog) & ' : ''}exec ${command}`;

function snapshotWithout(withSyslog: boolean): { log: { source: string | null; problem: string | null; recent?: Array<{ message: string }> } } {
  const out = execFileSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', noJournal(withSyslog, `node ${SITREP} snapshot --json --duration 3`)], { encoding: 'utf8' });
  return JSON.parse(out);
}

describe.runIf(requireOrSkip(root && existsSync(SITREP), 'needs root, unshare and dist/'))('no journal at all', () => {
  it('falls back to /var/log/syslog and says why, in the snapshot', () => {
    const { log } = snapshotWithout(true);
    expect(log.source).toBe('/var/log/syslog');
    expect(log.problem).toMatch(/no journal files in \/run\/log\/journal or \/var\/log\/journal and no \/run\/systemd\/journal .*: following \/var\/log\/syslog/);
    expect(JSON.stringify(log)).toContain('fresh line after start');
  });

  it('reports log.source null with the problem when there is no syslog file either', () => {
    const { log } = snapshotWithout(false);
    expect(log.source).toBeNull();
    expect(log.problem).toMatch(/no journal files .* and no \/var\/log\/syslog or \/var\/log\/messages: no log to show/);
  });

  it.runIf(requireOrSkip(hasTmux(), 'needs tmux'))('says so in the Log pane instead of waiting for lines, and J says there is no journal', async () => {
    const s = new TmuxSession('no-journal', 150, 40, `unshare --mount --propagation private sh -c '${noJournal(false, `node ${SITREP}`)}'`);
    cleanups.push(() => s.kill());
    // both, in one capture: a capture taken mid-redraw can hold the problem before the pane's title
    const screen = await s.waitFor((t) => t.includes('no log to show') && t.includes('no log source'), 10_000, 'the problem in the Log pane');
    expect(screen).not.toContain('waiting for log lines');
    expect(screen).toContain('no log source');
    s.send('3', 'J');
    await s.waitFor((t) => /J applies to journald: no journal files/.test(t), 5000, 'J refused with the reason');
    s.send('q');
  });

  it('--log-file that does not exist is an error at start (exit 2)', () => {
    const run = spawnSync('node', [SITREP, 'snapshot', '--json', '--log-file', '/nonexistent'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('sitrep: --log-file /nonexistent: no such file or directory\n');
    const console = spawnSync('node', [SITREP, '--log-file', '/nonexistent'], { encoding: 'utf8' });
    expect(console.status).toBe(2);
    expect(console.stderr).toContain('--log-file /nonexistent: no such file or directory');
  });
});
