// Where one frame's time goes: sampling, reducing, Ink rendering, cell parsing
// and diffing, over N frames of the live machine. Run: npm run bench:frame
import { renderToString } from 'ink';
import { InkFrames } from '../src/term/ink-frames.js';
import { readHeader } from '../collectors/hardware/host-facts.js';
import { SystemSampler } from '../collectors/proc/system-sampler.js';
import { initialModel, reduce } from '../src/model/model.js';
import { parseFrame } from '../src/term/cells.js';
import { diffFrames } from '../src/term/diff.js';
import { initialView } from '../src/view/view.js';
import { App } from '../ui/App.js';

const FRAMES = Number(process.env.FRAMES ?? 60);
// RENDER=string measures renderToString; the default is the persistent instance.
const persistent = process.env.RENDER === 'string' ? null : new InkFrames(120, 40);
const W = 120;
const H = 40;
const sampler = new SystemSampler();
let model = reduce(initialModel(), readHeader(1000, Date.now()));
const cost = { sample: 0, reduce: 0, render: 0, parse: 0, diff: 0 };
let prev = null as ReturnType<typeof parseFrame> | null;
let bytes = 0;
const time = <T,>(key: keyof typeof cost, f: () => T): T => {
  const t = performance.now();
  const r = f();
  cost[key] += performance.now() - t;
  return r;
};
for (let i = 0; i < FRAMES; i++) {
  const s = time('sample', () => sampler.sample(Date.now() + i * 1000));
  model = time('reduce', () => reduce(model, { ...s, t: Date.now() + i * 1000 }));
  const element = <App model={model} live={model} view={initialView()} width={W} height={H} />;
  const frame = time('render', () => (persistent ? persistent.frame(element, W, H) : renderToString(element, { columns: W })));
  const next = time('parse', () => parseFrame(frame, W, H));
  bytes += time('diff', () => diffFrames(prev, next)).length;
  prev = next;
}
for (const [k, v] of Object.entries(cost)) console.log(`${k.padEnd(7)} ${(v / FRAMES).toFixed(2)} ms/frame`);
persistent?.close();
console.log(`bytes after the first frame: ${(bytes / FRAMES).toFixed(0)}/frame`);
