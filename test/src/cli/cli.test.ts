import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { snapshotReport, takeSnapshot } from '../../../src/report/snapshot.js';
import type { Message, Source } from '../../../src/stream/messages.js';
import { initialModel, reduce } from '../../../src/model/model.js';
import { header, proc, sample } from '../../support/samples.js';
import { requireOrSkip } from '../../support/tmux.js';

describe('parseArgs', () => {
  it('defaults to the live console at 1 s', () => {
    expect(parseArgs([])).toEqual({ kind: 'console', intervalMs: 1000, readOnly: false, noColor: false, ascii: false, journalDir: null, logFile: null, demo: null, record: null, dir: null, network: true, mouse: true });
  });

  it('reads NO_COLOR where process-setup moved it away from node children (SITREP_NO_COLOR)', () => {
    expect(parseArgs([], { SITREP_NO_COLOR: '1' })).toMatchObject({ kind: 'console', noColor: true });
    expect(parseArgs([], { SITREP_NO_COLOR: '' })).toMatchObject({ kind: 'console', noColor: false });
  });

  it('reads --interval, --read-only and NO_COLOR', () => {
    expect(parseArgs(['--interval', '2.5', '--read-only'], { NO_COLOR: '1' })).toEqual({ kind: 'console', intervalMs: 2500, readOnly: true, noColor: true, ascii: false, journalDir: null, logFile: null, demo: null, record: null, dir: null, network: true, mouse: true });
    expect(parseArgs(['--ascii'])).toMatchObject({ kind: 'console', ascii: true });
    expect(parseArgs([], { TERM: 'linux' })).toMatchObject({ kind: 'console', ascii: true });
    expect(parseArgs(['--interval=0.5'])).toMatchObject({ intervalMs: 500 });
  });

  it('reads snapshot options', () => {
    expect(parseArgs(['snapshot', '--json', '--duration', '3'])).toEqual({ kind: 'snapshot', intervalMs: 1000, durationMs: 3000, format: 'json', textfile: null, journalDir: null, logFile: null, demo: null, atSeconds: null, replay: null, dir: null, durationGiven: true });
    expect(parseArgs(['snapshot', '--format', 'openmetrics', '--textfile', '/var/lib/node_exporter'])).toMatchObject({ kind: 'snapshot', format: 'openmetrics', textfile: '/var/lib/node_exporter' });
    expect(parseArgs(['snapshot', '--json', '--textfile', '/x'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['snapshot', '--format', 'xml'])).toEqual({ kind: 'error', message: "unknown format 'xml': try json or openmetrics" });
  });

  it('reads --journal-dir and --log-file', () => {
    expect(parseArgs(['--journal-dir', '/mnt/rescue/var/log/journal'])).toMatchObject({ journalDir: '/mnt/rescue/var/log/journal', logFile: null });
    expect(parseArgs(['snapshot', '--json', '--log-file=/var/log/nginx/access.log'])).toMatchObject({ logFile: '/var/log/nginx/access.log' });
    expect(parseArgs(['--log-file'])).toEqual({ kind: 'error', message: '--log-file needs a path' });
  });

  it('reads --demo, --record, replay, --dir and the snapshot sources', () => {
    expect(parseArgs(['--demo'])).toMatchObject({ kind: 'console', demo: 'disk-fill' });
    expect(parseArgs(['--demo', 'crash-loop'])).toMatchObject({ demo: 'crash-loop' });
    expect(parseArgs(['--demo', 'nope'])).toEqual({ kind: 'error', message: "unknown demo 'nope': try disk-fill, crash-loop or memory-leak" });
    expect(parseArgs(['--record', '/srv/x.gz'])).toMatchObject({ kind: 'console', record: '/srv/x.gz' });
    expect(parseArgs(['record', '/srv/x.gz'])).toMatchObject({ kind: 'console', record: '/srv/x.gz' });
    expect(parseArgs(['replay', '/srv/x.gz'])).toEqual({ kind: 'replay', file: '/srv/x.gz', noColor: false, ascii: false, dir: null });
    expect(parseArgs(['--dir', '/srv'])).toMatchObject({ kind: 'console', dir: '/srv' });
    expect(parseArgs(['snapshot', '--json', '--demo', 'crash-loop', '--at', '40'])).toMatchObject({ demo: 'crash-loop', atSeconds: 40 });
    expect(parseArgs(['snapshot', '--json', '--replay', 'f', '--at', '5'])).toMatchObject({ replay: 'f', atSeconds: 5 });
    expect(parseArgs(['snapshot', '--json', '--at', '5'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['snapshot', '--json', '--dir', '/srv'])).toMatchObject({ dir: '/srv', durationGiven: false });
  });

  it('rejects unknown flags, commands and bad numbers with a message', () => {
    expect(parseArgs(['--bogus'])).toEqual({ kind: 'error', message: "unknown option '--bogus'" });
    expect(parseArgs(['frobnicate'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--interval', 'soon'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--interval', '0'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['snapshot'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['--json'])).toEqual({ kind: 'error', message: '--json does not go with the live console' });
    expect(parseArgs(['--dir'])).toEqual({ kind: 'error', message: '--dir needs a path' });
    expect(parseArgs(['--read-only=yes'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['replay', 'f.gz', 'extra'])).toEqual({ kind: 'error', message: "unknown command 'extra'" });
  });
});

describe('snapshot report', () => {
  it('has the documented schema', () => {
    const messages: Message[] = [header(), sample(0, 0, 0, [proc(7, 0)]), sample(1, 40, 60, [proc(7, 50, { cmdline: '' })])];
    const report = snapshotReport(messages.reduce(reduce, initialModel(60)), { windowSeconds: 1 }) as Record<string, any>;
    expect(report.version).toBe(1);
    expect(report.host).toEqual({ name: 'test-host', kernel: '6.1.0', cores: 2, os: 'Debian GNU/Linux 12 (bookworm)', hardware: null });
    expect(report.cpu.total.busy).toBeCloseTo(0.4);
    expect(report.cpu.cores).toEqual([{ index: 0, busy: 0.4 }, { index: 1, busy: 0.4 }]);
    expect(report.cpu.load).toEqual([0.5, 0.4, 0.3]);
    expect(report.cpu.psi).toBeNull();
    expect(report.memory.total).toBe(8e9);
    expect(report.processes[0]).toMatchObject({ pid: 7, cpuPercent: 50, command: '[p7]' });
    expect(typeof report.time).toBe('string');
  });

  it('has a filesystems section with rates and times to full', () => {
    const MiB = 1024 * 1024;
    const fs = (used: number) => [{
      device: '7:0', source: '/dev/loop0', type: 'ext4', mountPoint: '/srv', otherMounts: ['/jail/srv'], responding: true,
      stat: { bsize: MiB, blocks: 1000, bfree: 1000 - used, bavail: 950 - used, files: 100, ffree: 90 },
    }];
    const messages: Message[] = [header(), ...[0, 1, 2, 3].map((s) => ({ ...sample(s, s, s), filesystems: fs(100 + s * 10) }))];
    const report = snapshotReport(messages.reduce(reduce, initialModel(60)), { windowSeconds: 3 }) as Record<string, any>;
    expect(report.filesystems).toEqual([{
      mount: '/srv', mounts: ['/srv', '/jail/srv'], device: '7:0', source: '/dev/loop0', type: 'ext4',
      sizeBytes: 1000 * MiB, usedBytes: 130 * MiB, availBytes: 820 * MiB, reservedBytes: 50 * MiB,
      usedFraction: 0.14, limitedBy: 'blocks', // 130 / (130 + 820) = 13.7%, rounded up as df does
      fillRateBytesPerSec: 10 * MiB, secondsToFull: 82, secondsToFullRoot: 87, responding: true, fullForUsers: false, deletedOpenBytes: 0, io: null, slowUnder: null,
      inodes: { total: 100, used: 10, usedFraction: 0.1, fillRatePerSec: 0, secondsToFull: null },
    }]);
  });

  it('runs a source for the duration and stops it', async () => {
    let stopped = false;
    const source: Source = {
      start(emit) {
        emit(header());
        emit(sample(0, 0, 0));
        emit(sample(1, 10, 90));
      },
      stop() {
        stopped = true;
      },
    };
    const report = (await takeSnapshot(source, 10)) as Record<string, any>;
    expect(stopped).toBe(true);
    expect(report.cpu.total.busy).toBeCloseTo(0.1);
  });
});

describe.runIf(requireOrSkip(existsSync('dist/sitrep.mjs'), 'needs dist/ (npm run build)'))('the built command', () => {
  it('prints a real snapshot as JSON and exits 0', () => {
    const out = execFileSync('node', ['dist/sitrep.mjs', 'snapshot', '--json', '--duration', '1'], { encoding: 'utf8' });
    const report = JSON.parse(out);
    expect(report.host.os).toMatch(/\w/);
    expect(report.cpu.cores.length).toBeGreaterThan(0);
    expect(report.cpu.cores[0].busy).toBeGreaterThanOrEqual(0);
    expect(report.processes.length).toBeGreaterThan(0);
  });

  it('exits 2 with a one-line error and usage on an unknown flag', () => {
    const r = spawnSync('node', ['dist/sitrep.mjs', '--frob'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("sitrep: unknown option '--frob'");
    expect(r.stderr).toContain('usage: sitrep');
  });

  it('runs as one copied file with no node_modules anywhere above it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-alone-'));
    copyFileSync('dist/sitrep.mjs', join(dir, 'sitrep.mjs'));
    const out = execFileSync('node', ['sitrep.mjs', 'snapshot', '--json', '--duration', '1'], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(out).version).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints --help and --version', () => {
    expect(execFileSync('node', ['dist/sitrep.mjs', '--version'], { encoding: 'utf8' })).toMatch(/^sitrep \d+\.\d+\.\d+\n$/);
    expect(execFileSync('node', ['dist/sitrep.mjs', '--help'], { encoding: 'utf8' })).toContain('usage: sitrep');
  });
});
