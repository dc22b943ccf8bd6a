/**
 * Issue 28 items 1 and 18: trees any user can build under a directory root
 * drills into. A directory nested 5,000 levels deep (made by nobody) must not
 * end the console or `snapshot --dir`: the depth is bounded and reported. A
 * bind mount inside the scanned directory is counted once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, TEST_ROOT } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const DEEP_TREE = resolve('test/support/deep-tree.py');
const NOBODY = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
const NOGROUP = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

/** `rm -rf` (it walks by descriptor: node's rmSync fails past PATH_MAX). */
const remove = (path: string) => spawnSync('rm', ['-rf', '--one-file-system', path]);

function snapshotDir(dir: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SITREP, 'snapshot', '--json', '--dir', dir], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.runIf(requireOrSkip(canLoopMount() && existsSync(SITREP), 'needs root, setpriv and dist/'))('a deep tree (issue 28 item 1)', () => {
  const base = join(TEST_ROOT, `i28-deep-${process.pid}`);
  const pub = join(base, 'pub');
  remove(base);
  mkdirSync(pub, { recursive: true });
  chmodSync(pub, 0o1777);
  cleanups.push(() => remove(base));
  writeFileSync(join(base, 'own.log'), Buffer.alloc(64 * 1024, 1));
  // The attacker: nobody nests 5,000 directories in a world-writable place.
  execFileSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOGROUP}`, '--clear-groups', '--', '/usr/bin/python3', DEEP_TREE, join(pub, 'x'), '5000'], { timeout: 120_000 });

  it('snapshot --dir of the parent and of the grandparent finishes and reports the directories not entered', () => {
    for (const dir of [base, pub]) {
      const r = snapshotDir(dir);
      expect(r.stderr).not.toContain('internal error');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { tooDeep: number; note: string; children: Array<{ name: string; dirs: number; tooDeep: number }> };
      expect(out.tooDeep).toBe(1);
      expect(out.note).toBe('1 directory deeper than 4,096 levels, not entered');
      const holder = out.children.find((c) => c.name === (dir === base ? 'pub' : 'x'))!;
      expect(holder.tooDeep).toBe(1);
      expect(holder.dirs).toBeGreaterThan(4000);
    }
  });

  it.runIf(hasTmux())('the console drills into the parent, says what it left out, and keeps running', async () => {
    const s = new TmuxSession('i28-deep', 160, 40, `node ${SITREP} --dir ${base}`);
    cleanups.push(() => s.kill());
    const screen = await s.waitFor((t) => t.includes('deeper than 4,096 levels, not entered') || t.includes('internal error'), 60_000, 'the scan result');
    expect(screen).toContain('1 directory deeper than 4,096 levels, not entered');
    expect(screen).toContain('pub/');
    // Still alive: a key still works (rescan) and the console is on screen.
    s.send('r');
    await new Promise((r) => setTimeout(r, 1500));
    await s.waitFor((t) => t.includes('deeper than 4,096 levels, not entered'), 60_000, 'rescanned');
    expect(s.format('#{pane_dead}')).not.toBe('1');
    s.send('q');
  });
});

describe.runIf(requireOrSkip(canLoopMount() && existsSync(SITREP), 'needs root (mount --bind) and dist/'))('bind mounts inside a scanned directory (issue 28 item 18)', () => {
  it('counts each directory (device, inode) once: a bind of a sibling, of an outside directory, and of the scanned directory itself', () => {
    const base = join(TEST_ROOT, `i28-bind-${process.pid}`);
    const scan = join(base, 'scan');
    remove(base);
    for (const d of ['scan/data/sub/up', 'scan/view', 'scan/ext', 'outside/x']) mkdirSync(join(base, d), { recursive: true });
    cleanups.push(() => remove(base));
    writeFileSync(join(scan, 'data/sub/f'), Buffer.alloc(20 * 1024 * 1024, 7));
    writeFileSync(join(base, 'outside/x/g'), Buffer.alloc(8 * 1024 * 1024, 7));
    const du = (path: string) => Number(execFileSync('du', ['-s', '-x', '-B1', path], { encoding: 'utf8' }).split('\t')[0]);
    // Measured before the binds: the directories, each once.
    // (data/sub/up, where the scanned directory is bound, is hidden under that mount: its own block is not seen.)
    const [data, outside] = [du(join(scan, 'data')) - du(join(scan, 'data/sub/up')), du(join(base, 'outside/x'))];
    const binds: Array<[string, string]> = [[join(scan, 'data'), join(scan, 'view')], [join(base, 'outside/x'), join(scan, 'ext')], [scan, join(scan, 'data/sub/up')]];
    for (const [from, to] of binds) {
      execFileSync('mount', ['--bind', from, to]);
      cleanups.push(() => spawnSync('umount', [to]));
    }
    const r = snapshotDir(scan);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { totalBytes: number; children: Array<{ name: string; sizeBytes: number }> };
    const size = (name: string) => out.children.find((c) => c.name === name)!.sizeBytes;
    expect(size('data')).toBe(data);
    expect(size('ext')).toBe(outside);
    expect(size('view')).toBe(0); // the same directory as data, met second
    expect(out.totalBytes).toBeLessThan((data + outside) * 1.01 + 65536);
  }, 60_000);
});
