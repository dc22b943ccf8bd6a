/**
 * The fleet screen on the console's loop (issue 30, item 3), in a real
 * terminal: its keys come from the keymap's `fleet` context (the key line, and
 * `?` lists them, without the console's), Esc closes the help, and SIGTERM
 * restores the terminal (normal screen, cursor, icanon and echo) and leaves no
 * ssh behind. The host's ssh never connects: its ProxyCommand is a sleep, so a
 * link is alive (a child) without any lab.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { descendants } from '../support/processes.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const hasSsh = spawnSync('ssh', ['-V']).status === 0;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};

describe.runIf(requireOrSkip(hasTmux() && hasSsh && existsSync(SITREP), 'needs tmux, ssh and dist/'))('the fleet screen on the console loop', () => {
  it('? lists the fleet keys from the keymap and Esc closes it; SIGTERM restores the terminal and leaves no ssh', async () => {
    // A sleep only this test runs: the proxy that never answers.
    const marker = `sleep ${6000 + (process.pid % 1000)}`;
    const s = new TmuxSession('fleet-loop', 120, 30, 'bash --norc --noprofile');
    cleanups.push(() => s.kill());
    // Every ssh and proxy seen is killed by its pid at the end, should one outlive the test.
    const seen = new Set<number>();
    cleanups.push(() => seen.forEach((p) => /^ssh |sleep \d+/.test(cmdline(p)) && process.kill(p, 'SIGKILL')));
    s.type(`node ${SITREP} fleet fleet-test.invalid -- -o 'ProxyCommand=${marker}'; echo EXIT=$?`);
    s.send('Enter');
    // The key line is the keymap's fleet context.
    await s.waitFor((t) => t.includes('Fleet · 1 hosts') && t.includes('fleet-test.invalid') && t.includes('↑ k ↓ j select · Enter open · ? F1 keys · q F10 quit'), 15_000, 'the fleet table and its key line');
    expect(s.format('#{alternate_on}')).toBe('1');
    const shell = Number(s.format('#{pane_pid}'));
    const sitrep = () => descendants(shell).find((p) => cmdline(p).includes('sitrep.mjs fleet'));
    const links = () => descendants(shell).filter((p) => /^ssh |sleep \d+/.test(cmdline(p)) && seen.add(p));
    expect(await eventually(() => sitrep() !== undefined && links().length > 0, 15_000)).toBe(true);

    s.send('?');
    const help = await s.waitFor((t) => t.includes('Keys ·') && t.includes('fleet: quit'), 5000, 'the fleet help');
    for (const line of ['fleet: select the previous host', "fleet: open the selected host's console", 'fleet: show or hide this help', 'fleet: redraw the whole screen']) expect(help).toContain(line);
    // Only the fleet's: none of the console's bindings.
    expect(help).not.toContain('focus next pane');
    expect(help).not.toContain('send a signal');
    s.send('Escape');
    await s.waitFor((t) => t.includes('Fleet · 1 hosts') && !t.includes('Keys ·'), 5000, 'the table again');

    process.kill(sitrep()!, 'SIGTERM');
    await s.waitFor((t) => t.includes('EXIT=143'), 10_000, 'sitrep to die of SIGTERM');
    expect(s.format('#{alternate_on}')).toBe('0');
    expect(s.format('#{cursor_flag}')).toBe('1');
    expect(await eventually(() => links().length === 0 && sitrep() === undefined, 10_000), descendants(shell).map(cmdline).join('\n')).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-fleet-loop-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    s.type(`stty -a > ${dir}/stty.txt; echo stty-$((40+2))`);
    s.send('Enter');
    await s.waitFor((t) => t.includes('stty-42'), 5000, 'stty ran');
    const stty = readFileSync(join(dir, 'stty.txt'), 'utf8');
    expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
    expect(stty).toMatch(/(^|\s)echo(\s|$)/);
  }, 60_000);
});
