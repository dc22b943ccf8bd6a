/**
 * Attacks 5, 6, 8 and 9 of the security issue, for real, in tmux: a followed
 * log replaced (by its directory's owner, nobody) with /dev/zero, a FIFO or a
 * 20 GB sparse jump; one and four FUSE mounts that never answer; width tricks
 * in a log line and a process name, checked cell for cell against tmux and
 * against an independent emulator (@xterm/headless); and the snapshot JSON of
 * hostile names.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import xterm from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_ROOT } from '../support/loopfs.js';
import { busyLoop, descendants } from '../support/processes.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const HUNG_FUSE = resolve('test/support/hung-fuse.py');
const PYTHON = '/usr/bin/python3';
const NOBODY = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
const NOGROUP = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
const ready = requireOrSkip(process.getuid?.() === 0 && hasTmux() && existsSync(SITREP) && existsSync(PYTHON) && existsSync('/dev/fuse'), 'needs root, tmux, /dev/fuse, /usr/bin/python3 and dist/');
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const asNobody = (line: string, cwd: string) => execFileSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOGROUP}`, '--clear-groups', '--', 'sh', '-c', line], { cwd });
const stamp = () => {
  const d = new Date();
  return `${d.toString().slice(4, 10)} ${d.toTimeString().slice(0, 8)}`;
};
function scratch(name: string): string {
  const dir = join(TEST_ROOT, `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
/** Sends q and returns how long until the shell after sitrep printed EXIT= (the console is gone). */
async function quitTime(s: TmuxSession, limitMs: number): Promise<number> {
  const t0 = Date.now();
  s.send('q');
  await s.waitFor((t) => t.includes('EXIT='), limitMs, 'sitrep to exit after q');
  return Date.now() - t0;
}

