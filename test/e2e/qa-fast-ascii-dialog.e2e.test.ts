/**
 * QA: on a plain terminal (--ascii, TERM=linux) a confirmation dialog is
 * drawn in ASCII like the panes. Seen: the signal dialog's double border
 * (╔ ═ ╗ ║ ╚ ╝, ui's Confirm) is missing from src/term/ascii.ts's table, so
 * every cell of it became '?': a row of 120 '?' and '?' down both sides.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/'))('a dialog on a plain terminal', () => {
  for (const [name, command] of [['flag', `node ${SITREP} --demo disk-fill --ascii`], ['term', `env TERM=linux node ${SITREP} --demo disk-fill`]] as const) {
    it(`draws the signal dialog's border in ASCII (${name === 'flag' ? '--ascii' : 'TERM=linux'})`, async () => {
      const s = new TmuxSession(`qa-ascii-${name}`, 120, 40, command);
      cleanups.push(() => s.kill());
      await s.waitFor((t) => t.includes('+- CPU'), 15_000, 'the panes in ASCII');
      s.send('4');
      // A process row selected: an inverse line in the CPU pane's list.
      const selected = (t: string) => t.split('\n').some((l) => l.includes('\x1b[7m') && / www-data +S /.test(l));
      // j until a row is selected (a j sent before the focus moved moves nothing).
      const deadline = Date.now() + 10_000;
      while (!selected(s.screen(true)) && Date.now() < deadline) {
        s.send('j');
        await eventually(() => selected(s.screen(true)), 1000);
      }
      expect(selected(s.screen(true))).toBe(true);
      s.send('K');
      const dialog = await s.waitFor((t) => t.includes('Send a signal to'), 10_000, 'the signal dialog');
      const rows = dialog.split('\n');
      const title = rows.findIndex((r) => r.includes('Send a signal to'));
      // The border above the title: a corner, a line, a corner; the title's row starts and ends with a side.
      expect(rows[title - 1]).toMatch(/^\+[-=]+\+$/);
      expect(rows[title]).toMatch(/^\|.*\|$/);
      expect(dialog).not.toMatch(/\?{3}/);
      s.send('Escape');
      s.send('q');
    });
  }
});
