/**
 * The recording format: round trip through the encoder and the reader, and a
 * fuzz of 1,000 damaged recordings, none of which may crash the reader, the
 * model or the UI, and none of which may put a raw control character on screen.
 */
import { gzipSync } from 'node:zlib';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { demoMessagesTo } from '../../demo/demo-source.js';
import type { Message } from '../../src/stream/messages.js';
import { initialModel, reduce } from '../../src/model/model.js';
import { Encoder, type RecordingHeader } from '../../src/record/codec.js';
import { readRecording, type Recording } from '../../src/record/reader.js';
import { initialView } from '../../src/view/view.js';
import { App } from '../../ui/App.js';
import { seededRandom } from '../../demo/rng.js';

const START = Date.UTC(2026, 10, 22, 12, 0, 0);

function recordingLines(messages: Message[]): string[] {
  const header = messages[0]!;
  if (header.kind !== 'header') throw new Error('no header');
  const h: RecordingHeader = { format: 'sitrep-recording', version: 1, host: header.host, kernel: header.kernel, intervalMs: header.intervalMs, startedAt: header.startedAt, stream: header };
  const enc = new Encoder();
  return [JSON.stringify(h), ...messages.slice(1).map((m) => JSON.stringify(enc.encode(m)))];
}

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

const CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f\x80-\x9f]|\x1b(?!\[[0-9;]*m)/;

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
  it('never crash, always end with a clear message, and never put a raw control character on screen', () => {
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
      const model = result.messages.reduce(reduce, initialModel(600));
      if (i % 50 === 0) {
        const { lastFrame, unmount } = render(<App model={model} live={model} view={initialView()} width={120} height={40} />);
        expect(lastFrame() ?? '').not.toMatch(CONTROL);
        unmount();
      }
    }
    expect(early + errors).toBeGreaterThan(500);
  }, 120_000);
});

describe('hostile and long recordings', () => {
  it('stops a gzip bomb (a 1 MB file of over 1 GiB) with one line', () => {
    const member = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const bomb = Buffer.concat(Array.from({ length: 17 }, () => member));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const t0 = Date.now();
    expect(readRecording(bomb)).toEqual({ error: 'recording too large: more than 1 GiB uncompressed (a gzip bomb, or not a recording)' });
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('replays a 200k-message recording (no spread of its times into a call)', async () => {
    const { ReplaySource } = await import('../../src/sources/replay-source.js');
    const header = messages[0]!;
    const events: Message[] = Array.from({ length: 200_000 }, (_, i) => ({ kind: 'event', t: START + i * 100, type: 'note', text: `n${i}` }));
    const big = gzipSync(`${recordingLines([header, ...events]).join('\n')}\n`);
    const rec = readRecording(big) as Recording;
    expect(rec.messages).toHaveLength(200_001);
    const replay = new ReplaySource(rec);
    expect(replay.banner()?.text).toMatch(/^REPLAY /);
  });
});
