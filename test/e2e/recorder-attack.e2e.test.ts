/**
 * The flight recorder attacked by an unprivileged user (issue 28, items 3, 4,
 * 11, 12, 14; item 13 is recorder-sandbox.e2e.test.ts): 600 processes with
 * 240 KB of argv each against its memory; 40 short-lived ones with random
 * 240 KB argv against its history and --max-size; a store whose parent the
 * user owns, and a store swapped for a symlink while it records; an install
 * from a bundle the user owns; --record into the user's sticky directory.
 * The attacker is nobody, through setpriv (test/support/inflate.py).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';
import { listStore } from '../../src/record/store.js';
import { forEachMessage, openRecording } from '../../src/record/reader.js';
import type { Message } from '../../src/stream/messages.js';

const SITREP = resolve('dist/sitrep.mjs');
const INFLATE = resolve('test/support/inflate.py');
const PYTHON = '/usr/bin/python3';
const ready = requireOrSkip(process.getuid?.() === 0 && existsSync(SITREP) && existsSync(PYTHON) && hasTmux(), 'needs root, /usr/bin/python3, tmux and dist/');
const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // the rest still runs
  }
}));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const root = join(TEST_ROOT, `rec-attack-${process.pid}`);

/** A recorder on `store`; its stderr collected. */
function recorder(store: string, args: string[]): { child: ChildProcess; log: () => string } {
  let log = '';
  const child = spawn(process.execPath, [SITREP, 'record', '--store', store, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  cleanups.push(() => child.kill('SIGKILL'));
  return { child, log: () => log };
}

/** The attacker: COUNT processes of nobody with BYTES of random argv, each living LIFE s (0: until killed). */
async function inflate(count: number, bytes: number, life: number): Promise<() => void> {
  const child = spawn(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), PYTHON, INFLATE, String(count), String(bytes), String(life)], { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  };
  cleanups.push(stop);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  expect(await eventually(() => out.includes('ready'), 60_000), 'the attacker ready').toBe(true);
  return stop;
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const storeBytes = (dir: string) => readdirSync(dir).reduce((n, f) => n + (statSync(join(dir, f), { throwIfNoEntry: false })?.size ?? 0), 0);

/** Every message of the store, in order. */
async function messagesOf(dir: string): Promise<Message[]> {
  const listing = listStore(dir);
  const header = await openRecording(listing.segments[0]!.path);
  if ('error' in header) throw new Error(header.error);
  const out: Message[] = [];
  const problem = await forEachMessage(listing.segments.map((s) => s.path), header, (m) => (out.push(m), true));
  expect(problem, 'the store reads to its end').toBeNull();
  return out;
}

/** A fresh directory owned by nobody (mode `mode`). */
function nobodyDir(name: string, mode = 0o755): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  chownSync(dir, 65534, 65534);
  chmodSync(dir, mode);
  return dir;
}

describe.runIf(ready)('the flight recorder against an unprivileged user', () => {
  mkdirSync(root, { recursive: true, mode: 0o755 });
  chmodSync(root, 0o755);
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));

  it('3. 600 processes with 240 KB of argv each: the recorder stays small and keeps recording, each command line cut at 4 KiB', async () => {
    const stop = await inflate(600, 240_000, 0);
    const store = join(root, 'memory');
    const r = recorder(store, ['--interval', '1']);
    let peak = 0;
    for (let i = 0; i < 40; i++) {
      await sleep(500);
      if (r.child.exitCode !== null) break;
      peak = Math.max(peak, rssOf(r.child.pid!));
    }
    r.child.kill('SIGTERM');
    await eventually(() => r.child.exitCode !== null, 10_000);
    stop();
    // The unit's MemoryMax is 256M; the machine's own recorder is ~70 MiB.
    expect(peak, `peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`).toBeLessThan(160 * 2 ** 20);
    const samples = (await messagesOf(store)).filter((m) => m.kind === 'sample');
    expect(samples.length).toBeGreaterThan(8);
    const last = samples.at(-1)!;
    const theirs = last.processes.filter((p) => p.cmdline.startsWith('sh -c sleep 100000 inflate'));
    expect(theirs.length).toBeGreaterThanOrEqual(590);
    expect(Math.max(...samples.flatMap((s) => s.processes.map((p) => p.cmdline.length)))).toBeLessThanOrEqual(4096);
  }, 180_000);

  it('4. 40 short-lived processes with random 240 KB argv: --max-size holds at every moment, the stream is thinned with a note, and the incident before the attack is kept', async () => {
    const store = join(root, 'history');
    const r = recorder(store, ['--interval', '1', '--segment', '20s', '--max-size', '4M']);
    // the incident before the attack: a process of nobody's that the admin will look for
    const incident = spawn(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), 'sh', '-c', 'sleep 600', 'incident-before-the-attack'], { stdio: 'ignore' });
    cleanups.push(() => incident.kill('SIGKILL'));
    expect(await eventually(() => existsSync(store) && readdirSync(store).some((n) => n.endsWith('.rec.gz')), 40_000), 'a first complete segment').toBe(true);
    incident.kill('SIGKILL');
    const first = readdirSync(store).filter((n) => n.endsWith('.rec.gz')).sort()[0]!;
    const stop = await inflate(40, 240_000, 1);
    let peak = 0;
    for (let i = 0; i < 120; i++) {
      await sleep(500);
      peak = Math.max(peak, storeBytes(store));
    }
    stop();
    r.child.kill('SIGTERM');
    await eventually(() => r.child.exitCode !== null, 10_000);
    expect(peak, `the store peaked at ${(peak / 2 ** 20).toFixed(1)} MiB`).toBeLessThanOrEqual(4 * 2 ** 20);
    expect(readdirSync(store)).toContain(first);
    const messages = await messagesOf(store);
    expect(messages.some((m) => m.kind === 'sample' && m.processes.some((p) => p.cmdline.includes('incident-before-the-attack'))), 'the incident before the attack').toBe(true);
    expect(messages.some((m) => m.kind === 'event' && /unusually large|share of the store/.test(m.text)), `the note in the stream; stderr: ${r.log()}`).toBe(true);
    expect(r.log()).toMatch(/recorder: the stream is unusually large/);
  }, 180_000);

  it('11. a store below a directory another user owns is refused; a store swapped for a symlink while recording is not followed: segments go on into the directory opened', async () => {
    const victim = join(root, 'victimdir');
    mkdirSync(victim, { mode: 0o700 });
    // (a) the user owns a parent: refused at start, nothing written anywhere
    const theirs = nobodyDir('theirs');
    const a = spawnSync(process.execPath, [SITREP, 'record', '--store', join(theirs, 'store'), '--interval', '0.5'], { encoding: 'utf8', timeout: 8000 });
    expect(a.status, a.stderr).toBe(2);
    expect(a.stderr).toContain(`${theirs}, above the store ${join(theirs, 'store')}, belongs to uid 65534`);
    // (b) the store is swapped for a symlink after it was opened: the held directory is written, never the link
    const parent = join(root, 'mine');
    mkdirSync(parent, { mode: 0o755 });
    const store = join(parent, 'store');
    const r = recorder(store, ['--interval', '0.5', '--segment', '2s']);
    expect(await eventually(() => existsSync(store) && readdirSync(store).length > 0, 10_000)).toBe(true);
    renameSync(store, `${store}.moved`);
    symlinkSync(victim, store);
    const before = readdirSync(`${store}.moved`).length;
    await sleep(6000);
    r.child.kill('SIGTERM');
    await eventually(() => r.child.exitCode !== null, 10_000);
    expect(readdirSync(victim)).toEqual([]);
    expect(readdirSync(`${store}.moved`).length).toBeGreaterThan(before);
  }, 60_000);

  it('12. recorder install from a bundle nobody owns, or in a directory every user may write, is refused and writes no unit', () => {
    const unit = '/etc/systemd/system/sitrep-recorder.service';
    const had = existsSync(unit);
    const theirs = nobodyDir('bundle');
    copyFileSync(SITREP, join(theirs, 'sitrep.mjs'));
    chownSync(join(theirs, 'sitrep.mjs'), 65534, 65534);
    const open = join(root, 'open');
    mkdirSync(open, { mode: 0o777 });
    chmodSync(open, 0o777);
    copyFileSync(SITREP, join(open, 'sitrep.mjs'));
    for (const [bundle, why] of [[join(theirs, 'sitrep.mjs'), 'belongs to uid 65534'], [join(open, 'sitrep.mjs'), `${open} is writable by every user`]] as const) {
      const r = spawnSync(process.execPath, [bundle, 'recorder', 'install', '--store', join(root, 'unit-store')], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`refused: the bundle ${bundle}`);
      expect(r.stderr).toContain(why);
      expect(r.stdout).not.toContain('ExecStart=');
    }
    expect(existsSync(unit)).toBe(had);
  });

  it('14. --record into a sticky directory another user owns is refused', async () => {
    const sticky = nobodyDir('sticky', 0o1777);
    const file = join(sticky, 'root.rec.gz');
    const s = new TmuxSession(`rec-sticky-${process.pid}`, 140, 30, `sh -c '${process.execPath} ${SITREP} --record ${file}; echo EXIT=$?; sleep 60'`);
    cleanups.push(() => s.kill());
    const shown = await s.waitFor((t) => t.includes('EXIT='), 15_000, 'the refusal');
    expect(shown).toContain(`refused: ${sticky} belongs to uid 65534`);
    expect(shown).toContain('EXIT=2');
    expect(existsSync(file)).toBe(false);
  }, 30_000);
});
