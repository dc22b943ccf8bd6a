/**
 * Issue 29 item 9: one definition of use everywhere, df's (Use% = used /
 * (used + avail), rounded up to a whole percent). Checked against the real
 * `df` for / (on this machine its root reserve is large, so used / size is
 * far off) and for a loop ext4 filled to a fractional percent (where rounding
 * to nearest and rounding up differ): the console's USE, snapshot --json,
 * OpenMetrics, the agent's fleet summary line, and fleetSummary itself.
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, statfsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';
import { header, sample } from '../support/samples.js';
import { initialModel, reduce } from '../../src/model/model.js';
import { fleetSummary } from '../../src/model/fleet.js';
import type { Message } from '../../src/stream/messages.js';

const SITREP = resolve('dist/sitrep.mjs');
const MB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

/** df's Use% of `mount` now. */
function dfPercent(mount: string): number {
  return Number(execFileSync('df', ['--output=pcent', mount], { encoding: 'utf8' }).split('\n')[1]!.trim().replace('%', ''));
}

/** Runs `read` between two df readings of `mount` and returns both, so a figure of a busy / can be checked against either. */
function bracketed<T>(mount: string, read: () => T): { value: T; df: number[] } {
  const before = dfPercent(mount);
  const value = read();
  return { value, df: [before, dfPercent(mount)] };
}

/** A loop ext4 filled until its exact use has a fraction under one half: rounding up and to nearest differ there. */
function fractionalFs(): LoopFs {
  const fs = new LoopFs('i29disks-dfuse', 128, ['-m', '5']);
  cleanups.push(() => fs.unmount());
  const file = join(fs.mountPoint, 'fill.bin');
  for (let i = 0; i < 60; i++) {
    const s = statfsSync(fs.mountPoint);
    const exact = ((s.blocks - s.bfree) * 100) / (s.blocks - s.bfree + s.bavail);
    const frac = exact - Math.floor(exact);
    if (exact > 20 && frac > 0.1 && frac < 0.45) return fs;
    appendFileSync(file, Buffer.alloc(MB + 300 * 1024, 1));
    execFileSync('sync', ['-f', file]);
  }
  throw new Error('could not reach a fractional use');
}

describe.runIf(requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, loop mounts, mkfs.ext4, tmux and dist/'))("use is df's Use% everywhere", () => {
  const fs = fractionalFs();
  const mounts = ['/', fs.mountPoint];

  it("snapshot --json and OpenMetrics give df's Use% for / and a loop ext4", { timeout: 60_000 }, () => {
    const { value: out, df } = bracketed('/', () => execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', '1'], { encoding: 'utf8' }));
    const report = JSON.parse(out).filesystems as Array<{ mounts: string[]; usedFraction: number }>;
    const of = (m: string) => report.find((f) => f.mounts.includes(m))!;
    expect(df).toContain(Math.round(of('/').usedFraction * 100));
    expect(Math.round(of(fs.mountPoint).usedFraction * 100)).toBe(dfPercent(fs.mountPoint));
    const metrics = execFileSync('node', [SITREP, 'snapshot', '--format', 'openmetrics', '--duration', '1'], { encoding: 'utf8' });
    const ratio = (m: string) => Number(new RegExp(`^sitrep_filesystem_used_ratio\\{mountpoint="${m}",[^}]*\\} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(Math.round(ratio(fs.mountPoint) * 100)).toBe(dfPercent(fs.mountPoint));
    expect([dfPercent('/') - 1, dfPercent('/'), dfPercent('/') + 1]).toContain(Math.round(ratio('/') * 100));
  });

  it("the console's USE column is df's Use% for / and a loop ext4", { timeout: 60_000 }, async () => {
    const s = new TmuxSession('i29disks-dfuse', 170, 50, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    for (const mount of mounts) {
      const cell = (t: string) => {
        const lines = t.split('\n');
        const header = lines.find((l) => l.includes('MOUNT') && l.includes(' USE ')) ?? '';
        const line = lines.find((l) => l.startsWith(`│${mount} `)) ?? '';
        const end = header.indexOf(' USE ') + 4;
        return line ? line.slice(end - 4, end).trim() : '';
      };
      const screen = await s.waitFor((t) => cell(t) !== '', 15_000, `the row of ${mount}`);
      const df = dfPercent(mount);
      expect([df - 1, df, df + 1].map((p) => `${p}%`)).toContain(cell(screen));
      if (mount !== '/') expect(cell(screen)).toBe(`${df}%`);
    }
    s.send('q');
  });

  it("the agent's fleet summary and fleetSummary give df's Use%", { timeout: 60_000 }, async () => {
    // fleetSummary on the real statfs of each filesystem alone (a fleet row names one filesystem).
    for (const mount of mounts) {
      const { value: st, df } = bracketed(mount, () => statfsSync(mount));
      const filesystems = [{ device: '0:1', source: 'test', type: 'ext4', mountPoint: mount, otherMounts: [], responding: true, stat: { bsize: st.bsize, blocks: st.blocks, bfree: st.bfree, bavail: st.bavail, files: st.files, ffree: st.ffree } }];
      const messages: Message[] = [header(), { ...sample(0, 0, 0), filesystems }];
      const row = fleetSummary(messages.reduce(reduce, initialModel(60)));
      expect(row.mount).toBe(mount);
      expect(df).toContain(Math.round(row.usedFraction! * 100));
    }
    // The agent `sitrep fleet` runs on each host (in summary mode): its row's usedFraction is df's for the mount it names.
    const agent = spawn('node', [SITREP, 'agent', '--summary', '1'], { stdio: ['pipe', 'pipe', 'ignore'] });
    cleanups.push(() => agent.kill('SIGKILL'));
    const row = await new Promise<{ mount: string; usedFraction: number }>((done, fail) => {
      let text = '';
      const timer = setTimeout(() => fail(new Error('no summary line in 20 s')), 20_000);
      agent.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const line = text.split('\n').find((l) => l.startsWith('{"kind":"summary"'));
        if (line) {
          clearTimeout(timer);
          done(JSON.parse(line).row);
        }
      });
    });
    agent.stdin.end();
    const df = dfPercent(row.mount);
    expect([df - 1, df, df + 1]).toContain(Math.round(row.usedFraction * 100));
  });
});
