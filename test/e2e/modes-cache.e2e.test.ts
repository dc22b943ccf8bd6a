/**
 * The bundle's code cache of the modes text (src/build/modes-cache.mjs, issue
 * 32): V8 takes it only under the flags it was made with, and sitrep sets V8
 * flags at start (process-setup.ts). The stats hook says whether it was taken;
 * a rejected cache would quietly cost the first frame about 25 ms again.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
});
