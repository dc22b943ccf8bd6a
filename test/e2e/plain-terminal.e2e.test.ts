/**
 * Plain and small terminals in a real tmux: --ascii and TERM=linux draw only
 * ASCII (no braille, no rounded corners), and a 40x10 pane still names the
 * file a real writer is filling.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const nonAscii = (screen: string) => [...screen].filter((c) => c.codePointAt(0)! > 0x7e);

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP), 'needs tmux and dist/'))('plain and small terminals', () => {
  for (const [name, command] of [['--ascii', `node ${SITREP} --ascii`], ['TERM=linux', `env TERM=linux node ${SITREP}`]] as const) {
    it(`${name}: boxes and graphs in ASCII only`, async () => {
      const s = new TmuxSession(`plain-${name.replace(/\W/g, '')}`, 140, 45, command);
      cleanups.push(() => s.kill());
      const screen = await s.waitFor((t) => t.includes('Disks') && t.includes('cpu0') && /\+-+ CPU/.test(t), 10_000, 'an ASCII screen');
      const later = await s.waitForSamples(2); // a few samples: graphs drawn
      expect(nonAscii(later)).toEqual([]);
      expect(screen).toMatch(/^\+- Disks -+/m);
      expect(later).toMatch(/\|cpu0/);
      s.send('q');
    });
  }

  it('at 40x10 the Writers row still shows the file being written, shortened from the left', async () => {
    const dir = join(TEST_ROOT, `small-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'var-mod_gzip-cache-0001.gz');
    const writer = spawn(process.execPath, [WRITER, file, String(4 * 1024 * 1024)], { stdio: 'ignore' });
    cleanups.push(() => writer.kill('SIGKILL'));
    cleanups.push(() => spawn('rm', ['-rf', dir]));
    const s = new TmuxSession('small-40x10', 40, 10, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('Disks'), 10_000, 'the compact screen');
    s.send('2');
    const screen = await s.waitFor((t) => t.includes(`${writer.pid} `) && t.includes('cache-0001.gz'), 10_000, 'the writer and its file');
    expect(screen.split('\n').find((l) => l.includes(`${writer.pid} `))).toMatch(/…\S*cache-0001\.gz/);
    s.send('q');
    writer.kill('SIGKILL');
  });
});
