/**
 * Arriving late at the Log: the incident's lines were written before sitrep
 * started, and the 10-minute counts must be the window's true counts (a file
 * read back from its end, the journal newest first), saying so when a bound
 * cuts the read short. And `J` under a flood: after journald flushes the
 * volatile journal to /var/log/journal, the tail and the crash counts go on.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const DIR = `/srv/sitrep-log-window-${process.pid}`;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
mkdirSync(DIR, { recursive: true });
cleanups.push(() => rmSync(DIR, { recursive: true, force: true }));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A syslog (BSD) stamp in local time, as rsyslog writes it. */
const stamp = (d: Date) => `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${d.toTimeString().slice(0, 8)}`;

/** Writes `n` sshd failures from 203.0.113.0/24, evenly over the `spanMs` before now. */
function writeAuthLog(path: string, n: number, spanMs: number): void {
  const now = Date.now();
  const fd = openSync(path, 'w');
  let chunk = '';
  for (let i = 0; i < n; i++) {
    const at = new Date(now - spanMs + Math.floor(((i + 1) * spanMs) / n) - 1000);
    chunk += `${stamp(at)} web sshd[${1000 + (i % 97)}]: Failed password for invalid user admin from 203.0.113.${1 + (i % 250)} port ${40000 + (i % 20000)} ssh2\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

const near = (value: number, expected: number, fraction: number) => Math.abs(value - expected) <= expected * fraction;

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/'))('a log file written before start', () => {
  it('counts all 3,000 lines of the 8 minutes before start in the 10-minute window (snapshot and console)', async () => {
    const file = `${DIR}/auth.log`;
    writeAuthLog(file, 3000, 8 * 60_000);
    const report = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', '1', '--log-file', file], { encoding: 'utf8' }));
    const top = report.log.ipRanges[0];
    expect(top.range).toBe('203.0.113.0/24');
    expect(near(top.count, 3000, 0.01), `count ${top.count}`).toBe(true);
    expect(report.log.window).toMatchObject({ label: '10m', partial: false });
    const s = new TmuxSession('window-file', 140, 45, `node ${SITREP} --log-file ${file}`);
    cleanups.push(() => s.kill());
    const screen = await s.waitFor((t) => /top sources 10m: 203\.0\.113\.0\/24 \d+/.test(t), 15_000, 'top sources');
    const shown = Number(/top sources 10m: 203\.0\.113\.0\/24 (\d+)/.exec(screen)![1]);
    expect(near(shown, 3000, 0.01), `console count ${shown}`).toBe(true);
    s.send('q');
  });

  it('says how much of the window was readable when the read-back bound (24 MiB) cuts it short', async () => {
    const file = `${DIR}/big.log`;
    writeAuthLog(file, 300_000, 8 * 60_000); // about 31 MiB
    const report = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', '1', '--log-file', file], { encoding: 'utf8' }));
    expect(report.log.window).toMatchObject({ partial: true, bound: '24 MiB' });
    expect(report.log.window.label).toMatch(/^10m \(only the last [5-7]m were readable\)$/);
    // what was read is counted whole: about 24/31 of the lines
    expect(near(report.log.ipRanges[0].count, 300_000 * (24 / 31), 0.05), `count ${report.log.ipRanges[0].count}`).toBe(true);
    const s = new TmuxSession('window-cut', 160, 45, `node ${SITREP} --log-file ${file}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => /counts over 10m \(only the last [5-7]m were readable\): the read at start stopped at 24 MiB/.test(t), 20_000, 'the cut window said');
    s.send('q');
  });
});

/** Counted crashes of `unit` on the pane's crash line: [1m, 10m]. */
const shownCrashes = (screen: string, unit: string): [number, number] | null => {
  const m = new RegExp(`${unit.replace('.', '\\.')} (\\d+)/(\\d+)`).exec(screen);
  return m ? [Number(m[1]), Number(m[2])] : null;
};

