/**
 * The recording fuzz (issue 17): damaged files must end with one clear line;
 * every case the validator accepts must go through reduce, the selectors and
 * a full render without an exception, without the render-error path and
 * without a raw control character on screen. The accepted cases are made by
 * walking the generated schema beside the messages, so they are hostile in
 * every field while still within it. Then the crafted files: a gzip bomb, one
 * 100 MB line, deep JSON, 1e308 and NaN, a million processes.
 */
import { statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { demoMessagesTo } from '../../demo/demo-source.js';
import { seededRandom } from '../../demo/rng.js';
import type { Message } from '../../src/stream/messages.js';
import { initialModel, reduce } from '../../src/model/model.js';
import { forEachMessage, openRecording, readRecording } from '../../src/record/reader.js';
import { DEFS, MESSAGE } from '../../src/record/message-schema.js';
import type { SchemaNode } from '../../src/record/schema.js';
import { validMessage } from '../../src/record/validate.js';
import { initialView } from '../../src/view/view.js';
import { App } from '../../ui/App.js';
import { ErrorBoundary } from '../../ui/ErrorBoundary.js';
import { recordingLines, writeRecordingFile } from '../support/recording-file.js';

const START = Date.UTC(2026, 10, 22, 12, 0, 0);
const CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f\x80-\x9f]|\x1b(?!\[[0-9;]*m)/;
const HOSTILE = ['\x1b]52;c;cHduZWQ=\x07', '\x1b[2J\x1b[H', '\x9b31m', '\ud800x\udfff', 'x'.repeat(5000), '\x07\x00\r\n\t', '\u202eevil', '漢字😀👩‍👩‍👧', 'a\u0301\u200b', '', ' ', '%s%n', '../../etc/passwd'];

type Random = () => number;
const pick = <T,>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** A value for schema `node`, from `value` with some fields made hostile (still within the schema). */
function mutate(node: SchemaNode, value: unknown, random: Random, rate: number): unknown {
  const hit = random() < rate;
  switch (node.t) {
    case 'num': {
      if (!hit) return value;
      const lo = node.min ?? -Number.MAX_SAFE_INTEGER;
      const hi = node.max ?? Number.MAX_SAFE_INTEGER;
      return pick(random, [lo, hi, Math.max(lo, Math.min(hi, 0)), lo + (hi - lo) * random(), Math.max(lo, Math.min(hi, 1e15)), Math.max(lo, Math.min(hi, 0.5))]);
    }
    case 'str':
      return hit ? pick(random, HOSTILE).slice(0, node.max) : value;
    case 'ref':
      return mutate(DEFS[node.name]!, value, random, rate);
    case 'union': {
      const fits = node.of.filter((n) => matches(n, value));
      if (hit && node.of.some((n) => n.t === 'null')) return null;
      return fits.length ? mutate(fits[0]!, value, random, rate) : value;
    }
    case 'arr': {
      const items = (value as unknown[]).map((v) => mutate(node.of, v, random, rate));
      if (hit && items.length > 0 && random() < 0.3) return [];
      if (hit && items.length > 0 && items.length <= 50 && items.length * 2 <= node.max) return [...items, ...items];
      return items;
    }
    case 'tuple':
      return (value as unknown[]).map((v, i) => mutate(node.of[i]!, v, random, rate));
    case 'rec':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [hit ? pick(random, HOSTILE).slice(0, 200) + k : k, mutate(node.of, v, random, rate)]));
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as object)) {
        const prop = node.props[k]!;
        if (prop.optional && random() < rate / 2) continue;
        out[k] = mutate(prop, v, random, rate);
      }
      return out;
    }
    default:
      return value;
  }
}

const matches = (node: SchemaNode, value: unknown): boolean =>
  node.t === 'null' ? value === null : node.t === 'lit' ? value === node.v : node.t === 'ref' ? matches(DEFS[node.name]!, value) : node.t === 'obj' ? typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => k in node.props) : node.t === 'union' ? node.of.some((n) => matches(n, value)) : true;

// memory-leak's last samples have the Memory pane urgent (its cgroup counting down), so the render draws it with the hostile values
const base = [...demoMessagesTo('crash-loop', 40, 1000, START), ...demoMessagesTo('disk-fill', 40, 1000, START + 50_000).slice(1), ...demoMessagesTo('memory-leak', 20, 1000, START + 100_000).slice(1)];

/** Reduces `messages` and renders the whole screen at `width`×`height`, catching what the console's boundary would. */
function renderAll(messages: readonly Message[], width: number, height: number): { frame: string; errors: Error[] } {
  const model = messages.reduce(reduce, initialModel(600));
  const errors: Error[] = [];
  const { lastFrame, unmount } = render(<ErrorBoundary onError={(e) => errors.push(e)}><App model={model} live={model} view={initialView()} width={width} height={height} /></ErrorBoundary>);
  const frame = lastFrame() ?? '';
  unmount();
  return { frame, errors };
}

