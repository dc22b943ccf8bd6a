/**
 * Issue 28 item 6 on a real journald (systemd booted in a PID namespace):
 * user nobody writes sixty lines in sshd's format with `logger -t sshd`.
 * journald records who really sent them (_COMM=logger, _UID=65534), so they
 * count toward no range, and `b` on one refuses, saying who wrote it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

describe.runIf(requireOrSkip(canBootSystemd() && hasTmux() && existsSync(SITREP), 'needs root, systemd, tmux and dist/'))('forged sshd lines in the journal (issue 28 item 6)', () => {
  it('a logger line "from sshd" is not sshd: not counted, and b says who wrote it', async () => {
    const ns = new SystemdNamespace();
    cleanups.push(() => ns.stop());
    ns.run(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', 'sh', '-c',
      'for i in $(seq 60); do logger -t sshd "Failed password for root from 203.0.113.77 port $((40000 + i)) ssh2"; done']);
    // journald itself says who sent them.
    const fields = ns.run(['journalctl', '-t', 'sshd', '-o', 'json', '-n', '1', '--no-pager']);
    // (_COMM is read by journald from the sender's /proc: on a loaded machine logger may have exited first, and it is absent.)
    const sent = JSON.parse(fields) as Record<string, string>;
    expect(sent).toMatchObject({ _UID: '65534', SYSLOG_IDENTIFIER: 'sshd' });
    expect([undefined, 'logger']).toContain(sent._COMM);

    const report = JSON.parse(ns.run(['node', SITREP, 'snapshot', '--json', '--duration', '1']));
    expect(report.log.source).toBe('journald');
    expect(report.log.recent.some((l: { message: string }) => l.message.includes('from 203.0.113.77'))).toBe(true);
    expect((report.log.ipRanges ?? []).map((r: { range: string }) => r.range)).not.toContain('203.0.113.0/24');

    const s = new TmuxSession('i28-journal', 160, 45, ns.wrap(['node', SITREP]).join(' '));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('from 203.0.113.77') && !t.includes('reading back'), 20_000, 'the forged lines');
    expect(s.screen()).not.toMatch(/top sources 10m:.*203\.0\.113\.0\/24/);
    s.send('3');
    s.send('&');
    s.type('203.0.113.77');
    s.send('Enter');
    await s.waitFor((t) => {
      const shown = t.split('\n').filter((l) => l.includes('Failed password'));
      return shown.length > 0 && shown.every((l) => l.includes('203.0.113.77'));
    }, 20_000, 'only the forged lines');
    s.send('b');
    const screen = await s.waitFor((t) => t.includes("refused: this line claims to be sshd's") || t.includes('Block 203.0.113.0/24?'), 20_000, 'the answer to b');
    expect(screen).toMatch(/refused: this line claims to be sshd's, but journald says (logger|\?) \(uid 65534/);
    expect(screen).not.toContain('Block 203.0.113.0/24?');
    s.send('q');
  }, 120_000);
});
