/**
 * The Log pane's selection in a real tmux, on a log file that keeps growing:
 * stepping with g/j in a filtered Log onto its newest line shows that line
 * selected (it used to start following, which draws no selection, so the line
 * could not be seen picked), and the selection stays on it while new matching
 * lines arrive, also across a pause. G follows again; k picks a line again.
 * No root needed: the log file is the user's own.
 */
import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const DIR = `/srv/sitrep-log-select-${process.pid}`;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A syslog (BSD) stamp of now, in local time. */
const stamp = () => {
  const d = new Date();
  return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${d.toTimeString().slice(0, 8)}`;
};
const hit = (n: number) => `${stamp()} web nginx[80]: 203.0.113.${n} - - "GET /wp-login.php HTTP/1.1" 404 0\n`;
const noise = (n: number) => `${stamp()} web cron[90]: housekeeping pass ${n} done\n`;
let attempt = 0; // vitest retries a failed test once: each try has its own tmux server
const strip = (l: string) => l.replace(/\x1b\[[\d;]*m/g, '');

/** The selected line: the inverse line inside a pane (the status bar, also inverse, has no border). */
const selected = (s: TmuxSession) => strip(s.screen(true).split('\n').find((l) => l.includes('│') && /\x1b\[(?:[\d;]*;)?7(?:;[\d;]*)?m/.test(l)) ?? '');
/** The Log's title row. */
const title = (screen: string) => screen.split('\n').find((l) => l.includes('─ Log')) ?? '';

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/'))('the Log selection in tmux', () => {
  it('g/j onto the newest line of a filtered Log selects it, and it stays selected while lines arrive (also paused); G follows', async () => {
    mkdirSync(DIR, { recursive: true });
    cleanups.push(() => rmSync(DIR, { recursive: true, force: true }));
    const file = `${DIR}/access.log`;
    writeFileSync(file, [noise(1), hit(7), noise(2), hit(8), noise(3), hit(9), noise(4), noise(5)].join(''));
    const s = new TmuxSession(`log-select-${++attempt}`, 140, 45, `node ${SITREP} --log-file ${file}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('203.0.113.9 - -') && t.includes('housekeeping pass 5'), 20_000, 'the lines in the Log');
    const waitSelected = (text: string, what: string) => s.waitFor(() => selected(s).includes(text), 10_000, what);

    s.send('3');
    s.type('&');
    s.type('wp-login.php');
    s.send('Enter');
    await s.waitFor((t) => title(t).includes('filter "wp-login.php"') && !t.includes('housekeeping'), 10_000, 'the Log filtered');
    s.send('g');
    await waitSelected('203.0.113.7 - -', 'g selects the oldest match');
    s.send('j');
    await waitSelected('203.0.113.8 - -', 'j the next');
    s.send('j');
    // The newest line of the filtered Log: before the fix it started following and showed no selection.
    await waitSelected('203.0.113.9 - -', 'j onto the newest match selects it');

    // A new matching line arrives: the selection stays on the line picked, not on the newest one.
    appendFileSync(file, hit(10) + noise(6));
    await s.waitFor((t) => t.includes('203.0.113.10 - -'), 10_000, 'the new line');
    expect(selected(s)).toContain('203.0.113.9 - -');

    // G follows the tail again (no selection drawn); k picks a line again.
    s.send('G');
    await s.waitFor(() => selected(s) === '', 10_000, 'G follows');
    s.send('k');
    await waitSelected('203.0.113.9 - -', 'k from following selects the line before the newest');

    // Paused: j onto the newest line on screen; a line arriving meanwhile shows after p, and the selection holds.
    s.send('p');
    await s.waitFor((t) => t.includes(' PAUSED '), 10_000, 'paused');
    appendFileSync(file, hit(11));
    s.send('j');
    await waitSelected('203.0.113.10 - -', 'j onto the newest line of the frozen Log');
    s.send('p');
    await s.waitFor((t) => !t.includes(' PAUSED ') && t.includes('203.0.113.11 - -'), 10_000, 'resumed with the new line');
    expect(selected(s)).toContain('203.0.113.10 - -');

    // Zoomed, the same line is still the selected one.
    s.send('z');
    await s.waitFor((t) => t.includes('Log [zoom'), 10_000, 'Log zoomed');
    await waitSelected('203.0.113.10 - -', 'the selection in the zoomed Log');
    s.send('q');
  });
});
