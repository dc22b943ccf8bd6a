/**
 * Zoom (z) in a real tmux: every pane of the demo takes the whole screen and
 * gives it back (Esc or z); and a long sshd line in a real log file, whose
 * source address is past the Log pane's width at 120x40, shows whole when the
 * Log is zoomed. Neither needs root: the demo reads nothing, and the log file
 * is the user's own.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const TITLES = { 1: 'Disks', 2: 'Writers', 3: 'Log', 4: 'CPU', 5: 'Network' } as const;
/** The titles of the panes drawn (each pane's top border: "╭─ Title"). */
const drawn = (screen: string) => [...screen.matchAll(/╭─ (Disks|Writers|Log|CPU|Network)\b/g)].map((m) => m[1]);

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/'))('zoom in tmux', () => {
  it('zooms each of the five panes of the demo and restores the layout with Esc or z', async () => {
    const s = new TmuxSession('zoom-panes', 120, 40, `node ${SITREP} --demo`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => drawn(t).length === 5, 15_000, 'the five panes');
    let restoreWithEsc = true;
    for (const [key, title] of Object.entries(TITLES)) {
      s.send(key);
      s.send('z');
      // The whole frame: tmux can be read while it is still applying a large redraw (its top row new, its bottom row not yet).
      const zoomed = await s.waitFor((t) => drawn(t).join() === title && t.includes(`${title} [zoom`) && /^╰─+╯$/.test(t.split('\n')[38] ?? ''), 5000, `${title} zoomed`);
      // The pane has the whole screen: its top border on the first row, its bottom border just above the status line.
      const rows = zoomed.split('\n');
      expect(rows[0]).toMatch(new RegExp(`^╭─ ${title} \\[zoom`));
      expect(rows[38]).toMatch(/^╰─+╯$/);
      s.send(restoreWithEsc ? 'Escape' : 'z');
      await s.waitFor((t) => drawn(t).length === 5 && !t.includes('[zoom'), 5000, `layout back after ${title} (${restoreWithEsc ? 'Esc' : 'z'})`);
      restoreWithEsc = !restoreWithEsc;
    }
    // Zoomed, Tab moves the zoom to the next pane; the layout comes back as it was.
    s.send('1');
    s.send('z');
    await s.waitFor((t) => drawn(t).join() === 'Disks', 5000, 'Disks zoomed');
    s.send('Tab');
    await s.waitFor((t) => drawn(t).join() === 'Writers', 5000, 'Tab moves the zoom to Writers');
    s.send('z');
    await s.waitFor((t) => drawn(t).length === 5, 5000, 'layout back');
    s.send('q');
  });

  it('shows the source address of a long sshd line once the Log is zoomed', async () => {
    const dir = `/srv/sitrep-zoom-${process.pid}`;
    mkdirSync(dir, { recursive: true });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = `${dir}/auth.log`;
    const d = new Date();
    const stamp = `${d.toString().slice(4, 10)} ${d.toTimeString().slice(0, 8)}`;
    const user = 'svc-nightly-backup-operator';
    writeFileSync(file, Array.from({ length: 5 }, (_, i) => `${stamp} web sshd[4242]: Failed password for invalid user ${user} from 203.0.113.${77 + i} port 5234${i} ssh2\n`).join(''));
    const s = new TmuxSession('zoom-log', 120, 40, `node ${SITREP} --log-file ${file}`);
    cleanups.push(() => s.kill());
    const laidOut = await s.waitFor((t) => t.includes('invalid user svc-night') && drawn(t).length === 5, 15_000, 'the sshd lines in the Log pane');
    // At 120x40 the Log pane is too narrow for the address.
    expect(laidOut).not.toContain('203.0.113.81 port');
    s.send('3');
    s.send('z');
    const zoomed = await s.waitFor((t) => t.includes('Log [zoom'), 5000, 'Log zoomed');
    expect(zoomed).toContain(`invalid user ${user} from 203.0.113.81 port 52344 ssh2`);
    s.send('Escape');
    await s.waitFor((t) => drawn(t).length === 5 && !t.includes('203.0.113.81 port'), 5000, 'layout back');
    s.send('q');
  });
});
