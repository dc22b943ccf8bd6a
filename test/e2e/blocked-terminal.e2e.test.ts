/**
 * A terminal that stops reading (a stalled SSH link): sitrep on a real pty that
 * nobody reads for 30 s keeps flat memory (no frame queued), and draws the whole
 * screen again once the pty drains; q still exits cleanly afterwards.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_ROOT } from '../support/loopfs.js';
import { describe, expect, it } from 'vitest';
import { requireOrSkip } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const ready = requireOrSkip(existsSync(SITREP) && spawnSync('python3', ['--version']).status === 0, 'needs python3 and dist/');

describe.runIf(ready)('a terminal that stops reading', () => {
  it('holds no frames while blocked for 30 s, and redraws in full when it drains', { timeout: 70_000 }, () => {
    // A busy Log pane, so frames are large enough to fill the pty's kernel buffer within seconds.
    const dir = join(TEST_ROOT, `blocked-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const log = join(dir, 'flood.log');
    writeFileSync(log, '');
    const flood = spawn(process.execPath, ['-e', `const fs=require('fs');let i=0;setInterval(()=>{let s='';for(let k=0;k<10;k++,i++)s+='Dec  2 01:00:00 web app['+i+']: request '+i+' from 203.0.113.'+(i%250)+' took '+(i%997)+' ms\\n';fs.appendFileSync(process.argv[1],s)},50)`, log], { stdio: 'ignore' });
    let out: string;
    try {
      out = execFileSync('python3', [resolve('test/support/blocked-pty.py'), '8', '30', '4', process.execPath, SITREP, '--log-file', log], { encoding: 'utf8', timeout: 58_000 });
    } finally {
      flood.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
    const r = JSON.parse(out) as { rssKiB: number[]; before: number; after: number; fullRedraw: boolean; exit: number };
    expect(r.before).toBeGreaterThan(1000);
    const settled = r.rssKiB.slice(3); // after the first seconds of the block
    // Queued frames would only add: RSS never climbs 10 MiB past where it was (V8 handing pages back may drop it).
    expect(Math.max(...settled) - settled[0]!).toBeLessThan(10 * 1024);
    expect(r.fullRedraw).toBe(true);
    expect(r.exit).toBe(0);
  });
});
