/**
 * Recorder alerts where there is no journal (issue 34): the alert goes to
 * syslog. `sitrep record` runs in its own mount namespace where
 * /run/systemd is a fresh tmpfs: no journald socket, and /dev/log (a symlink
 * to /run/systemd/journal/dev-log) leads to a listener that writes each
 * datagram to a file, as a syslog daemon would. A loop ext4 fills at a known
 * rate: the syslog line carries the filesystem, the rate, the time to full and
 * the writer.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs, TEST_ROOT } from '../support/loopfs.js';
import { eventually, requireOrSkip } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const PYTHON = '/usr/bin/python3';
const ready = requireOrSkip(canLoopMount() && existsSync(SITREP) && existsSync(PYTHON) && existsSync('/usr/bin/logger') && existsSync('/usr/bin/unshare'),
  'needs root, loop mounts, python3, logger, unshare and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // the rest still runs
  }
}));
const LISTENER = [
  'import socket,sys',
  's=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)',
  's.bind("/run/systemd/journal/dev-log")',
  'f=open(sys.argv[1],"ab",0)',
  'while True: f.write(s.recv(65536)+b"\\n")',
].join('\n');

describe.runIf(ready)('recorder alerts without a journal', () => {
  it('a filling loop ext4 alerts in syslog (daemon.warning, tag sitrep) with the filesystem, the rate, the time to full and the writer', async () => {
    const root = join(TEST_ROOT, `alerts-syslog-${process.pid}`);
    mkdirSync(root, { recursive: true });
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const fs = new LoopFs('alerts-syslog', 120);
    cleanups.push(() => fs.unmount());
    const syslog = join(root, 'syslog.txt');
    const store = join(root, 'store');
    const script = [
      'mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/journal',
      `${PYTHON} -c '${LISTENER}' ${syslog} & sleep 0.5`,
      `exec ${process.execPath} ${SITREP} record --store ${store} --interval 1 --alert-horizon 600s --alert-hold 20s`,
    ].join(' && ');
    const recorder = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    recorder.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    cleanups.push(() => process.kill(-recorder.pid!, 'SIGKILL'));
    const writer = spawn(process.execPath, [WRITER, join(fs.mountPoint, 'big.log'), String(300 * 1024)], { stdio: 'ignore' });
    cleanups.push(() => writer.kill('SIGKILL'));
    const lines = () => (existsSync(syslog) ? readFileSync(syslog, 'utf8').split('\n').filter((l) => l.includes('sitrep ALERT:')) : []);
    expect(await eventually(() => lines().some((l) => l.includes(fs.mountPoint)), 60_000), stderr).toBe(true);
    const line = lines().find((l) => l.includes(fs.mountPoint))!;
    // <28> is daemon (3) * 8 + warning (4); the tag is sitrep.
    expect(line).toMatch(/^<28>/);
    expect(line).toMatch(/ sitrep(\[\d+\])?: /);
    expect(line).toMatch(new RegExp(`sitrep ALERT: ${fs.mountPoint} full in \\S+ at \\S+/s`));
    expect(line).toContain('[SITREP_ALERT=filesystem-filling:');
    // The rate is the writer's 300 KiB/s (within 40%: the first minute's slope).
    const [, value, unit] = / at ([\d.]+)([KM])\/s/.exec(line) ?? [];
    const rate = Number(value) * (unit === 'M' ? 1024 * 1024 : 1024);
    expect(rate).toBeGreaterThan(300 * 1024 * 0.6);
    expect(rate).toBeLessThan(300 * 1024 * 1.4);
    // The writer: its unit, or here (no unit) the cgroup the writer process is in.
    const named = /, writer (\S+) \[/.exec(line)?.[1] ?? '';
    expect(named).not.toBe('');
    expect(readFileSync(`/proc/${writer.pid}/cgroup`, 'utf8')).toContain(named);
    writer.kill('SIGKILL');
    process.kill(-recorder.pid!, 'SIGTERM');
  }, 120_000);
});
