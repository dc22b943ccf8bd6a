/**
 * Record and replay for real: a live session recorded in tmux while a writer
 * fills a loop ext4, replayed (as nobody) to the same sample times; the
 * transport keys; a recording onto a filesystem that fills.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canLoopMount, LoopFs, TEST_ROOT } from '../support/loopfs.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const WRITER = resolve('test/support/writer.mjs');
const MB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));
const ready = requireOrSkip(canLoopMount() && hasTmux() && existsSync(SITREP), 'needs root, loop mounts, tmux and dist/');
const row = (screen: string, text: string) => screen.split('\n').find((l) => l.includes(text)) ?? '';
const clockOf = (screen: string) => / sitrep \S+ {2}(\d\d:\d\d:\d\d) /.exec(screen)?.[1] ?? null;
const nobody = (args: string) => `setpriv --reuid=nobody --regid=nogroup --clear-groups ${process.execPath} ${SITREP} ${args}`;

describe.runIf(ready)('record and replay', () => {
  const file = join(TEST_ROOT, `session-${process.pid}.sitrep.gz`);
  cleanups.push(() => spawnSync('rm', ['-f', file]));

  it('replays a recorded live session to the same screen at the same sample times', async () => {
    const fs = new LoopFs('record', 1024, ['-m', '5']);
    cleanups.push(() => fs.unmount());
    const writer = spawn(process.execPath, [WRITER, join(fs.mountPoint, 'mod_gzip.cache'), String(8 * MB)], { stdio: 'ignore' });
    cleanups.push(() => writer.kill('SIGKILL'));
    const live = new TmuxSession('rec-live', 140, 45, `node ${SITREP} --record ${file}; sleep 30`);
    cleanups.push(() => live.kill());
    await live.waitFor((t) => /\+\d+(\.\d)?M\/s/.test(row(t, fs.mountPoint)) && t.includes('● REC'), 15_000, 'recording a filling disk');
    const seen = new Map<string, { disk: string; writer: string }>();
    const until = Date.now() + 12_000;
    while (Date.now() < until) {
      const t = live.screen();
      const clock = clockOf(t);
      if (clock && !seen.has(clock)) seen.set(clock, { disk: row(t, fs.mountPoint), writer: row(t, `${writer.pid} `) });
      await new Promise((r) => setTimeout(r, 150));
    }
    live.send('q');
    await live.waitFor((t) => !t.includes('● REC'), 5000, 'quit');
    await live.waitFor((t) => new RegExp(`saved to ${file} \\([\\d.]+ (KiB|MiB)\\)`).test(t), 5000, 'saved to FILE (size)');
    writer.kill('SIGKILL');
    chmodSync(file, 0o644);
    const past = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--replay', file, '--at', '100000'], { encoding: 'utf8' }));
    expect(past.replay.beyondEnd).toMatch(/^asked for 100000 s; the recording ends at \d+ s: this is its last sample$/);
    // A moment in the middle, where the rate was already there.
    const [clock, expected] = [...seen.entries()].filter(([, v]) => /M\/s/.test(v.disk))[4]!;
    const replay = new TmuxSession('rec-replay', 140, 45, nobody(`replay ${file}`));
    cleanups.push(() => replay.kill());
    // The position shows once the index pass has read the file (slower on a loaded CI machine).
    await replay.waitFor((t) => /REPLAY \S+ \d+% /.test(t), 30_000, 'replay, indexed');
    replay.send('Space');
    replay.send('g');
    await replay.waitFor((t) => / 0% .*paused/.test(t), 3000, 'paused at the start');
    for (let i = 0; i < 60 && clockOf(replay.screen()) !== clock; i++) {
      const before = replay.screen();
      replay.send('.');
      await replay.waitFor((t) => t !== before, 3000, 'a step');
    }
    const t = replay.screen();
    expect(clockOf(t)).toBe(clock);
    expect(row(t, fs.mountPoint)).toBe(expected.disk);
    expect(row(t, `${writer.pid} `)).toBe(expected.writer);
    // The snapshot of the recording at that moment says the same.
    const [h, m, s] = clock.split(':').map(Number) as [number, number, number];
    const report = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--replay', file], { encoding: 'utf8' }));
    const at = new Date(report.replay.startedAt);
    const offset = (new Date(at).setHours(h, m, s, 999) - at.getTime()) / 1000;
    const then = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--replay', file, '--at', String(offset)], { encoding: 'utf8' }));
    const fsReport = then.filesystems.find((f: { mount: string }) => f.mount === fs.mountPoint);
    const shownRate = /\+(\d+(?:\.\d)?)M\/s/.exec(expected.disk)![1]!;
    expect((fsReport.fillRateBytesPerSec / MB).toFixed(1)).toBe(Number(shownRate).toFixed(1));
    expect(then.writers[0].pid).toBe(writer.pid);
    replay.send('q');
  });

  it('seeks to the end and back, changes speed and steps, through the keys', async () => {
    const replay = new TmuxSession('rec-keys', 140, 45, nobody(`replay ${file}`));
    cleanups.push(() => replay.kill());
    await replay.waitFor((t) => /REPLAY \S+ \d+% ×1 playing/.test(t), 10_000, 'playing at real time, ×1');
    replay.send('G');
    await replay.waitFor((t) => / 100% ×1 end/.test(t), 3000, 'at the end');
    replay.send('g');
    await replay.waitFor((t) => / [0-9]% ×1/.test(t), 3000, 'back at the start');
    replay.send(']');
    replay.send(']');
    replay.send(']');
    await replay.waitFor((t) => /×8/.test(t), 3000, 'faster');
    replay.send('[');
    replay.send('[');
    replay.send('[');
    await replay.waitFor((t) => /×1 /.test(t), 3000, 'slower');
    replay.send('.');
    const paused = await replay.waitFor((t) => /paused/.test(t), 3000, 'step pauses');
    const before = clockOf(paused);
    replay.send('.');
    await replay.waitFor((t) => clockOf(t) !== before, 3000, 'one sample on');
    replay.send('Right');
    await replay.waitFor((t) => / 100% /.test(t) || /[1-9]\d% /.test(t), 3000, 'seek +10 s');
    replay.send('K');
    await replay.waitFor((t) => t.includes('replay: actions are off in a recording'), 3000, 'actions off');
    replay.send('q');
  });

  it('records drill-down scans, and replay shows them', async () => {
    const fs = new LoopFs('recdir', 256, ['-m', '0']);
    cleanups.push(() => fs.unmount());
    execFileSync('mkdir', ['-p', join(fs.mountPoint, 'var/mod_gzip'), join(fs.mountPoint, 'home')]);
    writeFileSync(join(fs.mountPoint, 'var/mod_gzip/big.gz'), Buffer.alloc(9 * MB, 1));
    const rec = join(TEST_ROOT, `scan-${process.pid}.sitrep.gz`);
    cleanups.push(() => spawnSync('rm', ['-f', rec]));
    const live = new TmuxSession('rec-scan', 140, 45, `node ${SITREP} --record ${rec} --dir ${fs.mountPoint}`);
    cleanups.push(() => live.kill());
    const seen = await live.waitFor((t) => row(t, 'var/') !== '' && t.includes('growth: watching'), 10_000, 'scanned live');
    live.send('q');
    await live.waitFor((t) => !t.includes('● REC'), 5000, 'quit');
    chmodSync(rec, 0o644);
    const replay = new TmuxSession('rec-scan-replay', 140, 45, nobody(`replay ${rec} --dir ${fs.mountPoint}`));
    cleanups.push(() => replay.kill());
    const shown = await replay.waitFor((t) => row(t, 'var/') !== '', 10_000, 'the recorded scan in replay');
    expect(row(shown, 'var/').replace(/\s+—\s+/, ' ')).toContain(row(seen, 'var/').split('—')[0]!.trim().split(/\s+/)[0]!);
    replay.send('q');
  });

  it('stops recording with a marker when its disk fills, and the console goes on', async () => {
    const small = new LoopFs('recfull', 8, ['-m', '0']);
    cleanups.push(() => small.unmount());
    // Fill every block: big writes, then smaller ones into the last blocks.
    for (const [i, bs] of ['64k', '4k', '1k', '512'].entries()) {
      spawnSync('dd', ['if=/dev/zero', `of=${join(small.mountPoint, `fill-${i}`)}`, `bs=${bs}`], { stdio: 'ignore' });
    }
    spawnSync('sync');
    writeFileSync(join(small.mountPoint, 'tail'), '');
    expect(small.stat().bavail).toBeLessThan(2);
    const s = new TmuxSession('rec-full', 140, 45, `node ${SITREP} --record ${join(small.mountPoint, 'rec.gz')}`);
    cleanups.push(() => s.kill());
    const stopped = await s.waitFor((t) => t.includes('REC STOPPED: recording stopped: disk full (ENOSPC)'), 15_000, 'the stop marker');
    const clock = clockOf(stopped);
    await s.waitFor((t) => clockOf(t) !== clock && t.includes('REC STOPPED'), 5000, 'still updating');
    s.send('q');
  });

  it('records a 5,000 lines/s flood and replays it as a stream: indexed, G to the end and g back, in bounded memory', async () => {
    const log = join(TEST_ROOT, `flood-${process.pid}.log`);
    const rec = join(TEST_ROOT, `flood-${process.pid}.sitrep.gz`);
    writeFileSync(log, '');
    cleanups.push(() => spawnSync('rm', ['-f', log, rec]));
    const flood = spawn(process.execPath, [resolve('bench/soak-flood.mjs'), log, '5000', '40'], { stdio: 'ignore' });
    cleanups.push(() => flood.kill('SIGKILL'));
    const live = new TmuxSession('rec-flood', 120, 40, `node ${SITREP} --log-file ${log} --record ${rec}; sleep 30`);
    cleanups.push(() => live.kill());
    await live.waitFor((t) => t.includes('● REC') && /Failed password/.test(t), 15_000, 'recording the flood');
    // Record until the flood has written 150,000 lines (about 30 s at 5,000/s), polled; a slow machine takes longer, never less.
    const floodLines = () => (readFileSync(log, 'utf8').match(/\n/g) ?? []).length;
    const deadline = Date.now() + 90_000;
    while (floodLines() <= 150_000 && flood.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
    live.send('q');
    await live.waitFor((t) => /saved to /.test(t), 10_000, 'saved');
    flood.kill('SIGKILL');
    const lines = (await import('node:fs')).readFileSync(log, 'utf8').split('\n').length;
    expect(lines).toBeGreaterThan(100_000);
    const replay = new TmuxSession('rec-flood-replay', 120, 40, `node ${SITREP} replay ${rec}`);
    cleanups.push(() => replay.kill());
    await replay.waitFor((t) => /REPLAY \S+ \d+% /.test(t), 30_000, 'indexed');
    const pid = Number(replay.format('#{pane_pid}'));
    replay.send('G');
    await replay.waitFor((t) => / 100% /.test(t), 30_000, 'at the end');
    replay.send('g');
    await replay.waitFor((t) => / 0% /.test(t), 30_000, 'back at the start');
    const hwm = Number(/VmHWM:\s+(\d+)/.exec((await import('node:fs')).readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
    expect(hwm).toBeLessThan(250);
    replay.send('q');
  }, 120_000);
});
