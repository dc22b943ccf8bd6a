/**
 * The single executable (dist/sitrep-linux-<arch>) on a machine without Node:
 * every command runs in a mount namespace where each node on PATH, and
 * /usr/bin/node, has an empty file mounted over it. --version says what it
 * is; snapshot --json validates against the published schema (systeminformation
 * inside); a directory snapshot runs its scan children (the executable as
 * `-e`); the console draws a data frame in tmux (yoga's wasm inside); --demo
 * runs; a console recorded with --record replays, in tmux and as a snapshot;
 * the flight recorder's store records and reports; its unit runs the executable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';
import { TEST_ROOT } from '../support/loopfs.js';
import { BINARY, canHideNode, ensureBinary, noNodeLine, runNoNode } from '../support/no-node.js';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validSnapshot = ajv.compile(JSON.parse(readFileSync('schema/snapshot.schema.json', 'utf8')));
const hasCpuPane = (screen: string): boolean => /PID USER\s+S\s+CPU%/.test(screen);

describe.runIf(requireOrSkip(canHideNode() && hasTmux(), 'needs root (unshare -m, mount) and tmux'))('the single executable, with no node on the machine', () => {
  beforeAll(() => {
    const ms = ensureBinary();
    if (ms) console.log(`built ${BINARY} in ${ms} ms`);
  }, 320_000);

  it('--version says it is the executable, and node is really hidden', () => {
    expect(runNoNode([BINARY, '--version'])).toMatch(/^sitrep \d+\.\d+\.\d+ \(single executable, linux-\w+, Node v\d+\.\d+\.\d+ inside\)\n$/);
    expect(() => runNoNode(['node', '--version'])).toThrow();
  });

  it('snapshot --json validates against the schema; snapshot --dir runs its scan children', () => {
    const report = JSON.parse(runNoNode([BINARY, 'snapshot', '--json', '--duration', '1']));
    expect(validSnapshot(report) ? null : JSON.stringify(validSnapshot.errors).slice(0, 600)).toBeNull();
    expect(report.filesystems.length).toBeGreaterThan(0);
    expect(report.host.hardware?.cpuThreads).toBeGreaterThan(0);
    // The scan children are the executable itself with -e (no node to run them): the sizes match node's bundle's.
    const dir = JSON.parse(runNoNode([BINARY, 'snapshot', '--json', '--dir', '/usr/share']));
    const byNode = JSON.parse(execFileSync(process.execPath, ['dist/sitrep.mjs', 'snapshot', '--json', '--dir', '/usr/share'], { encoding: 'utf8' }));
    expect(dir.totalBytes).toBeGreaterThan(0);
    expect(dir.totalBytes).toBe(byNode.totalBytes);
    expect(dir.children.reduce((n: number, c: { errors: number }) => n + c.errors, 0)).toBe(0);
  }, 90_000);

  it('the console draws a data frame in tmux; --demo runs', async () => {
    const live = new TmuxSession('bin-live', 140, 45, noNodeLine([BINARY]));
    cleanups.push(() => live.kill());
    await live.waitFor((s) => hasCpuPane(s) && /╭─ Disks/.test(s) && /\d+%/.test(s), 30_000, 'a data frame from the executable');
    live.send('q');
    const demo = new TmuxSession('bin-demo', 130, 42, noNodeLine([BINARY, '--demo']));
    cleanups.push(() => demo.kill());
    await demo.waitFor((s) => /\+\d+(\.\d)?M\/s full in/.test(s) && s.includes('apache2@jail.service'), 30_000, 'the disk-fill demo');
    demo.send('q');
  }, 90_000);

  it('--record, then replay in tmux and snapshot --json --replay', async () => {
    const file = join(TEST_ROOT, `binary-${process.pid}.sitrep.gz`);
    cleanups.push(() => rmSync(file, { force: true }));
    const live = new TmuxSession('bin-rec', 140, 45, `${noNodeLine([BINARY, '--record', file])}; echo EXIT=$?; sleep 30`);
    cleanups.push(() => live.kill());
    await live.waitFor((s) => s.includes('● REC') && hasCpuPane(s), 30_000, 'recording');
    await live.waitForSamples(3); // a few samples into the file
    live.send('q');
    await live.waitFor((s) => s.includes('EXIT=0') && s.includes('saved to'), 15_000, 'saved');
    const report = JSON.parse(runNoNode([BINARY, 'snapshot', '--json', '--replay', file]));
    expect(validSnapshot(report) ? null : JSON.stringify(validSnapshot.errors).slice(0, 600)).toBeNull();
    expect(report.replay).toBeTruthy();
    const replay = new TmuxSession('bin-replay', 140, 45, noNodeLine([BINARY, 'replay', file]));
    cleanups.push(() => replay.kill());
    await replay.waitFor((s) => s.includes('REPLAY') && hasCpuPane(s), 30_000, 'the recording replayed');
    replay.send('q');
  }, 90_000);

  it('the flight recorder: record --store, then snapshot --json --store; recorder install names the executable alone', () => {
    const store = join(TEST_ROOT, `binary-store-${process.pid}`);
    cleanups.push(() => rmSync(store, { recursive: true, force: true }));
    const rec = spawnSync('sh', ['-c', noNodeLine(['timeout', '-s', 'TERM', '6', BINARY, 'record', '--store', store, '--interval', '1'])], { encoding: 'utf8', timeout: 30_000 });
    expect(rec.stderr).not.toMatch(/error|cannot/i);
    const report = JSON.parse(runNoNode([BINARY, 'snapshot', '--json', '--store', store]));
    expect(validSnapshot(report) ? null : JSON.stringify(validSnapshot.errors).slice(0, 600)).toBeNull();
    expect(report.filesystems.length).toBeGreaterThan(0);
    // Only where PID 1 is not systemd: there install prints the unit and installs nothing.
    if (readFileSync('/proc/1/comm', 'utf8').trim() !== 'systemd') {
      const install = spawnSync('sh', ['-c', noNodeLine([BINARY, 'recorder', 'install', '--store', store])], { encoding: 'utf8' });
      expect(install.stdout).toContain(`ExecStart=${BINARY} record --store ${store} --interval 5`);
    }
  }, 60_000);
});