describe.runIf(ready)('security: nothing a user does freezes sitrep or garbles its screen', () => {
  for (const [n, what, swap] of [
    [1, 'a symlink to /dev/zero', 'ln -s /dev/zero syslog.new && mv -f syslog.new syslog'],
    [2, 'a FIFO', 'mkfifo syslog.new && mv -f syslog.new syslog'],
    [3, 'a 20 GB sparse jump', 'truncate -s 20G syslog'],
  ] as const) {
    it(`5. the followed log replaced by ${what}: the console keeps drawing and q exits at once`, async () => {
      const dir = scratch(`sec-follow${n}`);
      writeFileSync(join(dir, 'syslog'), `${stamp()} web app[1]: before the swap\n`);
      execFileSync('chown', ['-R', `${NOBODY}:${NOGROUP}`, dir]);
      const s = new TmuxSession(`sec-follow${n}`, 120, 35, `sh -c 'node ${SITREP} --log-file ${join(dir, 'syslog')}; echo EXIT=$?; sleep 60'`);
      cleanups.push(() => s.kill());
      await s.waitFor((t) => t.includes('before the swap'), 10_000, 'the log line');
      asNobody(swap, dir);
      if (what.includes('sparse')) {
        asNobody(`printf '\\n%s web app[1]: after the hole\\n' "$(date '+%b %e %H:%M:%S')" >> syslog`, dir);
        await s.waitFor((t) => t.includes('after the hole') && /skipped 20\.0 GiB/.test(t), 5000, 'the skip noted and the new line');
      } else {
        await s.waitFor((t) => t.includes('not a regular file'), 5000, 'the refusal');
      }
      // still drawing: the clock in the status line moves
      // the status line's clock (its first time; a long note there leaves out the host and "every Ns")
      const clock = (t: string) => /^\s*(?:sitrep \S+\s+)?(\d\d:\d\d:\d\d)\s/.exec(t.trimEnd().split('\n').at(-1) ?? '')?.[1];
      const first = clock(s.screen());
      await s.waitFor((t) => clock(t) !== first, 3000, 'the clock to move');
      const ms = await quitTime(s, 2000);
      console.log(`q answered in ${ms} ms after ${what}`);
      expect(s.screen()).toContain('EXIT=0');
    });
  }

  for (const count of [1, 4]) {
    it(`6. ${count} hung FUSE mount(s): shown as not responding, q exits promptly, snapshot --json exits with responding:false`, async () => {
      const base = scratch(`sec-fuse${count}`);
      const inNs = (cmd: string) => `unshare --mount --propagation private ${PYTHON} ${HUNG_FUSE} ${count} ${base} sh -c '${cmd}'`;
      const snap = spawnSync('sh', ['-c', inNs(`node ${SITREP} snapshot --json --duration 1`)], { encoding: 'utf8', timeout: 20_000 });
      expect(snap.status).toBe(0);
      const report = JSON.parse(snap.stdout);
      const hung = report.filesystems.filter((f: { mount: string }) => f.mount.startsWith(`${base}/hung`));
      expect(hung).toHaveLength(count);
      for (const f of hung) expect(f).toMatchObject({ responding: false, sizeBytes: null });
      expect(report.filesystems.find((f: { mount: string }) => f.mount === '/')).toMatchObject({ responding: true });

      const s = new TmuxSession(`sec-fuse${count}`, 140, 40, inNs(`node ${SITREP}; echo EXIT=$?; sleep 60`));
      cleanups.push(() => s.kill());
      await s.waitFor((t) => t.includes(`${base}/hung0`.slice(-30)) && /not respond/.test(t), 10_000, 'the hung mount marked');
      const ms = await quitTime(s, 3000);
      console.log(`q answered in ${ms} ms with ${count} hung mounts`);
      expect(s.screen()).toContain('EXIT=0');
      // nothing of sitrep's is left: below the pane only the shell and its sleep
      const pane = Number(s.format('#{pane_pid}'));
      const left = descendants(pane).map((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ')).filter((c) => !/^sleep 60/.test(c));
      expect(left).toEqual([]);
    });
  }

  it('8. ZWJ, ZWSP and combining storms in a log line and a process name: tmux and xterm show exactly sitrep\'s frame', async () => {
    const dir = scratch('sec-width');
    const log = join(dir, 'syslog');
    const storm = ['Z\u200d'.repeat(40), 'a\u200bb\u200c'.repeat(20), `e${'\u0301'.repeat(60)}x`.repeat(5), '\u0301lead \u{1f44d}\u{1f3fd} \u263a\ufe0f \u{1f1fa}\u{1f1f8} end'];
    writeFileSync(log, storm.map((m, i) => `${stamp()} web app[${i}]: ${m}\n`).join(''));
    const name = 'Z\u200dZ\u200dZ';
    const busy = busyLoop(`Z\u200d${'Z\u200d'.repeat(30)}e${'\u0301'.repeat(30)}`, name);
    cleanups.push(() => busy.kill('SIGKILL'));
    const frameFile = join(dir, 'frame.txt');
    const raw = join(dir, 'raw.bin');
    const s = new TmuxSession('sec-width', 140, 45, `sh -c 'sleep 0.5; exec env SITREP_FRAME_FILE=${frameFile} node ${SITREP} --log-file ${log}'`);
    cleanups.push(() => s.kill());
    s.tmux('pipe-pane', '-o', '-t', 't', `cat >> ${raw}`);
    await s.waitFor((t) => t.includes('Z?Z?Z?') && t.includes('end') && /total\s+\d+%/.test(t), 15_000, 'the storms and the CPU figures on screen');
    s.send('p');
    await s.waitFor((t) => t.includes('PAUSED'), 3000, 'paused');
    // Take the three views once the frame has stopped changing.
    let frame = '';
    let shown = '';
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 400));
      const before = readFileSync(frameFile, 'utf8');
      shown = s.screen();
      frame = readFileSync(frameFile, 'utf8');
      if (before === frame) break;
    }
    const rows = (text: string) => text.split('\n').slice(0, 45).map((l) => l.trimEnd());
    expect(frame).toContain(` ${busy.pid} `); // the storm-named process is on screen too
    expect(rows(shown)).toEqual(rows(frame));
    // xterm.js with Unicode 11 widths, as terminals built on it use (its default tables are Unicode 6, where emoji are narrow).
    const term = new xterm.Terminal({ cols: 140, rows: 45, allowProposedApi: true });
    term.loadAddon(new unicode11.Unicode11Addon());
    term.unicode.activeVersion = '11';
    await new Promise<void>((r) => term.write(readFileSync(raw), r));
    const emulated = Array.from({ length: 45 }, (_, y) => term.buffer.active.getLine(y)?.translateToString(true) ?? '').join('\n');
    expect(rows(emulated)).toEqual(rows(frame));
    // the CPU pane's figures are intact beside the storms
    expect(frame).toMatch(/total\s+\d+%\s+load [\d.]+ [\d.]+ [\d.]+/);
  });

  it('9. the snapshot JSON of hostile names carries no C1 control and no raw U+202E', () => {
    const dir = scratch('sec-json');
    const log = join(dir, 'syslog');
    writeFileSync(log, `${stamp()} web app[1]: csi\u009b31m bidi\u202eevil del\u007f zwj\u200d\n`);
    appendFileSync(log, `${stamp()} web app[2]: second\n`);
    const busy = busyLoop(`evil\u009b2J\u202etxt`, 'c1\u009bname');
    cleanups.push(() => busy.kill('SIGKILL'));
    const out = execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', '2', '--log-file', log], { maxBuffer: 64 << 20 });
    const text = out.toString('utf8');
    expect(text).not.toMatch(/[\u0080-\u009f\u202e]/);
    expect(out.includes(Buffer.from([0xc2, 0x9b]))).toBe(false);
    const report = JSON.parse(text);
    expect(report.processes.some((p: { pid: number }) => p.pid === busy.pid)).toBe(true);
  });
});
