/**
 * The live console shows the active alerts on its status line (issue 34): a
 * loop ext4 filling at 1 MiB/s (full in about a minute, well within the
 * default 1 h horizon) turns the status line's LIVE into
 * `LIVE · ALERT filesystem-filling:MOUNT`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const ready = requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, loop mounts, tmux and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // the rest still runs
  }
}));

describe.runIf(ready)('live alerts', () => {
  it('a filling disk shows as an active alert on the status line', async () => {
    const fs = new LoopFs('alerts-live', 96);
    cleanups.push(() => fs.unmount());
    const writer = spawn(process.execPath, [WRITER, join(fs.mountPoint, 'grow'), String(1024 * 1024)], { stdio: 'ignore' });
    cleanups.push(() => writer.kill('SIGKILL'));
    const t = new TmuxSession('alerts-live', 200, 45, `node ${SITREP}`);
    cleanups.push(() => t.kill());
    // Other alerts of this shared machine may be active too; each subject is kept by its last 23 characters.
    const screen = await t.waitFor((s) => s.includes(`filesystem-filling:…${fs.mountPoint.slice(-23)}`), 30_000, 'the alert on the status line');
    expect(screen).toMatch(/LIVE · ALERT .*filesystem-filling:…/);
  }, 60_000);
});
