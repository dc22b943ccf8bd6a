/**
 * The audit trail's pure parts and its wrapper: entries from intents (the
 * target as locked, the figures quoted, the outcome told apart), the journal
 * fields and their read-back, who acts (SUDO_USER, the login uid), and that a
 * trail that cannot be written never stops the action but says so.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEntry, entryFromJournal, entryFromSyslog, journalFields, outcomeOf, syslogLine, type Who } from '../../src/effects/audit-entry.js';
import { auditedActions, whoAmI } from '../../src/effects/audit-trail.js';
import type { Intent, ProcessTarget } from '../../src/effects/intents.js';
import { REFUSALS } from '../../src/effects/refusals.js';
import { reportName, writeReportFile } from '../../src/report/write-report.js';
import { parseArgs } from '../../src/cli/args.js';

const WHO: Who = { user: 'alice', uid: 0, loginUid: 1000, from: '198.51.100.7', host: 'web1' };
const PROC: ProcessTarget = { pid: 812, startTicks: 123456, comm: 'php-fpm', command: 'php-fpm: pool www', user: 'www-data', unit: 'php.service', kernelThread: false, started: '12:00:00' };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const fieldsOf = (lines: string[]) => Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('audit entries', () => {
  it('lock the target: pid and start time, the held file by device and inode, the unit, the range', () => {
    const sig = auditEntry({ kind: 'signal', target: PROC, signal: 'TERM' }, { ok: true, text: 'sent TERM to 812 (php-fpm)' }, WHO, 1, 2);
    expect(sig).toMatchObject({ action: 'signal', outcome: 'ok', user: 'alice', from: '198.51.100.7', target: 'pid 812 (php-fpm) start 123456', fields: { pid: '812', start: '123456', signal: 'TERM', unit: 'php.service' } });
    const tr = auditEntry({ kind: 'truncate', target: PROC, file: { fd: 4, path: '/var/log/x.log', bytes: 1.1 * 2 ** 30, device: '8:1', inode: 99 } }, { ok: true, text: 'freed' }, WHO, 1, 2);
    expect(tr.target).toBe('/var/log/x.log (deleted) dev 8:1 ino 99 fd 4 of pid 812 (php-fpm) start 123456');
    expect(tr.figures).toBe('1.1 GiB held');
    // The lock holds st.dev as a number (2049 = 8:1).
    const del = auditEntry({ kind: 'delete-path', path: '/srv/a', bytes: 2 ** 20, lock: { chain: ['2049:2'], target: '2049:77' } } as Intent, { ok: true, text: 'deleted' }, WHO, 1, 2);
    expect(del.target).toBe('path /srv/a dev 8:1 ino 77');
  });

  it('tell a refusal and a changed target from a failure', () => {
    expect(outcomeOf({ ok: false, text: 'refused: pid 1 is the init process' })).toBe('refused');
    expect(outcomeOf({ ok: false, text: REFUSALS.readOnly })).toBe('refused');
    expect(outcomeOf({ ok: false, text: REFUSALS.notRoot })).toBe('refused');
    expect(outcomeOf({ ok: false, text: REFUSALS.changed })).toBe('changed');
    expect(outcomeOf({ ok: false, text: 'pid 812 is no longer php-fpm; nothing sent' })).toBe('changed');
    expect(outcomeOf({ ok: false, text: 'systemctl: failed' })).toBe('failed');
  });

  it('become one-line journal fields (no newline can forge a field) and read back the same', () => {
    const e = auditEntry({ kind: 'service', verb: 'stop', target: { unit: 'evil\nSITREP_USER=root.service', manager: 'systemd', description: '', state: 'active', mainPid: 5, members: ['5 x'], guard: null } }, { ok: true, text: 'stopped\nSITREP_OUTCOME=failed' }, WHO, 1, 2);
    const lines = journalFields(e);
    expect(lines.every((l) => /^[A-Z_0-9]+=[^\n]*$/.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('SITREP_USER='))).toEqual(['SITREP_USER=alice']);
    const back = entryFromJournal(fieldsOf(lines))!;
    expect(back).toMatchObject({ action: 'stop', outcome: 'ok', user: 'alice', loginUid: 1000, from: '198.51.100.7', target: 'unit evil SITREP_USER=root.service' });
    expect(entryFromSyslog(syslogLine(e))).toMatchObject({ action: 'stop', outcome: 'ok', user: 'alice', target: 'unit evil SITREP_USER=root.service' });
    expect(entryFromJournal({ SITREP_ACTION: 'x', SITREP_OUTCOME: 'pwned' })).toBeNull();
  });
});

describe('who acts', () => {
  it('is SUDO_USER first, with the SSH client address; else the login uid\'s user', () => {
    const proc = mkdtempSync(join(tmpdir(), 'sitrep-proc-'));
    dirs.push(proc);
    writeFileSync(join(proc, 'placeholder'), '');
    expect(whoAmI({ SUDO_USER: 'alice', SSH_CONNECTION: '198.51.100.7 50022 192.0.2.1 22' })).toMatchObject({ user: 'alice', from: '198.51.100.7' });
    const loginUid = Number(readFileSync('/proc/self/loginuid', 'utf8'));
    const who = whoAmI({});
    expect(who.loginUid).toBe(loginUid === 4294967295 ? null : loginUid);
  });
});

describe('audited actions', () => {
  it('run the action even when the trail cannot be written, and say the trail is missing', async () => {
    let ran = 0;
    const actions = auditedActions({ run: async () => (ran++, { ok: true, text: 'done' }) }, { who: () => WHO, write: async () => 'no journal and no syslog (/dev/log) on this host' });
    const out = await actions.run({ kind: 'block', op: 'add', range: '203.0.113.0/24' });
    expect(ran).toBe(1);
    expect(out).toMatchObject({ ok: true, text: 'done', trailMissing: 'no journal and no syslog (/dev/log) on this host', audit: { action: 'block', target: 'range 203.0.113.0/24' } });
  });

  it('log refusals made before a dialog', async () => {
    const written: string[] = [];
    const actions = auditedActions({ run: async () => ({ ok: true, text: '' }) }, { who: () => WHO, write: async (e) => (written.push(`${e.action}:${e.outcome}:${e.target}`), null) });
    const out = await actions.refused({ action: 'signal', target: { ...PROC, pid: 1, comm: 'systemd' }, text: 'refused: pid 1 is the init process' });
    expect(out).toMatchObject({ ok: false, trailMissing: null });
    expect(written).toEqual(['signal:refused:pid 1 (systemd) start 123456']);
  });
});

describe('the report file (W)', () => {
  it('is new, mode 0600, never through a symlink or over a file, and falls back to the next directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-w-'));
    dirs.push(dir);
    const t = Date.UTC(2026, 11, 7, 6, 0, 0);
    const target = join(dir, 'target');
    writeFileSync(target, 'keep');
    symlinkSync(target, join(dir, reportName(t)));
    writeFileSync(join(dir, reportName(t, 1)), 'old');
    const w = writeReportFile('# report\n', ['/proc/nonexistent-dir', dir], t);
    expect(w).toEqual({ path: join(dir, reportName(t, 2)) });
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(readFileSync(join(dir, reportName(t, 1)), 'utf8')).toBe('old');
    expect(statSync(join(dir, reportName(t, 2))).mode & 0o777).toBe(0o600);
    expect(reportName(t)).toBe('sitrep-report-20261207-060000.md');
  });
});

describe('sitrep report arguments', () => {
  it('take one source: a file, --store with --since/--until, --duration, or --demo', () => {
    expect(parseArgs(['report', 'x.gz', '--json'])).toMatchObject({ kind: 'report', file: 'x.gz', json: true });
    expect(parseArgs(['report', '--store', '/s', '--since', '10 min ago', '--until', '12:00'])).toMatchObject({ kind: 'report', store: '/s', since: '10 min ago', until: '12:00' });
    expect(parseArgs(['report', '--duration', '30'])).toMatchObject({ kind: 'report', durationMs: 30_000 });
    expect(parseArgs(['report', '--demo', 'crash-loop'])).toMatchObject({ kind: 'report', demo: 'crash-loop' });
    expect(parseArgs(['report'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['report', 'x.gz', '--since', '1'])).toMatchObject({ kind: 'error', message: '--since and --until go with --store' });
  });
});
