/**
 * Issue 35, the mouse: in tmux, SGR reports written to the pane (send-keys
 * -l). A click on a CPU row focuses the pane and selects that row (K's dialog
 * names its pid); the wheel moves the selection; after q and after SIGHUP
 * the terminal no longer reports the mouse (tmux's #{mouse_any_flag}), and
 * --no-mouse never turns it on. A click on K's dialog's No cancels it, on its
 * Yes sends the signal (TERM, the dialog's first). In the compact layout a
 * click on a tab shows its pane.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { busyLoop, isAlive } from '../support/processes.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const ready = requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/');
const sessions: TmuxSession[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  sessions.splice(0).forEach((s) => s.kill());
  children.splice(0).forEach((c) => c.kill('SIGKILL'));
});

const click = (x: number, y: number) => `\x1b[<0;${x + 1};${y + 1}M\x1b[<0;${x + 1};${y + 1}m`;
const wheelDown = (x: number, y: number) => `\x1b[<65;${x + 1};${y + 1}M`;
const wheelUp = (x: number, y: number) => `\x1b[<64;${x + 1};${y + 1}M`;

/** A shell in tmux running sitrep; the shell stays, so the terminal's modes can be read after sitrep ends. */
async function start(name: string, args = ''): Promise<TmuxSession> {
  const s = new TmuxSession(name, 150, 45, 'sh');
  sessions.push(s);
  s.type(`node ${SITREP} ${args}`);
  s.send('Enter');
  await s.waitFor((t) => /PID +USER/.test(t), 20_000, 'the CPU pane');
  return s;
}

/** Cell of the middle of a dialog's answer button ('No' or 'Yes') on the screen, in cells. */
function buttonCell(screen: string, label: 'No' | 'Yes'): { x: number; y: number } {
  const lines = screen.split('\n');
  const y = lines.findIndex((l) => l.includes('  No       Yes  '));
  expect(y).toBeGreaterThanOrEqual(0);
  const line = lines[y]!;
  const at = line.indexOf(`  ${label}  `);
  return { x: [...line.slice(0, at)].length + 3, y };
}

/** Clicks the row of `pid` in the CPU pane and opens K's dialog on it. */
async function dialogOn(s: TmuxSession, pid: number): Promise<string> {
  const row = new RegExp(`│ *${pid} +root`);
  const screen = await s.waitFor((t) => row.test(t), 20_000, `pid ${pid} listed`);
  const y = screen.split('\n').findIndex((l) => row.test(l));
  const x = [...screen.split('\n')[y]!].join('').indexOf(` ${pid} `) + 3;
  s.type(click(x, y));
  s.send('K');
  return s.waitFor((t) => new RegExp(`Send a signal to ${pid}\\?`).test(t), 10_000, `K's dialog on ${pid}`);
}

const sitrepPid = (s: TmuxSession) => Number(spawnSync('pgrep', ['-P', s.format('#{pane_pid}')], { encoding: 'utf8' }).stdout.trim().split('\n')[0]);

