/**
 * Attacks 1, 2, 3 and 7 of the security issue, replayed for real: root's sitrep
 * in tmux, the attacker a process of user nobody. Each swap happens while the
 * dialog is open; at `y` sitrep must refuse, and the root-owned target must be
 * untouched. The genuine, unswapped cases must still work.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs, TEST_ROOT } from '../support/loopfs.js';
import { isAlive } from '../support/processes.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession, shownPath } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const ATTACKER = resolve('test/support/attacker.py');
const PYTHON = '/usr/bin/python3';
const MB = 1024 * 1024;
const NOBODY = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
const NOGROUP = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
const asNobody = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOGROUP}`, '--clear-groups', '--'];
const ready = requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP) && existsSync(PYTHON), 'needs root, loop mounts, tmux, /usr/bin/python3 and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const track = (c: ChildProcess): ChildProcess => (cleanups.push(() => c.kill('SIGKILL')), c);
/** Runs a shell line as nobody (the attacker's move). */
const attack = (line: string, cwd: string) => execFileSync(asNobody[0]!, [...asNobody.slice(1), 'sh', '-c', line], { cwd, stdio: 'pipe' });
/** A scratch directory under /srv (seen by root and nobody alike). */
function scratch(name: string): string {
  const dir = join(TEST_ROOT, `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const nobodyOwns = (path: string) => chownSync(path, NOBODY, NOGROUP);
/** Starts the attacker and resolves with its first line ("ready N"). */
async function startAttacker(args: string[]): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = track(spawn(asNobody[0]!, [...asNobody.slice(1), PYTHON, ATTACKER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const lines: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => lines.push(...d.split('\n').filter(Boolean)));
  expect(await eventually(() => lines.some((l) => l.startsWith('ready')), 20_000)).toBe(true);
  return { child, lines };
}

describe.runIf(ready)('security: what a user swaps under an open dialog', () => {
  it('1. T on a held deleted file: the holder dup2s a root-owned file onto the descriptor; y refuses and the file is untouched', async () => {
    const fs = new LoopFs('sec-held', 256, ['-m', '1']);
    cleanups.push(() => fs.unmount());
    const victim = join(scratch('sec-victim'), 'passwd-copy');
    writeFileSync(victim, 'root:x:0:0:root:/root:/bin/bash\n'.repeat(1000), { mode: 0o644 });
    const before = readFileSync(victim);
    const { child, lines } = await startAttacker(['hold', join(fs.mountPoint, 'swapme.log'), String(40 * MB), victim]);
    const s = new TmuxSession('sec-held', 140, 45, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('swapme.log'), 15_000, 'the held file in Writers');
    s.send('2');
    await s.selectLine('swapme.log');
    s.send('T');
    await s.waitFor((t) => t.includes('held by a deleted file?') && t.includes('swapme.log'), 3000, 'truncate dialog');
    child.kill('SIGUSR1');
    expect(await eventually(() => lines.includes('swapped'), 5000)).toBe(true);
    s.send('y');
    await s.waitFor((t) => t.includes('the file changed since you chose it: nothing done'), 5000, 'refusal');
    expect(readFileSync(victim).equals(before)).toBe(true);
    expect(isAlive(child.pid!)).toBe(true);
  });

  it('2. d and t in the drill-down: the owner swaps the directory for a symlink to root\'s; y refuses; unswapped, both work', async () => {
    const base = scratch('sec-drill');
    const home = join(base, 'home');
    const cache = join(home, 'cache');
    mkdirSync(join(cache, 'precious'), { recursive: true });
    writeFileSync(join(cache, 'precious', 'a'), Buffer.alloc(2 * MB, 1));
    writeFileSync(join(cache, 'file.log'), Buffer.alloc(MB, 2));
    execFileSync('chown', ['-R', `${NOBODY}:${NOGROUP}`, home]);
    const rootStuff = join(base, 'rootstuff');
    mkdirSync(join(rootStuff, 'precious'), { recursive: true });
    writeFileSync(join(rootStuff, 'precious', 'keep'), 'root data\n');
    writeFileSync(join(rootStuff, 'file.log'), 'root log\n'.repeat(100));
    const swap = () => attack('mv cache cache.old && ln -s ../rootstuff cache', home);
    const unswap = () => attack('rm cache && mv cache.old cache', home);

    const s = new TmuxSession('sec-drill', 140, 45, `node ${SITREP} --dir ${cache}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('precious/') && t.includes('file.log'), 15_000, 'the scan of cache');
    await s.selectLine('precious/');
    s.send('d');
    await s.waitFor((t) => t.includes(`Delete ${cache}/precious?`), 3000, 'delete dialog');
    swap();
    s.send('y');
    await s.waitFor((t) => t.includes('the file changed since you chose it: nothing done'), 5000, 'delete refused');
    expect(readFileSync(join(rootStuff, 'precious', 'keep'), 'utf8')).toBe('root data\n');

    unswap();
    await s.selectLine('file.log');
    s.send('t');
    await s.waitFor((t) => t.includes(`Truncate ${cache}/file.log to zero?`), 3000, 'truncate dialog');
    swap();
    s.send('y');
    await s.waitFor((t) => (t.match(/the file changed since you chose it/g) ?? []).length >= 1 && !t.includes('Truncate '), 5000, 'truncate refused');
    expect(readFileSync(join(rootStuff, 'file.log'), 'utf8')).toBe('root log\n'.repeat(100));
    expect(statSync(join(cache + '.old', 'file.log')).size).toBe(MB);

    // The genuine cases: nothing swapped, both act (the delete as the directory's owner).
    unswap();
    s.send('t');
    await s.waitFor((t) => t.includes(`Truncate ${cache}/file.log to zero?`), 3000, 'truncate dialog, unswapped');
    s.send('y');
    await s.waitFor((t) => shownPath(t, 'truncated', `${cache}/file.log`, ': freed'), 5000, 'truncated');
    expect(statSync(join(cache, 'file.log')).size).toBe(0);
    await s.selectLine('precious/');
    s.send('d');
    await s.waitFor((t) => t.includes(`Delete ${cache}/precious?`), 3000, 'delete dialog, unswapped');
    s.send('y');
    await s.waitFor((t) => shownPath(t, 'deleted', `${cache}/precious`, ': freed'), 10_000, 'deleted');
    expect(existsSync(join(cache, 'precious'))).toBe(false);
    expect(readFileSync(join(rootStuff, 'precious', 'keep'), 'utf8')).toBe('root data\n');
  });

  it('3. --record into a directory another user owns: a planted symlink is never followed', async () => {
    const victim = join(scratch('sec-rec-victim'), 'important');
    writeFileSync(victim, 'keep me\n');
    const theirs = scratch('sec-rec-theirs');
    nobodyOwns(theirs);
    attack(`ln -s ${victim} rec.gz`, theirs);
    const sticky = scratch('sec-rec-sticky');
    execFileSync('chmod', ['1777', sticky]);
    attack(`ln -s ${victim} rec.gz`, sticky);
    const mine = scratch('sec-rec-mine');

    const run = (file: string, name: string) => {
      const s = new TmuxSession(name, 120, 30, `sh -c 'node ${SITREP} --record ${file}; echo EXIT=$?; sleep 60'`);
      cleanups.push(() => s.kill());
      return s;
    };
    const a = run(join(theirs, 'rec.gz'), 'sec-rec-a');
    const shownA = await a.waitFor((t) => t.includes('EXIT='), 10_000, 'refusal in another user\'s directory');
    expect(shownA).toContain(`refused: ${theirs} is writable by other users`);
    expect(shownA).toContain('EXIT=2');
    const b = run(join(sticky, 'rec.gz'), 'sec-rec-b');
    const shownB = await b.waitFor((t) => t.includes('EXIT='), 10_000, 'refusal of the planted name in a sticky directory');
    expect(shownB).toContain('already exists');
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(sticky, 'rec.gz')).isSymbolicLink()).toBe(true);

    // The genuine case: a new file in root's own directory, created 0600.
    const c = run(join(mine, 'rec.gz'), 'sec-rec-c');
    await c.waitFor((t) => t.includes('● REC'), 15_000, 'recording');
    c.send('q');
    await c.waitFor((t) => t.includes('EXIT=0'), 10_000, 'exit');
    expect(statSync(join(mine, 'rec.gz')).mode & 0o777).toBe(0o600);
    expect(statSync(join(mine, 'rec.gz')).size).toBeGreaterThan(100);
  });

  it('7. a writer behind a path longer than PATH_MAX is shown with its growing file, and its deleted file is counted', async () => {
    const fs = new LoopFs('sec-long', 1024, ['-m', '1']);
    cleanups.push(() => fs.unmount());
    const quiet = join(fs.mountPoint, 'quiet-stdout.log');
    writeFileSync(quiet, '');
    nobodyOwns(quiet);
    const child = track(spawn(asNobody[0]!, [...asNobody.slice(1), 'sh', '-c', `exec ${PYTHON} ${ATTACKER} longpath ${fs.mountPoint} 2>>${quiet}`], { stdio: ['ignore', 'pipe', 'inherit'] }));
    const lines: string[] = [];
    child.stdout!.setEncoding('utf8').on('data', (d: string) => lines.push(d));
    expect(await eventually(() => lines.join('').includes('ready'), 20_000)).toBe(true);
    const pid = Number(execFileSync('pgrep', ['-f', `${ATTACKER} longpath`], { encoding: 'utf8' }).trim().split('\n')[0]);
    const report = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', '3'], { encoding: 'utf8', maxBuffer: 64 * MB }));
    const writer = report.writers.find((w: { pid: number }) => w.pid === pid);
    expect(writer).toBeDefined();
    expect(writer.files[0].path).toMatch(/^\(path longer than 4096 bytes, inode \d+\)$/);
    expect(writer.files.some((f: { path: string }) => f.path === quiet)).toBe(true);
    const held = report.deletedOpen.find((d: { pid: number }) => d.pid === pid);
    expect(held.bytes).toBeGreaterThanOrEqual(30 * MB);
    const row = report.filesystems.find((f: { mount: string }) => f.mount === fs.mountPoint);
    expect(row.deletedOpenBytes).toBeGreaterThanOrEqual(30 * MB);
    const s = new TmuxSession('sec-long', 160, 45, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('path longer than 4096 bytes'), 15_000, 'the long-path file on screen');
    spawnSync('kill', ['-9', String(pid)]);
  });
});