describe('fuzz: hostile values the validator accepts', () => {
  it('every accepted case goes through reduce, the selectors and a full render: no exception, no render error, no control character', () => {
    const random = seededRandom(17);
    let accepted = 0;
    for (let i = 0; i < 120; i++) {
      const rate = pick(random, [0.02, 0.1, 0.3]);
      const messages = base.map((m, k) => (k === 0 ? m : (mutate(MESSAGE, m, random, rate) as Message)));
      const read = readRecording(gzipSync(`${recordingLines(messages).join('\n')}\n`));
      if ('error' in read) continue;
      expect(read.messages.every(validMessage)).toBe(true);
      accepted++;
      // The full console, and a small tmux pane.
      const { frame, errors } = i % 2 === 0 ? renderAll(read.messages, 120, 40) : renderAll(read.messages, 60, 20);
      expect(errors.map((e) => e.message)).toEqual([]);
      expect(frame).not.toMatch(CONTROL);
      expect(frame).toMatch(/sitrep /);
      expect(frame).not.toMatch(/NaN|Infinity|undefined|\[object/);
    }
    expect(accepted).toBeGreaterThan(80);
  }, 60_000);
});

/** Reads `file` as replay and snapshot do (streamed); the problem or error line, with the time and the heap it took. */
async function readFile(file: string): Promise<{ line: string | null; ms: number; heapMiB: number; messages: number }> {
  const t0 = performance.now();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = 0;
  const opened = await openRecording(file);
  if ('error' in opened) return { line: opened.error, ms: performance.now() - t0, heapMiB: 0, messages: 0 };
  let messages = 0;
  const line = await forEachMessage(file, opened, () => {
    messages++;
    peak = Math.max(peak, process.memoryUsage().heapUsed - heap0);
    return true;
  });
  return { line, ms: performance.now() - t0, heapMiB: peak / 2 ** 20, messages };
}

const headerLine = recordingLines(base.slice(0, 1))[0]!;
const gz = (...parts: Array<string | Buffer>) => gzipSync(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))), { level: 1 });

describe('crafted recordings: each ends with one line, in bounded time and memory', () => {
  it('a gzip bomb (a 1 MB file of over 1 GiB) stops early with one line', async () => {
    const member = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const file = writeRecordingFile(Buffer.concat([gzipSync(`${headerLine}\n`), ...Array.from({ length: 17 }, () => member)]));
    expect(statSync(file).size).toBeLessThan(2 * 1024 * 1024);
    const r = await readFile(file);
    expect(r.line).toMatch(/^recording ends early at \d\d:\d\d:\d\d: recording inflates more than 200 times over \(a gzip bomb, or not a recording\)$/);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('one 100 MB line', async () => {
    const file = writeRecordingFile(gz(`${headerLine}\n{"kind":"event","t":${START},"type":"note","text":"`, Buffer.alloc(100 * 2 ** 20, 'x'), '"}\n'));
    const r = await readFile(file);
    expect(r.line).toMatch(/: not a sitrep recording: a line longer than 64 MiB$/);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('deeply nested JSON', async () => {
    const deep = `{"kind":"event","t":${START},"type":"note","text":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    const r = await readFile(writeRecordingFile(gz(`${headerLine}\n`, deep, '\n')));
    expect(r.line).toMatch(/^recording ends early at \d\d:\d\d:\d\d: damaged at line 2$/);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('1e308 and NaN where numbers go', async () => {
    for (const value of ['1e308', 'NaN', '-1e308', '"7"']) {
      const r = await readFile(writeRecordingFile(gz(`${headerLine}\n{"kind":"event","t":${START},"type":"note","text":"ok"}\n{"kind":"event","t":${value},"type":"note","text":"x"}\n`)));
      expect(r).toMatchObject({ line: expect.stringMatching(/: damaged at line 3$/), messages: 1 });
    }
    const hugeHeader = headerLine.replace(/"cores":\d+/, '"cores":1e308');
    expect((await readFile(writeRecordingFile(gz(`${hugeHeader}\n`)))).line).toBe('not a sitrep recording: its stream header is damaged');
  });

  it('a sample with a million processes, and one with 250,000 (past the schema cap, under the line cap)', async () => {
    const sample = base.find((m) => m.kind === 'sample')!;
    const proc = JSON.stringify({ ...(sample.kind === 'sample' ? sample.processes[0] : {}), openWrites: undefined, io: undefined });
    for (const [count, why] of [[1_000_000, /: not a sitrep recording: a line longer than 64 MiB$/], [250_000, /: damaged at line 2$/]] as const) {
      const procs = Buffer.alloc((proc.length + 1) * count, `${proc},`).subarray(0, (proc.length + 1) * count - 1);
      const line = Buffer.concat([Buffer.from(JSON.stringify({ ...sample, kind: 'keyframe', processes: [] }).replace('"processes":[]', '"processes":[')), procs, Buffer.from(']}')]);
      const r = await readFile(writeRecordingFile(gz(`${headerLine}\n`, line, '\n')));
      expect(r.line).toMatch(why);
      expect(r.ms).toBeLessThan(20_000);
      expect(r.heapMiB).toBeLessThan(400);
    }
  }, 60_000);
});
