/**
 * The Log pane against a real journald (systemd booted in a PID namespace with
 * a private, volatile /var/log), and the syslog fallback and range blocking in
 * a private network namespace. The host's firewall is never touched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const tag = () => `mark-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

describe.runIf(requireOrSkip(canBootSystemd() && hasTmux() && existsSync(SITREP), 'needs root, systemd, tmux and dist/'))('Log pane on a real journald', () => {
  const ns = new SystemdNamespace();
  cleanups.push(() => ns.stop());
  const snapshot = () => JSON.parse(ns.run(['node', SITREP, 'snapshot', '--json', '--duration', '1']));
  const console = async (name: string) => {
    const s = new TmuxSession(name, 140, 45, ns.wrap(['node', SITREP]).join(' '));
    cleanups.push(() => s.kill());
    // The window is read back first (journalctl -r), then journalctl -f follows after it.
    await s.waitFor((t) => t.includes('Log · journald') && !t.includes('reading back'), 10_000, 'Log pane reading journald');
    return s;
  };
  const journalctlPids = () => ns.run(['pgrep', '-f', '^journalctl -f -o json'], { allowFail: true }).split('\n').filter((l) => /^\d+$/.test(l));

  it('shows a logger message in the pane and in snapshot within 1 s', async () => {
    const s = await console('tail');
    const mark = tag();
    ns.run(['logger', '-t', 'e2e', `hello ${mark}`]);
    const at = Date.now();
    await s.waitFor((t) => t.includes(`e2e`) && t.includes(mark), 1000, 'the line in the pane');
    expect(Date.now() - at).toBeLessThanOrEqual(1000);
    const report = snapshot();
    expect(report.log.source).toBe('journald');
    expect(report.log.recent.some((l: { message: string }) => l.message === `hello ${mark}`)).toBe(true);
    s.send('q');
  });

  it('reports the volatile journal; J (confirmed) makes it persistent under /var/log/journal', async () => {
    expect(snapshot().log.volatile).toBe(true);
    const s = await console('journal');
    await s.waitFor((t) => t.includes('journal is volatile: logs are lost on reboot or crash') && t.includes('press J to keep'), 3000, 'standing warning');
    s.send('J');
    await s.waitFor((t) => t.includes('Keep the journal on disk?'), 3000, 'J dialog');
    s.send('Enter');
    await s.waitFor((t) => t.includes('cancelled'), 3000, 'No by default');
    s.send('J');
    await s.waitFor((t) => t.includes('Keep the journal on disk?'), 3000, 'J dialog again');
    s.send('y');
    await s.waitFor((t) => /journal is now persistent: \/var\/log\/journal\//.test(t), 15_000, 'outcome');
    await s.waitFor((t) => !t.includes('journal is volatile'), 3000, 'warning gone');
    expect(ns.run(['journalctl', '--header', '--no-pager'])).toMatch(/File path: \/var\/log\/journal\//);
    expect(snapshot().log).toMatchObject({ volatile: false });
    s.send('q');
    // --journal-dir reads a journal directory directly, as from a rescue mount
    const mark = tag();
    ns.run(['logger', '-t', 'e2e', `persisted ${mark}`]);
    ns.run(['journalctl', '--flush']);
    const fromDir = JSON.parse(ns.run(['node', SITREP, 'snapshot', '--json', '--duration', '1', '--journal-dir', '/var/log/journal']));
    expect(fromDir.log.source).toBe('journald (/var/log/journal)');
    expect(fromDir.log.recent.some((l: { message: string }) => l.message === `persisted ${mark}`)).toBe(true);
  });

  it('counts a unit that really crashes with SEGV under Restart=always, with its restarts', async () => {
    ns.startUnit('segv-loop', ['sh', '-c', 'kill -SEGV $$$$'], { Restart: 'always', RestartSec: '700ms', StartLimitIntervalSec: '0' });
    try {
      const s = await console('crash');
      const shown = (t: string) => Number(/segv-loop\.service \d+\/(\d+) \(restart #\d+\)/.exec(t)?.[1] ?? 0);
      await s.waitFor((t) => shown(t) >= 3, 15_000, 'crash count in the pane');
      const crash = snapshot().log.crashes.find((c: { unit: string }) => c.unit === 'segv-loop.service');
      const restarts = Number(ns.property('segv-loop', 'NRestarts'));
      expect(crash.count10m).toBeGreaterThanOrEqual(3);
      // one crash per start: the count follows systemd's own restart counter
      expect(Math.abs(crash.count10m - (restarts + 1))).toBeLessThanOrEqual(2);
      expect(crash.restarts).toBeGreaterThanOrEqual(2);
      expect(crash.lastMessage).toMatch(/segv-loop\.service/);
      s.send('q');
    } finally {
      ns.run(['systemctl', 'stop', 'segv-loop'], { allowFail: true });
    }
  });

  it('shows hostile messages sanitized: escapes, OSC 52, invalid UTF-8, 100 KB lines', async () => {
    const s = await console('hostile');
    s.send('3');
    const hostile = Buffer.concat([
      Buffer.from('evil-start \x1b]0;pwned\x07 \x1b]52;c;cHduZWQ=\x07 \x1b[2J\x1b[31mred \x9b6n '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' evil-end\n'),
      Buffer.from(`huge ${'x'.repeat(100_000)}\n`),
    ]);
    ns.run(['systemd-cat', '-t', 'evil'], { input: hostile });
    await s.waitFor((t) => t.includes('evil-start') && t.includes('huge xxx'), 5000, 'hostile lines');
    const raw = s.screen(true);
    expect(raw).not.toMatch(/\x1b\]|\x07|\x9b|\x1b\[2J/);
    expect(s.format('#{pane_title}')).not.toContain('pwned');
    expect(s.screen()).toMatch(/evil-start .*red .*evil-end/);
    s.send('q');
  });

  it('restarts journalctl when it dies, and says so', async () => {
    const before = new Set(journalctlPids());
    const s = await console('respawn');
    const mine = () => journalctlPids().filter((p) => !before.has(p));
    expect(await eventually(() => mine().length === 1, 5000), 'journalctl -f started').toBe(true);
    const [first] = mine();
    ns.run(['kill', '-KILL', first!]);
    await s.waitFor((t) => /journalctl stopped \(killed by SIGKILL\); restarting in 1 s/.test(t), 5000, 'the restart notice');
    await s.waitFor(() => mine().length === 1 && mine()[0] !== first, 5000, 'a new journalctl');
    const mark = tag();
    ns.run(['logger', '-t', 'e2e', `after respawn ${mark}`]);
    await s.waitFor((t) => t.includes(mark), 3000, 'lines again');
    s.send('q');
  });

  it('leaves no journalctl behind after q, SIGTERM and SIGHUP', async () => {
    for (const how of ['q', 'SIGTERM', 'SIGHUP'] as const) {
      const before = new Set(journalctlPids());
      const s = await console(`exit-${how}`);
      const mine = () => journalctlPids().filter((p) => !before.has(p));
      expect(await eventually(() => mine().length === 1, 5000), 'journalctl -f started').toBe(true);
      if (how === 'q') s.send('q');
      else if (how === 'SIGHUP') s.kill();
      else ns.run(['pkill', '-TERM', '-n', '-f', `^node ${SITREP}$`]);
      expect(await eventually(() => mine().length === 0, 5000), `journalctl left after ${how}`).toBe(true);
      s.kill();
    }
  });
});

const NETNS = `sitrep-e2e-${process.pid}`;
const canNetns = process.getuid?.() === 0 && spawnSync('nft', ['--version']).status === 0 && spawnSync('ip', ['netns', 'list']).status === 0;

describe.runIf(requireOrSkip(canNetns && hasTmux() && existsSync(SITREP), 'needs root, nft, ip netns, tmux and dist/'))('syslog fallback and blocking a range in a private network namespace', () => {
  mkdirSync(TEST_ROOT, { recursive: true });
  const file = `${TEST_ROOT}/syslog-${process.pid}`;
  const now = () => {
    const d = new Date();
    return `${d.toString().slice(4, 10)} ${d.toTimeString().slice(0, 8)}`;
  };
  const lines = (n: number, ip: (i: number) => string) => Array.from({ length: n }, (_, i) => `${now()} web nginx[80]: ${ip(i)} - - "GET /x.php" 502\n`).join('');
  writeFileSync(file, lines(60, (i) => `198.51.100.${i + 1}`) + lines(5, (i) => `192.0.2.${i + 1}`) + lines(3, (i) => `10.0.0.${i + 1}`));
  execFileSync('ip', ['netns', 'add', NETNS]);
  cleanups.push(() => {
    spawnSync('ip', ['netns', 'delete', NETNS]);
    rmSync(file, { force: true });
    rmSync(`${file}.1`, { force: true });
  });
  const inNetns = (argv: string[], env = '') => `ip netns exec ${NETNS} env ${env} ${argv.join(' ')}`;

  it('makes the /24 seen most the top range, and blocks it inside the namespace only', async () => {
    const report = JSON.parse(execFileSync('ip', ['netns', 'exec', NETNS, 'node', SITREP, 'snapshot', '--json', '--duration', '1', '--log-file', file], { encoding: 'utf8' }));
    expect(report.log.ipRanges[0]).toMatchObject({ range: '198.51.100.0/24', count: 60, private: false });
    expect(report.log.ipRanges.find((r: { range: string }) => r.range === '10.0.0.0/24').private).toBe(true);
    const hostBefore = spawnSync('nft', ['list', 'ruleset'], { encoding: 'utf8' }).stdout;
    const s = new TmuxSession('block', 140, 45, inNetns(['node', SITREP, '--log-file', file], 'SSH_CLIENT="203.0.113.50 40000 22"'));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('top sources 10m: 198.51.100.0/24 60'), 10_000, 'top range');
    s.send('3');
    await s.selectLine('198.51.100.1 ');
    s.send('b');
    await s.waitFor((t) => t.includes('Block 198.51.100.0/24?'), 3000, 'block dialog');
    s.send('y');
    await s.waitFor((t) => t.includes('blocked 198.51.100.0/24 (nft table inet sitrep)'), 10_000, 'outcome');
    const inside = execFileSync('ip', ['netns', 'exec', NETNS, 'nft', 'list', 'ruleset'], { encoding: 'utf8' });
    expect(inside).toMatch(/table inet sitrep[\s\S]*ip saddr 198\.51\.100\.0\/24 drop/);
    expect(spawnSync('nft', ['list', 'ruleset'], { encoding: 'utf8' }).stdout).toBe(hostBefore);
    s.send('B');
    await s.waitFor((t) => t.includes('Unblock 198.51.100.0/24?'), 3000, 'unblock dialog');
    s.send('y');
    await s.waitFor((t) => t.includes('unblocked 198.51.100.0/24 (nft table inet sitrep); sitrep blocks now: none'), 10_000, 'unblocked');
    s.send('q');
  });

  it("refuses to block the SSH client's own range", async () => {
    const s = new TmuxSession('ssh-refusal', 140, 45, inNetns(['node', SITREP, '--log-file', file], 'SSH_CONNECTION="198.51.100.77 40000 10.0.0.1 22"'));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('top sources'), 10_000, 'console');
    s.send('3');
    await s.selectLine('198.51.100.2 ');
    s.send('b');
    await s.waitFor((t) => t.includes('refused: your own SSH client 198.51.100.77 is in 198.51.100.0/24'), 3000, 'refusal');
    expect(execFileSync('ip', ['netns', 'exec', NETNS, 'nft', 'list', 'ruleset'], { encoding: 'utf8' })).not.toContain('198.51.100.0/24 drop');
    s.send('q');
  });

  it('follows the file through rotation (mv plus a new file) and truncation', async () => {
    const s = new TmuxSession('rotate', 140, 45, `node ${SITREP} --log-file ${file}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes(`Log · ${file}`), 10_000, 'console on the file');
    appendFileSync(file, `${now()} web app[1]: before-rotation-${process.pid}\n`);
    await s.waitFor((t) => t.includes(`before-rotation-${process.pid}`), 3000, 'appended line');
    renameSync(file, `${file}.1`);
    writeFileSync(file, `${now()} web app[1]: after-rotation-${process.pid}\n`);
    await s.waitFor((t) => t.includes(`after-rotation-${process.pid}`), 3000, 'line of the new file');
    truncateSync(file, 0);
    appendFileSync(file, `${now()} web app[1]: after-truncation-${process.pid}\n`);
    await s.waitFor((t) => t.includes(`after-truncation-${process.pid}`), 3000, 'line after truncation');
    s.send('q');
  });
});
