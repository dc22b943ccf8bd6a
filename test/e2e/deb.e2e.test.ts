/**
 * The Debian package for real: built with dpkg-deb (npm run build:deb), it
 * passes lintian with no error; `apt-get install ./sitrep_….deb` works on a
 * machine without node (a mount namespace where node is hidden and /usr, /etc
 * and /var are overlays, so this machine's own are never touched); `man
 * sitrep` and the completions are there, the recorder's unit is installed but
 * not enabled; `apt-get remove` and then a purge leave nothing behind (the
 * overlays' upper layers hold every change dpkg made).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/tmux.js';
import { TEST_ROOT } from '../support/loopfs.js';
import { BINARY, canHideNode, ensureBinary, noNodeLine } from '../support/no-node.js';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
const arch = process.arch === 'x64' ? 'amd64' : process.arch;
const DEB = resolve(`dist/sitrep_${version}_${arch}.deb`);
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

/** Every file under `dir` (relative), or [] when there is none. */
const filesUnder = (dir: string): string[] => (existsSync(dir) ? execFileSync('find', [dir, '-mindepth', '1', '-printf', '%P\\n'], { encoding: 'utf8' }).split('\n').filter(Boolean) : []);

describe.runIf(requireOrSkip(canHideNode() && has('dpkg-deb') && has('lintian') && has('man') && has('apt-get'), 'needs root, dpkg-deb, lintian, man and apt-get'))('the .deb', () => {
  beforeAll(() => {
    ensureBinary();
    const inputs = [BINARY, 'src/build/build-deb.mjs', ...readdirSync('packaging').map((f) => join('packaging', f))];
    if (!existsSync(DEB) || inputs.some((f) => statSync(DEB).mtimeMs < statSync(f).mtimeMs)) execFileSync(process.execPath, ['src/build/build-deb.mjs'], { stdio: 'ignore', timeout: 300_000 });
  }, 600_000);

  it('lintian reports no error', () => {
    const r = spawnSync('lintian', ['--fail-on', 'error', DEB], { encoding: 'utf8', timeout: 120_000 });
    console.log(`lintian:\n${r.stdout}`);
    expect(r.stdout).not.toMatch(/^E: /m);
    expect(r.status).toBe(0);
  }, 130_000);

  it('installs with apt-get without node; man, completions, the unit not enabled; remove and purge leave nothing behind', () => {
    const work = join(TEST_ROOT, `deb-${process.pid}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    const overlays = ['usr', 'etc', 'var'].map((d) => {
      for (const x of ['u', 'w']) mkdirSync(join(work, `${d}.${x}`));
      return `mount -t overlay overlay -o lowerdir=/${d},upperdir=${work}/${d}.u,workdir=${work}/${d}.w /${d}`;
    }).join(' && ');
    const script = [
      'set -e',
      'export DEBIAN_FRONTEND=noninteractive',
      'apt-get install -y -qq "$1" >/dev/null',
      'echo "VERSION $(sitrep --version)"',
      'echo "WHICH $(command -v sitrep)"',
      'echo "MANPATH $(man -w sitrep)"',
      'MANWIDTH=100 man -P cat sitrep | grep -c -- --read-only | sed "s/^/MANHITS /"',
      'test -f /usr/share/bash-completion/completions/sitrep && echo BASH',
      'test -f /usr/share/zsh/vendor-completions/_sitrep && echo ZSH',
      'test -f /usr/share/doc/sitrep/copyright && echo COPYRIGHT',
      'grep "^ExecStart=" /lib/systemd/system/sitrep-recorder.service | sed "s/^/UNIT /"',
      'if ls /etc/systemd/system/*.wants/sitrep-recorder.service >/dev/null 2>&1; then echo ENABLED; fi',
      'sitrep snapshot --json --duration 1 | grep -c "\\"filesystems\\"" | sed "s/^/SNAPSHOT /"',
      'apt-get remove -y -qq sitrep >/dev/null',
      'if [ -e /usr/bin/sitrep ] || [ -e /usr/share/man/man1/sitrep.1.gz ]; then echo STILL; fi',
      'dpkg --purge sitrep >/dev/null',
      'dpkg -s sitrep >/dev/null 2>&1 && echo KNOWN || echo GONE',
    ].join('\n');
    // Overlays first, then node hidden (the empty file is mounted over the overlay's node).
    const hidden = noNodeLine(['sh', '-c', script, 'sh', DEB]).replace(/^unshare -m --propagation private sh -c '/, `unshare -m --propagation private sh -c '${overlays} && `);
    const out = execFileSync('sh', ['-c', hidden], { cwd: resolve('dist'), encoding: 'utf8', timeout: 240_000 });
    expect(out).toMatch(/^VERSION sitrep \S+ \(single executable/m);
    expect(out).toContain('WHICH /usr/bin/sitrep');
    expect(out).toMatch(/^MANPATH \/usr\/share\/man\/man1\/sitrep\.1\.gz$/m);
    expect(out).toMatch(/^MANHITS [1-9]/m);
    for (const word of ['BASH', 'ZSH', 'COPYRIGHT', 'SNAPSHOT 1', 'UNIT ExecStart=/usr/bin/sitrep record --store /var/lib/sitrep', 'GONE']) expect(out).toContain(word);
    expect(out).not.toMatch(/ENABLED|STILL|KNOWN/);
    // What dpkg left in the overlays' upper layers: no file of sitrep's, anywhere.
    const left = ['usr', 'etc', 'var'].flatMap((d) => filesUnder(join(work, `${d}.u`)).map((f) => `/${d}/${f}`));
    expect(left.filter((f) => /sitrep/.test(f))).toEqual([]);
    expect(left.filter((f) => f.startsWith('/usr/') && !f.startsWith('/usr/bin/node') && !/\/$/.test(f)).filter((f) => existsSync(join(work, 'usr.u', f.slice(5))) && statSync(join(work, 'usr.u', f.slice(5))).isFile())).toEqual([]);
  }, 250_000);
});
