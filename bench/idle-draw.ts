// The console's main-thread work at idle without sampling, deterministic: a
// demo's samples, each followed by a one-line log batch, reduced, drawn by the
// fast path and diffed as the terminal does; ms per simulated second. Compare
// two trees on the same machine: node src/build/bundle.mjs bench/idle-draw.ts /tmp/x.mjs && node /tmp/x.mjs
import { Store, shownModel } from '../src/view/store.js';
import { initialModel } from '../src/model/model.js';
import { fastFrame } from '../src/draw/screen.js';
import { LineMemo, parseLine, type Row } from '../src/term/cells.js';
import { diffFrames } from '../src/term/diff.js';
import { demoMessagesTo } from '../demo/demo-source.js';
import type { Message } from '../src/stream/messages.js';

const WARM = 120;
const SECONDS = Number(process.env.SECONDS_RUN ?? 200);
const start = Date.parse('2026-12-07T10:00:00Z');
const messages = demoMessagesTo('disk-fill', WARM + SECONDS, 1000, start);

function pass(): number {
  const store = new Store(initialModel(600));
  const memo = new LineMemo();
  let shown: Row[] | null = null;
  let at = 0;
  let samples = 0;
  const draw = () => {
    const { model: live, view } = store.getState();
    const frame = fastFrame({ model: shownModel(store.getState()), live, view, width: 120, height: 40 })!;
    const next = memo.rows(frame, 120, 40, (line) => parseLine(line, 120));
    diffFrames(shown, next);
    shown = next;
  };
  for (const m of messages) {
    if (samples === WARM && at === 0) at = performance.now();
    store.dispatchMessage(m);
    if (m.kind !== 'sample') continue;
    samples++;
    draw();
    const log: Message = { kind: 'log', t: m.t + 500, source: '/var/log/syslog', entries: [{ t: m.t + 500, priority: 6, unit: '', pid: 80, message: `203.0.113.${samples % 250} - - "GET /?id=${samples} HTTP/1.1" 200 157` }] };
    store.dispatchMessage(log);
    draw();
  }
  return (performance.now() - at) / (samples - WARM);
}

if (process.env.ALLOC) {
  // run under --expose-gc --max-semi-space-size=1024 --min-semi-space-size=1024: no collection in the pass, so the heap's growth is what it allocated
  const g = (globalThis as { gc?: () => void }).gc!;
  g();
  const before = process.memoryUsage().heapUsed;
  pass();
  console.log(`KiB allocated per simulated second: ${((process.memoryUsage().heapUsed - before) / 1024 / (messages.filter((m) => m.kind === 'sample').length)).toFixed(0)}`);
  process.exit(0);
}
const runs = Number(process.env.PASSES ?? 5);
const out: number[] = [];
for (let i = 0; i < runs; i++) out.push(pass());
out.sort((a, b) => a - b);
console.log(`ms per simulated second (sample + log batch, two frames): median ${out[Math.floor(runs / 2)]!.toFixed(3)} [${out.map((x) => x.toFixed(3)).join(' ')}]`);