describe.runIf(requireOrSkip(canBootSystemd() && hasTmux() && existsSync(SITREP), 'needs root, systemd, tmux and dist/'))('a volatile journal under a flood, in a systemd namespace', () => {
  const ns = new SystemdNamespace();
  cleanups.push(() => ns.stop());
  // A flood of about 500 lines a second: the last few hundred lines of the journal are all flood.
  writeFileSync(`${DIR}/flood.mjs`, "let i = 0;\nsetInterval(() => {\n  let s = '';\n  for (let k = 0; k < 50; k++) s += `flood line ${i++} of a noisy daemon\\n`;\n  process.stdout.write(s);\n}, 100);\n");
  ns.startUnit('flood', [process.execPath, `${DIR}/flood.mjs`], { LogRateLimitIntervalSec: '0' });
  const crashLoop = (unit: string, restartSec: string) =>
    ns.startUnit(unit, ['sh', '-c', 'kill -SEGV $$$$'], { Restart: 'always', RestartSec: restartSec, StartLimitIntervalSec: '0' });
  /** Crashes of `unit` in journald's own record over the last 10 minutes. */
  const journalCrashes = (unit: string) => {
    const since = Math.floor((Date.now() - 600_000) / 1000);
    const text = ns.run(['journalctl', '--no-pager', '-o', 'cat', `--since=@${since}`, `UNIT=${unit}`]);
    return text.split('\n').filter((l) => /Main process exited, code=(?:killed|dumped)/.test(l)).length;
  };
  const eventuallyTrue = async (test: () => boolean, ms: number, what: string) => {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  it('counts crashes written before start within 1 of journalctl over the same window (snapshot and console)', async () => {
    crashLoop('late-segv', '300ms');
    try {
      await eventuallyTrue(() => journalCrashes('late-segv.service') >= 20, 60_000, '20 crashes in the journal');
    } finally {
      ns.run(['systemctl', 'stop', 'late-segv'], { allowFail: true });
    }
    // the flood goes on: thousands of lines after the last crash
    const floodLines = () => ns.run(['journalctl', '--no-pager', '-o', 'cat', '-n', '3000']).split('\n').filter((l) => l.startsWith('flood line')).length;
    await eventuallyTrue(() => floodLines() >= 2500, 30_000, 'the flood');
    const expected = journalCrashes('late-segv.service');
    const report = JSON.parse(ns.run(['node', SITREP, 'snapshot', '--json', '--duration', '1'], { timeoutMs: 60_000 }));
    const crash = report.log.crashes.find((c: { unit: string }) => c.unit === 'late-segv.service');
    expect(crash, JSON.stringify(report.log.crashes)).toBeDefined();
    expect(Math.abs(crash.count10m - expected), `snapshot ${crash.count10m}, journalctl ${expected}`).toBeLessThanOrEqual(1);
    expect(report.log.window).toMatchObject({ label: '10m', partial: false });
    const s = new TmuxSession('window-journal', 160, 45, ns.wrap(['node', SITREP]).join(' '));
    cleanups.push(() => s.kill());
    const screen = await s.waitFor((t) => shownCrashes(t, 'late-segv.service') !== null, 20_000, 'the crash line');
    const [, tenMinutes] = shownCrashes(screen, 'late-segv.service')!;
    expect(Math.abs(tenMinutes - expected), `console ${tenMinutes}, journalctl ${expected}`).toBeLessThanOrEqual(1);
    s.send('q');
  }, 150_000);

  it('J under a flood: a line written 10 s after the keypress shows, and crash counts keep rising', async () => {
    expect(JSON.parse(ns.run(['node', SITREP, 'snapshot', '--json', '--duration', '1'])).log.volatile).toBe(true);
    crashLoop('j-segv', '1s');
    try {
      const s = new TmuxSession('window-j', 160, 45, ns.wrap(['node', SITREP]).join(' '));
      cleanups.push(() => s.kill());
      await s.waitFor((t) => (shownCrashes(t, 'j-segv.service')?.[1] ?? 0) >= 2, 30_000, 'j-segv crashing');
      // Filter the tail to the marks: the flood would scroll a line away in a blink.
      s.send('3');
      s.send('&');
      s.type('late-j-');
      s.send('Enter');
      s.send('J');
      await s.waitFor((t) => t.includes('Keep the journal on disk?'), 5000, 'J dialog');
      s.send('y');
      const pressed = Date.now();
      await s.waitFor((t) => /journal is now persistent: \/var\/log\/journal\//.test(t), 30_000, 'outcome');
      const before = shownCrashes(s.screen(), 'j-segv.service')?.[1] ?? 0;
      await new Promise((r) => setTimeout(r, Math.max(0, pressed + 10_000 - Date.now())));
      const mark = `late-j-${process.pid}-after`;
      ns.run(['logger', '-t', 'e2e', mark]);
      await s.waitFor((t) => t.includes(mark), 10_000, 'the line written 10 s after J');
      await s.waitFor((t) => (shownCrashes(t, 'j-segv.service')?.[1] ?? 0) >= before + 3, 20_000, 'crash counts rising after J');
      // the count keeps up with systemd's own restart counter
      const restarts = Number(ns.property('j-segv', 'NRestarts'));
      await s.waitFor((t) => (shownCrashes(t, 'j-segv.service')?.[1] ?? 0) >= restarts - 1, 10_000, `the count reaching NRestarts ${restarts}`);
      s.send('q');
    } finally {
      ns.run(['systemctl', 'stop', 'j-segv'], { allowFail: true });
    }
  }, 150_000);
});
