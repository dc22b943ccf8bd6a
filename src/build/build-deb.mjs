// Builds dist/sitrep_VERSION_ARCH.deb with dpkg-deb from the single executable
// (dist/sitrep-linux-<arch>, built first when missing or older than the
// bundle): /usr/bin/sitrep, the man page, bash and zsh completions, the
// licences and notices in /usr/share/doc/sitrep, and the flight recorder's
// unit (the same text `sitrep recorder install` writes), installed but not
// enabled. Depends comes from dpkg-shlibdeps when it is there (dpkg-dev).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { availableParallelism } from 'node:os';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const debArch = { x64: 'amd64', arm64: 'arm64' }[process.arch];
if (!debArch) throw new Error(`no Debian architecture for ${process.arch}`);
const binary = `dist/sitrep-linux-${process.arch}`;
if (!existsSync(binary) || statSync(binary).mtimeMs < statSync('dist/sitrep.mjs').mtimeMs) {
  execFileSync(process.execPath, ['src/build/build-binary.mjs', '--no-xz'], { stdio: 'inherit' });
}
const root = 'dist/.deb';
rmSync(root, { recursive: true, force: true });

/** Writes `data` at `path` inside the package, with `mode`. */
const put = (path, data, mode = 0o644) => {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
  writeFileSync(file, data);
  chmodSync(file, mode);
};
/** gzip -9n: no name, no time stamp (reproducible, as lintian wants). */
const gz = (data) => gzipSync(data, { level: 9 });

put('usr/bin/sitrep', readFileSync(binary), 0o755);
put('usr/share/man/man1/sitrep.1.gz', gz(readFileSync('dist/sitrep.1')));
put('usr/share/bash-completion/completions/sitrep', readFileSync('dist/completions/sitrep.bash'));
put('usr/share/zsh/vendor-completions/_sitrep', readFileSync('dist/completions/_sitrep'));

// The recorder's unit: recorderUnit() itself, from the source, for /usr/bin/sitrep and the default store.
const unitModule = await build({ stdin: { contents: "export { recorderUnit } from './src/app/recorder-admin.ts';", resolveDir: resolve('.'), loader: 'ts' }, bundle: true, write: false, platform: 'node', format: 'esm', logLevel: 'warning' });
const { recorderUnit } = await import(`data:text/javascript;base64,${Buffer.from(unitModule.outputFiles[0].text).toString('base64')}`);
const unit = recorderUnit({ store: '/var/lib/sitrep', intervalMs: 5000, maxBytes: 500 * 2 ** 20, maxAgeMs: 14 * 86_400_000, alertHorizonMs: 3_600_000, alertHoldMs: 600_000, alertCommand: null }, '/usr/bin/sitrep', null);
put('lib/systemd/system/sitrep-recorder.service', unit);
// The store it writes (ProtectSystem=strict needs it to exist), private to root.
mkdirSync(join(root, 'var/lib/sitrep'), { recursive: true });
chmodSync(join(root, 'var/lib/sitrep'), 0o700);

// Licences.
const nodeLicence = [join(dirname(process.execPath), '../share/doc/nodejs/LICENSE'), join(dirname(process.execPath), '../share/doc/node/LICENSE'), '/usr/share/doc/nodejs/LICENSE'].find((f) => existsSync(f));
if (!nodeLicence) throw new Error("Node.js's LICENSE was not found beside this node: the package must carry it");
const mit = readFileSync('LICENSE', 'utf8').trim().split('\n').map((l) => (l.trim() ? ` ${l}` : ' .')).join('\n');
// Node links zlib (and OpenSSL, ICU, libuv...) statically: that is what makes the executable need nothing.
put('usr/share/lintian/overrides/sitrep', readFileSync('packaging/lintian-overrides'));
put('usr/share/doc/sitrep/copyright', readFileSync('packaging/copyright.in', 'utf8').replace('@NODE_VERSION@', process.version).replace('@MIT@', mit));
put('usr/share/doc/sitrep/THIRD-PARTY-NOTICES.gz', gz(readFileSync('dist/THIRD-PARTY-NOTICES')));
put('usr/share/doc/sitrep/NODE-LICENSE.gz', gz(readFileSync(nodeLicence)));
const date = new Date(statSync('package.json').mtimeMs).toUTCString().replace('GMT', '+0000');
put('usr/share/doc/sitrep/changelog.gz', gz(`sitrep (${pkg.version}) unstable; urgency=medium\n\n  * Release ${pkg.version}: see https://www.npmjs.com/package/sitrep.\n\n -- sitrep authors <sitrep@users.noreply.github.com>  ${date}\n`));

/** Depends, from the executable's shared libraries. */
function depends() {
  const fallback = 'libc6 (>= 2.28), libgcc-s1 (>= 3.4), libstdc++6 (>= 12)';
  const work = join('dist', '.shlibdeps');
  try {
    mkdirSync(join(work, 'debian'), { recursive: true });
    writeFileSync(join(work, 'debian/control'), 'Source: sitrep\n\nPackage: sitrep\nArchitecture: any\n');
    const out = execFileSync('dpkg-shlibdeps', ['-O', `-e${resolve(binary)}`], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return /shlibs:Depends=(.*)/.exec(out)?.[1]?.trim() || fallback;
  } catch {
    return fallback;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// DEBIAN/: control, md5sums, postrm (purge removes the store).
const files = [];
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(dir, e.name)) : files.push(join(dir, e.name))));
walk(join(root, 'usr'));
walk(join(root, 'lib'));
const installedKiB = Math.ceil(files.reduce((n, f) => n + statSync(f).size, 0) / 1024);
put('DEBIAN/md5sums', files.map((f) => `${createHash('md5').update(readFileSync(f)).digest('hex')}  ${relative(root, f)}`).join('\n') + '\n');
put('DEBIAN/postrm', readFileSync('packaging/postrm'), 0o755);
put('DEBIAN/control', [
  'Package: sitrep',
  `Version: ${pkg.version}`,
  `Architecture: ${debArch}`,
  'Maintainer: sitrep authors <sitrep@users.noreply.github.com>',
  `Installed-Size: ${installedKiB}`,
  `Depends: ${depends()}`,
  'Section: admin',
  'Priority: optional',
  'Homepage: https://www.npmjs.com/package/sitrep',
  `Description: ${pkg.description.replace(/^A /, 'full-screen ').replace(/^full-screen full-screen/, 'full-screen')}`,
  ' sitrep shows what is filling a disk, which process writes it, what the',
  ' journal says about it and what the network is doing, on one screen, with',
  ' actions (stop, kill, truncate) behind typed confirmations. It also takes',
  ' JSON and OpenMetrics snapshots, records and replays, and reaches other',
  ' hosts over ssh. One executable: no Node.js needed on the server.',
  '',
].join('\n'));
for (const d of ['DEBIAN', 'usr', 'lib', 'var']) execFileSync('chmod', ['-R', 'go-w', join(root, d)]);

const out = `dist/sitrep_${pkg.version}_${debArch}.deb`;
// xz -6 as Debian does; every core (measured: 42 s on one core of this VM when quiet, 225 s under a load of 20).
execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', `--threads-max=${availableParallelism()}`, '--build', root, out], { stdio: ['ignore', 'ignore', 'inherit'] });
rmSync(root, { recursive: true, force: true });
console.log(`${out}: ${statSync(out).size} bytes`);
