/**
 * The recording format: round trip through the encoder and the reader, and a
 * fuzz of 1,000 damaged recordings, none of which may crash the reader, the
 * model or the UI, and none of which may put a raw control character on screen.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { demoMessagesTo } from '../../demo/demo-source.js';
import type { Message } from '../../src/stream/messages.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { forEachMessage, openRecording, readRecording, type Recording } from '../../src/record/reader.js';
import { recordingLines, writeRecordingFile } from '../support/recording-file.js';
import { seededRandom } from '../../demo/rng.js';
import { Decoder, Encoder } from '../../src/record/codec.js';

const START = Date.UTC(2026, 10, 22, 12, 0, 0);

const messages = demoMessagesTo('crash-loop', 70, 1000, START);
const lines = recordingLines(messages);
const file = gzipSync(`${lines.join('\n')}\n`);

describe('recording codec', () => {
  it('gives back exactly the stream it was given, deltas and keyframes included', () => {
    const rec = readRecording(file) as Recording;
    expect(rec.problem).toBeNull();
    expect(rec.messages).toEqual(messages);
    expect(lines.filter((l) => l.includes('"kind":"keyframe"')).length).toBe(2); // samples 1 and 61
  });

  it('leaves out a connection list equal to the previous sample\'s, and gives it back', () => {
    const samples = messages.filter((m) => m.kind === 'sample').slice(0, 3);
    const same = samples.map((m, i) => (i === 0 || m.kind !== 'sample' ? m : { ...m, net: { ...m.net!, table: { ...m.net!.table!, connections: (samples[0] as typeof m).net!.table!.connections } } }));
    const encoder = new Encoder();
    const decoder = new Decoder();
    const encoded = same.map((m) => encoder.encode(m));
    expect(encoded.slice(1).every((l) => l.nc === 1 && !('connections' in ((l.net as { table: object }).table)))).toBe(true);
    expect(encoded.map((l) => decoder.decode(JSON.parse(JSON.stringify(l))))).toEqual(same);
  });

  it('gives back a process whose optional field went away (a carried reading read again drops readAt)', () => {
    const samples = messages.filter((m) => m.kind === 'sample').slice(0, 3);
    const withReadAt = samples.map((m, i) => (m.kind !== 'sample' || i !== 1 ? m : { ...m, processes: m.processes.map((p, k) => (k === 0 ? { ...p, readAt: m.t - 1000 } : p)) }));
    const encoder = new Encoder();
    const decoder = new Decoder();
    const encoded = withReadAt.map((m) => encoder.encode(m));
    expect(JSON.stringify(encoded[2])).toContain('"unset":[[');
    const decoded = encoded.map((l) => decoder.decode(JSON.parse(JSON.stringify(l))));
    expect(decoded).toEqual(withReadAt);
    expect('readAt' in (decoded[2] as Extract<Message, { kind: 'sample' }>).processes[0]!).toBe(false);
  });

  it('writes unchanged processes as nothing', () => {
    const deltas = lines.filter((l) => l.includes('"kind":"delta"'));
    const full = lines.filter((l) => l.includes('"kind":"keyframe"'));
    const median = deltas.map((l) => l.length).sort((a, b) => a - b)[Math.floor(deltas.length / 2)]!;
    expect(median).toBeLessThan(full[0]!.length / 2);
  });

  it('says where a truncated file ends, and names the versions it reads', () => {
    const cut = readRecording(file.subarray(0, Math.floor(file.length * 0.6))) as Recording;
    expect(cut.problem).toMatch(/^recording ends early at \d\d:\d\d:\d\d: truncated$/);
    expect(cut.messages.length).toBeGreaterThan(10);
    const v9 = gzipSync(lines[0]!.replace('"version":1', '"version":9'));
    expect(readRecording(v9)).toEqual({ error: 'recording version 9 is not supported: this sitrep reads version 1' });
    expect(readRecording(Buffer.from('plain text'))).toHaveProperty('error');
  });
});

const CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f\x80-\x9f]|\x1b/;

function mutate(random: () => number, i: number): Buffer {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const mode = i % 4;
  if (mode === 0) return file.subarray(0, Math.floor(random() * file.length));
  if (mode === 1) {
    const b = Buffer.from(file);
    for (let k = 0; k < 1 + random() * 8; k++) b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
    return b;
  }
  const ls = [...lines];
  for (let k = 0; k < 1 + random() * 4; k++) {
    const at = 1 + Math.floor(random() * (ls.length - 1));
    const hostile = pick(['\x1b]52;c;cHduZWQ=\x07', '\x1b[2J', '\x9b31m', '\ud800', 'x'.repeat(100_000), '\x07\x00']);
    const edits = [
      () => ls[at]!.replace(/"(message|comm|cmdline|unit|text|path|mountPoint|host)":"/, `"$1":"${JSON.stringify(hostile).slice(1, -1)}`),
      () => ls[at]!.replace(/:(\d+)/, ':"NaN"'),
      () => ls[at]!.replace(/"processes":\[/, '"processes":[null,'),
      () => ls[at]!.slice(0, Math.floor(random() * ls[at]!.length)),
      () => ls[at]!.replace(/"kind":"\w+"/, `"kind":"${pick(['sample', 'header', 'bogus', 'delta', 'keyframe'])}"`),
      () => ls[at]!.replace(/\d+/g, () => pick(['-1', '1e308', '0', '4294967296'])),
      () => '{}',
    ];
    ls[at] = pick(edits)();
  }
  if (mode === 3 && random() < 0.3) ls[0] = ls[0]!.replace(/"cores":\d+/, '"cores":-5');
  return gzipSync(ls.join('\n'));
}

describe('fuzz: 1,000 damaged recordings', () => {
  it('never crash the reader or the model, and always end with a clear message (fuzz.test.tsx renders what is accepted)', () => {
    const random = seededRandom(2026);
    let early = 0;
    let errors = 0;
    for (let i = 0; i < 1000; i++) {
      const result = readRecording(mutate(random, i));
      if ('error' in result) {
        errors++;
        expect(result.error).not.toMatch(CONTROL);
        expect(result.error.length).toBeLessThan(200);
        continue;
      }
      if (result.problem) {
        early++;
        expect(result.problem).toMatch(/^recording ends early at \d\d:\d\d:\d\d: /);
      }
      result.messages.reduce(reduce, initialModel(600));
    }
    expect(early + errors).toBeGreaterThan(500);
  }, 120_000);
});

describe('recordings stream from their file', () => {
  it('reads a file line by line to the same messages, and says where a cut file ends', async () => {
    const path = writeRecordingFile(file);
    const header = await openRecording(path);
    if ('error' in header) throw new Error(header.error);
    const got: Message[] = [header.stream];
    expect(await forEachMessage(path, header, (m) => got.push(m) > 0)).toBeNull();
    expect(got).toEqual(messages);
    const cut = writeRecordingFile(file.subarray(0, Math.floor(file.length * 0.6)));
    let n = 0;
    expect(await forEachMessage(cut, header, () => ++n > 0)).toMatch(/^recording ends early at \d\d:\d\d:\d\d: truncated$/);
    expect(n).toBeGreaterThan(10);
    expect(await openRecording('/nonexistent/r.gz')).toEqual({ error: 'no such file: /nonexistent/r.gz' });
  });

  it('replays a 200k-message recording, seeks to its end and back, and reaches the same model as reading it all', async () => {
    const { ReplaySource } = await import('../../src/sources/replay-source.js');
    const header = messages[0]!;
    const events: Message[] = Array.from({ length: 200_000 }, (_, i) => ({ kind: 'event', t: START + i * 100, type: 'note', text: `n${i}` }));
    const body = [...messages.slice(1).map((m) => ({ ...m, t: (m as { t: number }).t + 20_000_000 }) as Message)];
    const path = writeRecordingFile([header, ...events, ...body]);
    const opened = await openRecording(path);
    if ('error' in opened) throw new Error(opened.error);
    const replay = new ReplaySource(path, opened, 1e6);
    let model: ModelState | null = null;
    replay.connect((m) => (model = m));
    replay.start(() => {});
    replay.handleCommand('replay.toggle');
    await replay.indexed();
    expect(replay.banner().text).toMatch(/^REPLAY .* 0% ×1 paused$/);
    await replay.seekTo(Infinity);
    const whole = [header, ...events, ...body].reduce(reduce, initialModel(600));
    expect(model!.sampleCount).toBe(whole.sampleCount);
    expect(model!.lastSampleAt).toBe(whole.lastSampleAt);
    expect(model!.events).toEqual(whole.events);
    expect(replay.banner().text).toMatch(/ 100% ×1 paused$/);
    await replay.seekTo(START + 10_000);
    expect(model!.events.at(-1)?.text).toBe('n100');
    replay.stop();
  }, 60_000);
});
