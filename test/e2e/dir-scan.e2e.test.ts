/**
 * The drill-down scanner against du on generated trees: hard links, a symlink
 * loop, an unreadable directory (scanned as nobody), a loop filesystem mounted
 * inside (not crossed), and hostile names. Sizes must equal `du -x -B1 -d 1`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs, TEST_ROOT } from '../support/loopfs.js';
import { requireOrSkip } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

/** du -x -B1 -d 1, by child name (names decoded like sitrep's). */
function du(dir: string, asNobody = false): Map<string, number> {
  const argv = ['du', '-x', '-B1', '-d', '1', '-0', dir];
  const r = spawnSync(asNobody ? 'setpriv' : argv[0]!, asNobody ? ['--reuid=nobody', '--regid=nogroup', '--clear-groups', ...argv] : argv.slice(1));
  const out = new Map<string, number>();
  for (const rec of r.stdout.toString('latin1').split('\0').filter(Boolean)) {
    const tab = rec.indexOf('\t');
    const path = Buffer.from(rec.slice(tab + 1), 'latin1');
    const name = path.subarray(Buffer.byteLength(dir) + 1).toString('utf8');
    out.set(name, Number(rec.slice(0, tab)));
  }
  return out;
}

function sitrep(dir: string, asNobody = false): { children: Array<{ name: string; type: string; sizeBytes: number; errors: number; files: number }>; totalBytes: number } {
  const argv = [process.execPath, SITREP, 'snapshot', '--json', '--dir', dir];
  const out = asNobody ? execFileSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', ...argv], { encoding: 'utf8' }) : execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  return JSON.parse(out);
}

describe.runIf(requireOrSkip(canLoopMount(), 'needs root, loop mounts and setpriv'))('scanner sizes equal du -x -B1 -d 1', () => {
  const tree = join(TEST_ROOT, `tree-${process.pid}`);
  rmSync(tree, { recursive: true, force: true });
  const mk = (p: string, bytes = 0) => {
    mkdirSync(join(tree, p, '..'), { recursive: true });
    writeFileSync(join(tree, p), Buffer.alloc(bytes, 7));
  };
  mkdirSync(tree, { recursive: true });
  cleanups.push(() => rmSync(tree, { recursive: true, force: true }));
  for (let i = 0; i < 40; i++) mk(`var/mod_gzip/d${i % 5}/cache-${i}.gz`, 1000 * i + 17);
  mk('var/log/syslog', 123_456);
  mk('home/alice/big.iso', 3_000_000);
  // hard links: within one child, and across children (charged to the first du meets)
  linkSync(join(tree, 'home/alice/big.iso'), join(tree, 'home/alice/big-again.iso'));
  mkdirSync(join(tree, 'backup'));
  linkSync(join(tree, 'home/alice/big.iso'), join(tree, 'backup/big.iso'));
  linkSync(join(tree, 'var/log/syslog'), join(tree, 'backup/syslog.hard'));
  // a symlink loop, and a symlink to something big elsewhere
  mkdirSync(join(tree, 'loop'));
  symlinkSync('.', join(tree, 'loop/self'));
  symlinkSync('/usr', join(tree, 'loop/usr'));
  // hostile names
  mk('names/with space/a', 5000);
  mk('names/new\nline', 7000);
  mk('names/esc\x1b]0;pwn\x07\x1b[31mred', 9000);
  const bad = Buffer.concat([Buffer.from(join(tree, 'names/')), Buffer.from([0x62, 0xff, 0xfe, 0x61, 0x64])]);
  writeFileSync(bad, Buffer.alloc(11000, 1));
  mk('top-file.bin', 40_000);
  // an unreadable directory
  mk('secret/inner/x', 50_000);
  chmodSync(join(tree, 'secret'), 0o700);
  // a filesystem mounted inside the tree: not crossed
  const inner = new LoopFs('inner', 64, ['-m', '0']);
  cleanups.push(() => inner.unmount());
  writeFileSync(join(inner.mountPoint, 'hidden'), Buffer.alloc(5_000_000, 3));
  mkdirSync(join(tree, 'mnt'));
  execFileSync('mount', ['--bind', inner.mountPoint, join(tree, 'mnt')]);
  cleanups.push(() => spawnSync('umount', ['-l', join(tree, 'mnt')]));
  chmodSync(tree, 0o755);
  for (const d of ['var', 'home', 'backup', 'loop', 'names']) spawnSync('chmod', ['-R', 'a+rX', join(tree, d)]);

  it('as root: every child, hard links, symlinks, the mount inside and hostile names', () => {
    const expected = du(tree);
    const got = sitrep(tree);
    const byName = new Map(got.children.map((c) => [c.name, c.sizeBytes]));
    for (const [name, bytes] of expected) {
      if (name === '') expect(got.totalBytes, 'total').toBe(bytes);
      else expect(byName.get(name), name).toBe(bytes);
    }
    expect(got.children.filter((c) => c.type === 'dir').length).toBe(expected.size - 1); // du -d 1 lists directories
    expect(byName.get('top-file.bin')).toBe(40960);
    expect(byName.has('mnt')).toBe(false); // du -x leaves the mount point out
    expect(byName.get('backup')).toBeLessThan(100_000); // the linked ISO was charged to home
    const names = sitrep(join(tree, 'names'));
    expect(names.children.map((c) => c.name).sort()).toEqual(['b\ufffd\ufffdad', 'esc\x1b]0;pwn\x07\x1b[31mred', 'new\nline', 'with space'].sort());
    expect(names.children.find((c) => c.name === 'b\ufffd\ufffdad')!.sizeBytes).toBe(12288);
  });

  it('from a working directory deleted since (an admin in a directory that got removed): the same sizes', () => {
    const gone = join(TEST_ROOT, `gone-${process.pid}`);
    const run = spawnSync('sh', ['-c', 'mkdir "$1" && cd "$1" && rmdir "$1" && exec node "$2" snapshot --json --dir "$3"', 'sh', gone, SITREP, tree], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).totalBytes).toBe(du(tree).get(''));
  });

  it('as nobody: an unreadable directory is counted as an error, sizes still equal du', () => {
    const expected = du(tree, true);
    const got = sitrep(tree, true);
    const secret = got.children.find((c) => c.name === 'secret')!;
    expect(secret.errors).toBe(1);
    expect(secret.sizeBytes).toBe(expected.get('secret'));
    for (const c of got.children.filter((x) => x.type === 'dir')) expect(c.sizeBytes, c.name).toBe(expected.get(c.name));
    expect(got.totalBytes).toBe(expected.get(''));
  });
});
