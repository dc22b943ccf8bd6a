// V8's code cache for the modes text (src/app/load-modes.ts), made by a child
// node run like sitrep's own, after a warm-up has run the live console's start
// (read-only, on a fake terminal, about 2.5 s), so that the functions the first
// frame needs are in it as bytecode and not compiled then. A cache that this
// node cannot make (or an error) gives '' and sitrep compiles the text as before.
// V8 takes a cache only under the V8 flags it was made with, so the child sets
// the flags sitrep sets before it loads the modes (src/app/process-setup.ts,
// young-gen.ts and optimizer-switch.ts: keep these in step; the stats hook's modesCache says whether
// the cache was taken, and test/e2e/modes-cache.e2e.test.ts checks it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHILD = `
const fs = require('node:fs');
const vm = require('node:vm');
const v8 = require('node:v8');
const { createRequire } = require('node:module');
const [textPath, cachePath, logPath] = process.argv.slice(1);
const FLAGS = ['--heap-growing-percent=20', '--semi-space-growth-factor=1', '--no-opt'];
FLAGS.forEach((f) => v8.setFlagsFromString(f));
process.env.FORCE_COLOR = '1';
const script = new vm.Script(fs.readFileSync(textPath, 'latin1'), { filename: 'sitrep-modes.cjs' });
const body = script.runInThisContext();
const exported = { exports: {} };
body(exported, exported.exports, createRequire(process.cwd() + '/'));
const done = (warmed) => {
  FLAGS.forEach((f) => v8.setFlagsFromString(f));
  fs.writeFileSync(cachePath, script.createCachedData());
  fs.writeFileSync(cachePath + '.warmed', warmed);
  process.exit(0);
};
// The warm-up: the live console's start, read-only, on a fake 120x40 terminal
// (stdout is a pipe nobody reads): two samples, their frames, a log file read
// back; then q. The functions it compiled go into the cache with the rest.
const keys = new (require('node:stream').PassThrough)();
Object.defineProperty(process, 'stdin', { value: keys, configurable: true });
keys.isTTY = true;
keys.setRawMode = () => keys;
process.stdout.isTTY = true;
process.stdout.columns = 120;
process.stdout.rows = 40;
setTimeout(() => keys.write('q'), 2500);
setTimeout(() => done('timed out'), 8000);
exported.exports.runConsoleMode({ kind: 'console', intervalMs: 1000, readOnly: true, noColor: false, ascii: false, journalDir: null, logFile: logPath, demo: null, record: null, dir: null, network: true, mouse: false })
  .then(() => done('yes'), (e) => done('failed: ' + String(e && e.message)));
`;

// Syslog lines for the warm-up's log read-back: a crash, an OOM kill, an sshd failure, a plain line.
const WARM_LOG = [
  'Dec  7 10:00:01 web systemd[1]: app.service: Main process exited, code=killed, status=9/KILL',
  "Dec  7 10:00:01 web systemd[1]: app.service: Failed with result 'signal'.",
  'Dec  7 10:00:02 web kernel: Out of memory: Killed process 4242 (java) total-vm:1000kB',
  'Dec  7 10:00:03 web sshd[99]: Failed password for root from 203.0.113.7 port 2222 ssh2',
  'Dec  7 10:00:04 web nginx[80]: 203.0.113.9 - - "GET / HTTP/1.1" 200 157',
].join('\n') + '\n';

/** The base64 code cache of `text` (a function expression), or '' when it could not be made. */
export function modesCodeCache(text) {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-modes-cache-'));
  try {
    const [textPath, cachePath, logPath] = [join(dir, 'modes.cjs'), join(dir, 'modes.cache'), join(dir, 'warm.log')];
    writeFileSync(textPath, text, 'latin1');
    writeFileSync(logPath, WARM_LOG);
    const child = spawnSync(process.execPath, ['-e', CHILD, textPath, cachePath, logPath], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });
    if (child.status !== 0) {
      process.stderr.write(`bundle: no code cache for the modes text (${(child.stderr || child.error?.message || '').split('\n')[0]})\n`);
      return '';
    }
    const warmed = readFileSync(`${cachePath}.warmed`, 'utf8');
    if (warmed !== 'yes') process.stderr.write(`bundle: the code cache's warm-up did not finish (${warmed}): the cache holds less\n`);
    return readFileSync(cachePath).toString('base64');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