describe.runIf(ready)('the mouse (issue 35)', () => {
  it('a click selects the row under it (K names its pid), the wheel scrolls, q turns reporting off', async () => {
    const busy = [busyLoop('sh', 'i35mouse-a'), busyLoop('sh', 'i35mouse-b')];
    children.push(...busy);
    const s = await start('i35mouse');
    expect(s.format('#{mouse_any_flag} #{mouse_sgr_flag}')).toBe('1 1');
    const target = busy[1]!.pid!;
    const row = new RegExp(`│ *${target} +root`);
    await s.waitFor((t) => row.test(t), 20_000, 'the busy loop listed');
    // Paused: the CPU list does not re-sort between the click and the wheel (keys and clicks act on the frozen screen).
    s.send('p');
    const screen = await s.waitFor((t) => t.includes('PAUSED') && row.test(t), 5000, 'paused with the busy loop listed');
    const y = screen.split('\n').findIndex((l) => row.test(l));
    const x = [...screen.split('\n')[y]!].join('').indexOf(` ${target} `) + 3;
    s.type(click(x, y));
    s.send('K');
    const dialog = await s.waitFor((t) => /Send a signal to \d+\?/.test(t), 5000, 'K\'s dialog');
    expect(/Send a signal to (\d+)\?/.exec(dialog)![1]).toBe(String(target));
    s.send('Escape');
    await s.waitFor((t) => /PID +USER/.test(t), 5000, 'the dialog closed');
    // The wheel: three rows down from the clicked one (the list is frozen); K now acts on that row's pid:
    // its dialog, or its refusal where that row is sitrep itself or a kernel thread on this machine.
    // Down when three rows below it are listed, else up (the busy loop can be near the bottom on a loaded machine).
    const listed = screen.split('\n').map((l) => /││ *(\d+) +\S+ +[A-Z] /.exec(l)?.[1]).filter((p): p is string => p !== undefined);
    const at = listed.indexOf(String(target));
    expect(at).toBeGreaterThanOrEqual(0);
    const down = at + 3 < listed.length;
    const expected = listed[down ? at + 3 : Math.max(0, at - 3)]!;
    expect(expected).not.toBe(String(target));
    s.type(down ? wheelDown(x, y) : wheelUp(x, y));
    s.send('K');
    const own = Number(expected) === sitrepPid(s);
    const after = await s.waitFor((t) => t.includes(`Send a signal to ${expected}?`) || t.includes(`refused: ${expected} is a kernel thread`) ||
      (own && t.includes('refused: that is sitrep itself')), 5000, `K on ${expected} after the wheel`);
    if (after.includes('Send a signal')) s.send('Escape');
    s.send('q');
    await s.waitFor(() => s.format('#{alternate_on}') === '0', 10_000, 'sitrep gone');
    expect(s.format('#{mouse_any_flag} #{mouse_sgr_flag}')).toBe('0 0');
  }, 90_000);

  it('after SIGHUP the terminal no longer reports the mouse; --no-mouse never turns it on', async () => {
    const s = await start('i35hup');
    expect(s.format('#{mouse_any_flag}')).toBe('1');
    const pid = sitrepPid(s);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGHUP');
    await s.waitFor(() => s.format('#{alternate_on}') === '0', 10_000, 'sitrep gone');
    expect(s.format('#{mouse_any_flag} #{mouse_sgr_flag}')).toBe('0 0');
    const t = await start('i35nomouse', '--no-mouse');
    expect(t.format('#{mouse_any_flag}')).toBe('0');
    t.send('q');
  }, 90_000);

  it("a click on a dialog's No cancels it, on its Yes acts", async () => {
    const busy = busyLoop('sh', 'i35click-yes');
    children.push(busy);
    const target = busy.pid!;
    const s = await start('i35dialog');
    let dialog = await dialogOn(s, target);
    const no = buttonCell(dialog, 'No');
    s.type(click(no.x, no.y));
    await s.waitFor((t) => /cancelled/.test(t) && !/Send a signal to/.test(t), 10_000, 'No clicked: cancelled');
    expect(isAlive(target)).toBe(true);
    dialog = await dialogOn(s, target);
    const yes = buttonCell(dialog, 'Yes');
    s.type(click(yes.x, yes.y));
    expect(await eventually(() => !isAlive(target), 15_000)).toBe(true);
    await s.waitFor((t) => !/Send a signal to/.test(t), 10_000, 'the dialog closed');
    s.send('q');
  }, 90_000);

  it('in the compact layout a click on a tab shows its pane', async () => {
    const s = new TmuxSession('i35tabs', 60, 15, 'sh');
    sessions.push(s);
    s.type(`node ${SITREP}`);
    s.send('Enter');
    const screen = await s.waitFor((t) => /^ 1 Disks  2 Writers  3 Log  4 CPU /m.test(t) && t.includes('MOUNT'), 20_000, 'compact, Disks shown');
    const bar = screen.split('\n').findIndex((l) => l.startsWith(' 1 Disks '));
    s.type(click(screen.split('\n')[bar]!.indexOf('4 CPU') + 2, bar));
    await s.waitFor((t) => /PID +USER/.test(t) && !t.includes('MOUNT'), 10_000, 'CPU shown after its tab was clicked');
    s.type(click(screen.split('\n')[bar]!.indexOf('3 Log') + 1, bar));
    await s.waitFor((t) => /^╭─ Log · /m.test(t) && !/PID +USER/.test(t), 10_000, 'the Log shown after its tab was clicked');
    s.send('q');
  }, 60_000);
});
