/**
 * Issue 36, the report, for real. Inside a real systemd (PID namespace, real
 * journald) a flight recorder (`sitrep record --store`, 1 s samples) runs
 * while a real writer, as nobody, fills a loop ext4 at 8 MB/s; the admin
 * (sudo from alice over SSH) stops its unit through the console and the space
 * comes back (the unit's stop removes its cache file). Then a real crash loop
 * with a flood of log lines from one range, which the admin blocks. `sitrep
 * report --store … --since …` must name each, with figures checked against
 * what the test measured itself.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs, TEST_ROOT } from '../support/loopfs.js';
import { canBootSystemd, SystemdNamespace } from '../support/systemd-ns.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const ready = requireOrSkip(canBootSystemd() && canLoopMount() && hasTmux() && existsSync(SITREP) && ['nft', 'logger', 'unshare'].every(has), 'needs root, systemd, loop mounts, tmux, nft, logger and dist/');
const MB = 1e6;
const RATE = 8 * MB;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // go on with the rest
  }
}));

/** When a pid started, in wall-clock ms (its /proc start time and the boot time). */
function startedAt(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  const btime = Number(/btime (\d+)/.exec(readFileSync('/proc/stat', 'utf8'))![1]);
  return btime * 1000 + (ticks * 1000) / 100;
}

