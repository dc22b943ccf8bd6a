// V8's code cache for the modes text (src/app/load-modes.ts), made by a child
// node run like sitrep's own (no flags), after the text's top level has run,
// so the functions its start compiles are in it too. A cache that this node
// cannot make (or an error) gives '' and the bundle compiles the text as before.
// V8 takes a cache only under the V8 flags it was made with, so the child sets
// the flags sitrep sets before it loads the modes (src/app/process-setup.ts and
// young-gen.ts: keep these in step; the stats hook's modesCache says whether
// the cache was taken, and test/e2e/modes-cache.e2e.test.ts checks it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHILD = `
const fs = require('node:fs');
const vm = require('node:vm');
require('node:v8').setFlagsFromString('--heap-growing-percent=20');
require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
const { createRequire } = require('node:module');
const [textPath, cachePath] = process.argv.slice(1);
const script = new vm.Script(fs.readFileSync(textPath, 'latin1'), { filename: 'sitrep-modes.cjs' });
const body = script.runInThisContext();
const exported = { exports: {} };
body(exported, exported.exports, createRequire(process.cwd() + '/'));
fs.writeFileSync(cachePath, script.createCachedData());
process.exit(0);
`;

/** The base64 code cache of `text` (a function expression), or '' when it could not be made. */
export function modesCodeCache(text) {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-modes-cache-'));
  try {
    const [textPath, cachePath] = [join(dir, 'modes.cjs'), join(dir, 'modes.cache')];
    writeFileSync(textPath, text, 'latin1');
    const child = spawnSync(process.execPath, ['-e', CHILD, textPath, cachePath], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });
    if (child.status !== 0) {
      process.stderr.write(`bundle: no code cache for the modes text (${(child.stderr || child.error?.message || '').split('\n')[0]})\n`);
      return '';
    }
    return readFileSync(cachePath).toString('base64');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
