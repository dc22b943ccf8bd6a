/**
 * npm run bench:record — recording and replay costs (root, tmux). Not a test.
 *  1. Size: sitrep --record for RECORD_SECONDS (300) with 300 extra idle
 *     processes; bytes per hour extrapolated.
 *  2. Seek: a 1-hour recording (the recorded samples repeated, times shifted);
 *     time to read it and to reduce from start to end (what G does), medians of 5.
 *  3. Replay at 16x in a 120x40 tmux: CPU, and whether the replay clock keeps
 *     pace (frames dropped) or falls behind (lag).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
// @ts-expect-error plain ESM helper without types
import { descendants, procCpuTicks } from './proc-stats.mjs';
import { Encoder, type RecordingHeader } from '../src/record/codec.js';
import { openRecording, readRecording, type Recording } from '../src/record/reader.js';
import { initialModel, reduce } from '../src/model/model.js';
import type { Message } from '../src/stream/messages.js';
import { ReplaySource } from '../src/sources/replay-source.js';

const SITREP = resolve('dist/sitrep.mjs');
const SECONDS = Number(process.env.RECORD_SECONDS ?? 300);
const file = `/srv/sitrep-bench-${process.pid}.sitrep.gz`;
const hourFile = `/srv/sitrep-bench-${process.pid}-1h.sitrep.gz`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const tmux = (socket: string, ...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' }).stdout ?? '';

async function recordSize(): Promise<Recording> {
  const idle: ChildProcess[] = Array.from({ length: 300 }, () => spawn('sleep', ['3600'], { stdio: 'ignore' }));
  const socket = `sitrep-recbench-${process.pid}`;
  try {
    execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'b', '-x', '120', '-y', '40', `node ${SITREP} --record ${file}`]);
    await sleep(SECONDS * 1000);
    tmux(socket, 'send-keys', '-t', 'b', 'q');
    await sleep(3000);
  } finally {
    tmux(socket, 'kill-server');
    idle.forEach((p) => p.kill('SIGKILL'));
  }
  const bytes = statSync(file).size;
  const rec = readRecording(readFileSync(file)) as Recording;
  const samples = rec.messages.filter((m) => m.kind === 'sample');
  const procs = samples.at(-1)?.kind === 'sample' ? samples.at(-1)!.processes.length : 0;
  console.log(`recording: ${SECONDS} s, ${samples.length} samples, ${procs} processes, ${(bytes / 1024).toFixed(0)} KiB -> ${((bytes * 3600) / SECONDS / 1e6).toFixed(1)} MB per hour (target <= 20)`);
  return rec;
}

function hourLong(rec: Recording): void {
  const span = SECONDS * 1000;
  const copies = Math.ceil(3600 / SECONDS);
  const body = rec.messages.slice(1);
  const shifted: Message[] = [];
  for (let c = 0; c < copies; c++) for (const m of body) shifted.push(m.kind === 'header' ? m : ({ ...m, t: m.t + c * span } as Message));
  const enc = new Encoder();
  const h: RecordingHeader = rec.header;
  writeFileSync(hourFile, gzipSync(`${[JSON.stringify(h), ...shifted.map((m) => JSON.stringify(enc.encode(m)))].join('\n')}\n`));
  const reads: number[] = [];
  const reduces: number[] = [];
  let n = 0;
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    const one = readRecording(readFileSync(hourFile)) as Recording;
    reads.push(performance.now() - t);
    t = performance.now();
    let model = initialModel(600);
    for (const m of one.messages) model = reduce(model, m);
    reduces.push(performance.now() - t);
    n = one.messages.length;
  }
  console.log(`1-hour recording: ${(statSync(hourFile).size / 1e6).toFixed(1)} MB, ${n} messages; read ${median(reads).toFixed(0)} ms, reduce all (a seek with no checkpoint) ${median(reduces).toFixed(0)} ms (medians of 5)`);
}

async function seeks(): Promise<void> {
  const header = (await openRecording(hourFile)) as RecordingHeader;
  const replay = new ReplaySource(hourFile, header, statSync(hourFile).size);
  replay.connect(() => {});
  const t0 = performance.now();
  replay.start(() => {});
  replay.handleCommand('replay.toggle');
  await replay.indexed();
  const built = performance.now() - t0;
  const ends: number[] = [];
  const starts: number[] = [];
  const middles: number[] = [];
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    await replay.seekTo(Infinity);
    ends.push(performance.now() - t);
    t = performance.now();
    await replay.seekTo(header.startedAt);
    starts.push(performance.now() - t);
    t = performance.now();
    for (let k = 1; k <= 30; k++) await replay.seekTo(header.startedAt + k * 60_000);
    middles.push((performance.now() - t) / 30);
  }
  replay.stop();
  console.log(`seek, streamed from the file (index built in the background in ${built.toFixed(0)} ms): start->end ${median(ends).toFixed(1)} ms, end->start ${median(starts).toFixed(1)} ms, +1 min ${median(middles).toFixed(1)} ms (medians of 5)`);
}

async function replayFast(): Promise<void> {
  const socket = `sitrep-replaybench-${process.pid}`;
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'b', '-x', '120', '-y', '40', `node ${SITREP} replay ${hourFile}`]);
  try {
    await sleep(3000);
    for (let i = 0; i < 3; i++) tmux(socket, 'send-keys', '-t', 'b', ']');
    await sleep(1000);
    const pid = Number(tmux(socket, 'display-message', '-p', '-t', 'b', '#{pane_pid}').trim());
    const clock = () => /REPLAY (\d\d):(\d\d):(\d\d)/.exec(tmux(socket, 'capture-pane', '-p', '-t', 'b'))?.slice(1).map(Number) ?? [0, 0, 0];
    const secs = ([h, m, s]: number[]) => h! * 3600 + m! * 60 + s!;
    const c0 = secs(clock());
    const t0 = procCpuTicks([pid, ...descendants(pid)]);
    const w0 = performance.now();
    await sleep(20_000);
    const wall = (performance.now() - w0) / 1000;
    const advanced = secs(clock()) - c0;
    const cpu = ((procCpuTicks([pid, ...descendants(pid)]) - t0) / 100 / wall) * 100;
    console.log(`replay at 16x for ${wall.toFixed(0)} s: CPU ${cpu.toFixed(1)}% of a core; recorded time advanced ${advanced} s (${(advanced / wall).toFixed(1)}x: ${advanced / wall > 14 ? 'keeps pace, frames dropped' : 'lags'})`);
  } finally {
    tmux(socket, 'kill-server');
  }
}

const rec = await recordSize();
hourLong(rec);
await seeks();
await replayFast();
spawnSync('rm', ['-f', file, hourFile]);
