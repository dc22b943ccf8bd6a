// Builds dist/sitrep-linux-<arch>: one executable that needs no Node on the
// server (Node's single-executable applications). The CommonJS build of the
// same bundle (dist/sitrep-sea.cjs) is its script; dist/sitrep.mjs rides along
// as an asset, sent to hosts that have a node (`sitrep ssh`). A copy of this
// node, stripped of its symbols (98 MB → 86 MB), gets the blob injected with
// postject. Then dist/sitrep-linux-<arch>.xz and a .sha256 file for both.
// Usage: node src/build/build-binary.mjs [--no-xz]
import { execFileSync } from 'node:child_process';
import { copyFileSync, chmodSync, createReadStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const arch = process.arch === 'x64' ? 'x64' : process.arch;
const out = `dist/sitrep-linux-${arch}`;
const work = 'dist/.sea';
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) throw new Error(`build:binary needs Node >= 20.19 (this is ${process.version})`);
const step = (what, f) => {
  const t = performance.now();
  const r = f();
  console.log(`${what}: ${Math.round(performance.now() - t)} ms`);
  return r;
};

step('bundle (CommonJS)', () => execFileSync(process.execPath, ['src/build/bundle.mjs', 'src/app/main.ts', 'dist/sitrep-sea.cjs'], { stdio: 'inherit' }));
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const config = {
  main: 'dist/sitrep-sea.cjs',
  output: join(work, 'sea-prep.blob'),
  disableExperimentalSEAWarning: true,
  // Measured: a code cache adds ~48 KB and saves ~4 ms at --version; a startup snapshot is left out (ARCHITECTURE.md).
  useCodeCache: true,
  assets: { 'sitrep.mjs': 'dist/sitrep.mjs' },
};
writeFileSync(join(work, 'sea-config.json'), JSON.stringify(config, null, 2));
step('blob', () => execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: 'inherit' }));
rmSync(out, { force: true });
copyFileSync(process.execPath, out);
chmodSync(out, 0o755);
// Debian policy (and lintian) want stripped binaries; the node here carries debug info.
try {
  step('strip', () => execFileSync('strip', ['--strip-all', out], { stdio: ['ignore', 'ignore', 'ignore'] }));
} catch (error) {
  console.warn(`strip: ${error.message.split('\n')[0]} (the executable keeps its symbols)`);
}
const { inject } = require('postject');
await inject(out, 'NODE_SEA_BLOB', readFileSync(config.output), { sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2' });
rmSync(work, { recursive: true, force: true });
const version = execFileSync(out, ['--version'], { encoding: 'utf8' }).trim();
console.log(`${out}: ${statSync(out).size} bytes, says "${version}"`);

/** The sha256 of a file, streamed. */
const sha256 = (file) => new Promise((resolve, reject) => {
  const h = createHash('sha256');
  createReadStream(file).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
});
const lines = [`${await sha256(out)}  ${basename(out)}`];
if (!process.argv.includes('--no-xz')) {
  rmSync(`${out}.xz`, { force: true });
  step('xz -6', () => execFileSync('xz', ['-6', '-T0', '-k', '-f', out]));
  lines.push(`${await sha256(`${out}.xz`)}  ${basename(out)}.xz`);
  console.log(`${out}.xz: ${statSync(`${out}.xz`).size} bytes`);
}
writeFileSync(`${out}.sha256`, `${lines.join('\n')}\n`);
