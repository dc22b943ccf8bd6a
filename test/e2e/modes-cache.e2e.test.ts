/**
 * The bundle's code cache of the modes text (src/build/modes-cache.mjs, issue
 * 32): V8 takes it only under the flags it was made with, and sitrep sets V8
 * flags at start (process-setup.ts). The stats hook says whether it was taken;
 * a rejected cache would quietly cost the first frame about 25 ms again.
 * Also the optimiser switch (src/app/optimizer-switch.ts): TurboFan off while
 * the console is quiet, on once a log flood keeps it busy.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/'))('the modes code cache', () => {
  it('the console takes the build code cache, and the bundle holds one', async () => {
    expect(readFileSync(SITREP, 'utf8')).toMatch(/cachedData:/);
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-modes-cache-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const stats = join(dir, 'stats.jsonl');
    const s = new TmuxSession('modes-cache', 120, 40, `env SITREP_STATS_FILE=${stats} node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('Disks') && / \d+ \S+ +[A-Za-z] +[\d.]+ /.test(t), 10_000, 'the first data frame');
    const first = JSON.parse(readFileSync(stats, 'utf8').split('\n')[0]!) as { modesCache: string | null };
    expect(first.modesCache).toBe('taken');
    s.send('q');
  });

  it('TurboFan is off while quiet and turns on under a log flood', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-optimizer-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const [stats, log] = [join(dir, 'stats.jsonl'), join(dir, 'flood.log')];
    writeFileSync(log, '');
    const s = new TmuxSession('optimizer', 120, 40, `env SITREP_STATS_FILE=${stats} SITREP_STATS_MS=1000 node ${SITREP} --log-file ${log}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('Disks'), 10_000, 'the console');
    const states = () => readFileSync(stats, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { optimizer: string }).optimizer);
    expect(states()[0]).toBe('off');
    // About 20,000 syslog lines a second until the test ends.
    const flood = spawn('python3', ['-c', `import time\nf=open(${JSON.stringify(log)},'a')\ni=0\nwhile True:\n  for _ in range(2000):\n    i+=1; f.write('Dec  7 10:00:00 web app[42]: request %d from 203.0.113.%d took 12 ms\\n' % (i, i % 250))\n  f.flush(); time.sleep(0.1)\n`], { stdio: 'ignore' });
    cleanups.push(() => flood.kill('SIGKILL'));
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && !states().includes('on')) await new Promise((r) => setTimeout(r, 500));
    flood.kill('SIGKILL');
    expect(states()).toContain('on');
    s.send('q');
  }, 60_000);
});
