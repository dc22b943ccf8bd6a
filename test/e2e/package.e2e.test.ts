/**
 * Packaging for real: the packed tarball installed into an empty prefix far
 * from any checkout runs, has its man page and no dependency tree; the
 * OpenMetrics output passes promtool for a live machine, a demo, a recording
 * and a store; node_exporter's textfile collector serves it on loopback.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { requireOrSkip } from '../support/tmux.js';
import { writeRecordingFile } from '../support/recording-file.js';
import { demoMessagesTo } from '../../demo/demo-source.js';

const SITREP = resolve('dist/sitrep.mjs');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const fresh = (name: string) => {
  mkdirSync(TEST_ROOT, { recursive: true });
  const dir = mkdtempSync(join(TEST_ROOT, `${name}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};
const sitrep = (args: string[]) => execFileSync(process.execPath, [SITREP, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const promtool = (text: string) => spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });

describe.runIf(requireOrSkip(existsSync(SITREP) && has('npm') && has('man'), 'needs dist/, npm and man'))('the packed tarball', () => {
  it('installs into an empty prefix as one file: --version, snapshot --json and man sitrep work; no dependency tree; notices shipped', () => {
    const work = fresh('pack');
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { stdio: 'ignore' });
    const tarball = join(work, 'sitrep-' + JSON.parse(readFileSync('package.json', 'utf8')).version + '.tgz');
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(files).toEqual(expect.arrayContaining(['package/dist/sitrep.mjs', 'package/dist/sitrep.1', 'package/dist/THIRD-PARTY-NOTICES', 'package/LICENSE', 'package/dist/completions/sitrep.bash']));
    expect(files.some((f) => f.includes('node_modules'))).toBe(false);
    // Far from the checkout: a bare PATH, an empty HOME, cwd / and no network.
    const prefix = join(work, 'prefix');
    const home = join(work, 'home');
    mkdirSync(home);
    const env = { PATH: `${join(prefix, 'bin')}:${resolve(process.execPath, '..')}:/usr/bin:/bin`, HOME: home, npm_config_cache: join(home, '.npm') };
    execFileSync('npm', ['i', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: '/', env, stdio: 'ignore' });
    const run = (args: string[]) => execFileSync('sitrep', args, { cwd: '/', env, encoding: 'utf8' });
    expect(run(['--version'])).toMatch(/^sitrep \d+\.\d+\.\d+\n$/);
    const report = JSON.parse(run(['snapshot', '--json', '--duration', '1']));
    expect(report.cpu.cores.length).toBeGreaterThan(0);
    expect(report.filesystems.length).toBeGreaterThan(0);
    expect(execFileSync('man', ['-w', 'sitrep'], { cwd: '/', env, encoding: 'utf8' }).trim()).toMatch(/sitrep\.1$/);
    expect(execFileSync('man', ['-P', 'cat', 'sitrep'], { cwd: '/', env: { ...env, MANWIDTH: '100' }, encoding: 'utf8' })).toMatch(/OPTIONS[\s\S]*--read-only/);
    const tree = JSON.parse(execFileSync('npm', ['ls', '-g', '--prefix', prefix, '--all', '--json'], { cwd: '/', env, encoding: 'utf8' }));
    expect(Object.keys(tree.dependencies)).toEqual(['sitrep']);
    expect(tree.dependencies.sitrep.dependencies ?? {}).toEqual({});
    const notices = readFileSync(join(prefix, 'lib/node_modules/sitrep/dist/THIRD-PARTY-NOTICES'), 'utf8');
    for (const name of ['ink 6', 'react 19', 'yoga-layout', 'drawille-canvas-blessed-contrib']) expect(notices).toContain(name);
    expect(notices).toContain('Permission is hereby granted');
  }, 120_000);
});

describe.runIf(requireOrSkip(existsSync(SITREP) && has('promtool') && has('prometheus-node-exporter'), 'needs dist/, promtool (prometheus) and prometheus-node-exporter'))('OpenMetrics for Prometheus', () => {
  it('promtool accepts the output for a live machine, a demo, a recording and a store', () => {
    const outputs = {
      live: sitrep(['snapshot', '--format', 'openmetrics', '--duration', '1']),
      demo: sitrep(['snapshot', '--format', 'openmetrics', '--demo', 'crash-loop', '--at', '60']),
      replay: sitrep(['snapshot', '--format', 'openmetrics', '--replay', writeRecordingFile(demoMessagesTo('disk-fill', 30))]),
    };
    const store = join(fresh('om-store'), 'store');
    // The recorder runs until SIGTERM, which completes its segment.
    spawnSync(process.execPath, [SITREP, 'record', '--store', store, '--interval', '0.5'], { timeout: 3000, killSignal: 'SIGTERM', stdio: 'ignore' });
    for (const [name, text] of Object.entries({ ...outputs, store: sitrep(['snapshot', '--format', 'openmetrics', '--store', store]) })) {
      const check = promtool(text);
      expect({ name, status: check.status, out: check.stdout + check.stderr }).toEqual({ name, status: 0, out: '' });
      expect(text).toMatch(/^sitrep_filesystem_seconds_to_full\{mountpoint="[^"]+"/m);
      expect(text.endsWith('# EOF\n')).toBe(true);
    }
    expect(outputs.demo).toMatch(/^sitrep_unit_crashes_recent\{unit="php8.2-fpm.service"\} [1-9]/m);
    expect(outputs.replay).toMatch(/^sitrep_writer_write_bytes_per_second\{group="apache2@jail.service",kind="unit"\} [1-9]/m);
  }, 60_000);

  it('node_exporter serves sitrep.prom from --textfile on loopback; the write is atomic and never follows a planted symlink', async () => {
    const dir = fresh('textfile');
    const victim = join(fresh('victim'), 'victim');
    writeFileSync(victim, 'keep');
    symlinkSync(victim, join(dir, 'sitrep.prom'));
    sitrep(['snapshot', '--format', 'openmetrics', '--demo', 'disk-fill', '--at', '40', '--textfile', dir]);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    expect(readFileSync(join(dir, 'sitrep.prom'), 'utf8')).toContain('sitrep_filesystem_seconds_to_full{mountpoint="/srv"');
    const port = 20000 + (process.pid % 20000);
    const exporter = spawn('prometheus-node-exporter', ['--collector.disable-defaults', '--collector.textfile', `--collector.textfile.directory=${dir}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    cleanups.push(() => exporter.kill('SIGKILL'));
    let body = '';
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !body.includes('sitrep_'); await new Promise((r) => setTimeout(r, 200))) {
      body = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '');
    }
    expect(body).toMatch(/^sitrep_filesystem_seconds_to_full\{device="\/dev\/sdb1",fstype="ext4",mountpoint="\/srv"\} \d/m);
    expect(body).toMatch(/^sitrep_writer_write_bytes_per_second\{group="apache2@jail.service",kind="unit"\} \d/m);
    expect(body).toMatch(/^node_textfile_scrape_error 0$/m);
  }, 30_000);
});
