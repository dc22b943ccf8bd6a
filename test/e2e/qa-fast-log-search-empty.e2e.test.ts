/**
 * QA: a Log search (/ text Enter) over a Log that shows no line must not end
 * the console. Seen: with a filter (&) that matches no line, or in the
 * memory-leak demo (a journal with no line yet), Enter after '/' text threw
 * "Cannot read properties of undefined (reading 'message')" and sitrep exited 1
 * (src/view/view-log-search.ts findMatch: `% lines.length` with no lines is NaN,
 * and `lines[NaN]!` is undefined).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

async function searchOnEmptyLog(name: string, demo: string, before: string[]): Promise<void> {
  const s = new TmuxSession(name, 100, 30, `node ${SITREP} --demo ${demo}; echo "sitrep exited $?"; sleep 60`);
  cleanups.push(() => s.kill());
  await s.waitFor((t) => t.includes('╭─ Log'), 15_000, 'the Log pane');
  s.send('3');
  for (const key of before) s.send(key);
  s.send('/');
  await s.waitFor((t) => t.includes('│/'), 5000, 'the search being typed');
  s.type('a');
  s.send('Enter');
  // The search is applied (the title says it) and the console is still up.
  const after = await s.waitFor((t) => t.includes('/a (n/N)') || t.includes('sitrep exited'), 5000, 'the search applied');
  expect(after).not.toContain('sitrep exited');
  expect(after).toContain('"a" is in no line');
  s.send('q');
  await s.waitFor((t) => t.includes('sitrep exited 0'), 5000, 'a clean exit');
}

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/'))('a Log search with no line to search', () => {
  it('survives a search under a filter that matches no line (crash-loop demo)', async () => {
    await searchOnEmptyLog('qa-search-filter', 'crash-loop', ['&', 'q', 'q', 'q', 'q', 'Enter']);
  });

  it('survives a search in a Log with no line yet (memory-leak demo)', async () => {
    await searchOnEmptyLog('qa-search-empty', 'memory-leak', []);
  });
});