describe.runIf(ready)('sitrep report from a flight-recorder store, for real', () => {
  const fs = ready ? new LoopFs('report', 200, ['-m', '1']) : null;
  cleanups.push(() => fs?.unmount());
  const store = join(TEST_ROOT, `report-store-${process.pid}`);
  cleanups.push(() => rmSync(store, { recursive: true, force: true }));
  const ns = ready ? new SystemdNamespace() : null;
  cleanups.push(() => ns?.stop());

  it('names the filesystem and the writer, the fill start, peak rate, full, the stop with who, the recovery; and a crash loop, its range and the block', async () => {
    mkdirSync(store, { recursive: true, mode: 0o700 });
    const www = join(fs!.mountPoint, 'www');
    mkdirSync(www);
    chmodSync(www, 0o777);
    const file = join(www, 'mod_gzip.cache');
    const since = new Date(Date.now() - 2000).toISOString();
    ns!.startUnit('sitrep-rec', ['node', SITREP, 'record', '--store', store, '--interval', '1']);
    await eventually(() => existsSync(store) && spawnSync('ls', [store], { encoding: 'utf8' }).stdout.includes('.gz'), 15_000);
    await new Promise((r) => setTimeout(r, 3000)); // a few quiet samples before the fill
    ns!.startUnit('fill-writer', [process.execPath, WRITER, file, String(RATE)], { User: 'nobody', Description: 'mod_gzip cache (test writer)', ExecStopPost: `/bin/rm -f ${file}` });
    const pid = Number(await (async () => {
      let p = '0';
      await eventually(() => (p = ns!.property('fill-writer', 'MainPID')) !== '0', 10_000);
      return p;
    })());
    // The writer's pid in the namespace is not the host's: its start time comes from the host's /proc by its command line.
    const hostPid = Number(spawnSync('pgrep', ['-n', '-f', `${WRITER} ${file}`], { encoding: 'utf8' }).stdout.trim());
    const writerStart = startedAt(hostPid);
    const avail = () => Number(execFileSync('df', ['--output=avail', '-B1', fs!.mountPoint], { encoding: 'utf8' }).split('\n')[1]);
    let fullSeen = 0;
    expect(await eventually(() => avail() < 1024 * 1024 && (fullSeen = Date.now()) > 0, 60_000)).toBe(true);

    const argv = ns!.wrap(['unshare', '--net', 'env', 'SUDO_USER=alice', 'SSH_CONNECTION=198.51.100.7 50022 192.0.2.1 22', 'node', SITREP]);
    const s = new TmuxSession('report-admin', 150, 45, argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a}'`)).join(' '));
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('fill-writer.service (unit)'), 20_000, 'the writer under its unit');
    s.send('2');
    await s.selectLine('mod_gzip.cache');
    s.send('S');
    await s.waitFor((t) => t.includes('Stop fill-writer.service?'), 5000, 'stop dialog');
    s.send('y');
    await s.waitFor((t) => /stopped fill-writer\.service in/.test(t), 20_000, 'stopped');
    const stoppedAt = Date.now();
    expect(await eventually(() => avail() > 150 * 1024 * 1024, 10_000)).toBe(true);

    // A real crash loop, and a flood of requests from one range in the log.
    ns!.startUnit('php-crash', ['sh', '-c', 'sleep 0.3; exit 3'], { Restart: 'always', RestartSec: '700ms', StartLimitIntervalSec: '0', Description: 'PHP FastCGI (crashes)' });
    ns!.run(['sh', '-c', 'for i in $(seq 1 120); do logger -t nginx "203.0.113.$((i % 200 + 1)) - - \\"POST /index.php HTTP/1.1\\" 502 0"; done']);
    await new Promise((r) => setTimeout(r, 8000));
    s.send('3');
    s.type('&'); // only the requests (the kernel's read-back fills the Log)
    s.type('POST /index.php');
    s.send('Enter');
    await s.selectLine('203.0.113.');
    s.send('b');
    await s.waitFor((t) => t.includes('Block 203.0.113.0/24?'), 5000, 'block dialog');
    s.send('y');
    await s.waitFor((t) => t.includes('blocked 203.0.113.0/24'), 10_000, 'blocked');
    ns!.run(['systemctl', 'stop', 'php-crash']);
    await new Promise((r) => setTimeout(r, 3000));
    s.send('q');
    ns!.run(['systemctl', 'stop', 'sitrep-rec']);
    await eventually(() => ns!.isActive('sitrep-rec') !== 'active', 10_000);

    const r = JSON.parse(execFileSync(process.execPath, [SITREP, 'report', '--store', store, '--since', since, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    const f = r.filesystems.find((x: { mountPoint: string }) => x.mountPoint === fs!.mountPoint);
    expect(f).toBeDefined();
    const culprit = f.culprits[0];
    expect(culprit).toMatchObject({ pid, unit: 'fill-writer.service', user: 'nobody', files: [file] });
    // The fill started with the writer's first write: seen within one sample interval (1 s; node's own start is allowed for).
    expect(f.fillStartAt - writerStart).toBeGreaterThanOrEqual(0);
    expect(f.fillStartAt - writerStart).toBeLessThanOrEqual(1000 + 800);
    expect(Math.abs(f.peakRate.value - RATE) / RATE).toBeLessThan(0.1);
    expect(Math.abs(f.fullAt - fullSeen)).toBeLessThanOrEqual(2500);
    const stop = r.actions.find((a: { action: string }) => a.action === 'stop');
    expect(stop).toMatchObject({ user: 'alice', from: '198.51.100.7', target: 'unit fill-writer.service', outcome: 'ok' });
    expect(Math.abs(stop.t - stoppedAt)).toBeLessThan(5000);
    expect(f.recoveredAt).toBeGreaterThanOrEqual(stop.t); // stop.t is when the admin confirmed it
    expect(f.freedBytes).toBeGreaterThan(150 * 1024 * 1024);
    expect(stop.effect).toMatch(/freed/);

    const loop = r.crashLoops.find((c: { unit: string }) => c.unit === 'php-crash.service');
    expect(loop.crashes).toBeGreaterThanOrEqual(4);
    expect(r.floods[0].range).toBe('203.0.113.0/24');
    expect(r.actions.find((a: { action: string }) => a.action === 'block')).toMatchObject({ user: 'alice', target: 'range 203.0.113.0/24', outcome: 'ok' });

    const text = execFileSync(process.execPath, [SITREP, 'report', '--store', store, '--since', since], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(text).toContain(`pid ${pid} node (user nobody, unit fill-writer.service)`);
    expect(text).toContain(`file ${file.replace(/_/g, '\\_')}`);
    expect(text).toMatch(/became full for users/);
    expect(text).toMatch(/writable again/);
    expect(text).toMatch(/alice from 198\.51\.100\.7 on .*: \*\*stop\*\* unit fill-writer\.service/);
    expect(text).toMatch(/php-crash\.service \(PHP FastCGI \(crashes\)\): \d+ crashes/);
    expect(text).toContain('**block** range 203.0.113.0/24');
    console.log(text);
  }, 300_000);
});
