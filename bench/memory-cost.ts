// The Memory pane's cost split (issue 31): one sample's memory reading, the
// model's fold and the pane's rows, in ms, against a sample without them. Not a test.
import { SystemSampler } from '../collectors/proc/system-sampler.js';
import { MemoryReader } from '../collectors/memory/memory-reader.js';
import { readText } from '../collectors/proc/read-processes.js';
import { initialModel, reduce } from '../src/model/model.js';
import { selectMemoryView } from '../src/model/memory-selectors.js';
import { memoryLines } from '../src/panes/memory-lines.js';
import type { Message } from '../src/stream/messages.js';

const N = Number(process.env.N ?? 30);
const ms = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const off = new SystemSampler('/proc', 4096, false);
const reader = new MemoryReader();
const header = { kind: 'header', format: 'sitrep-stream', version: 1, host: 'h', kernel: 'k', os: null, cores: 2, clockTicks: 100, pageSize: 4096, intervalMs: 1000, startedAt: Date.now(), bootTime: Date.now() - 1e6 } as Message;
let mOn = reduce(initialModel(), header);
let mOff = reduce(initialModel(), header);
const sum = { sample: 0, read: 0, foldOn: 0, foldOff: 0, rows: 0 };
for (let i = 0; i < N; i++) {
  let s = off.sample(Date.now() + i * 1000);
  sum.sample += ms(() => (s = off.sample(Date.now() + i * 1000)));
  let detail = null as unknown as ReturnType<MemoryReader['read']>;
  sum.read += ms(() => (detail = reader.read(readText('/proc/meminfo') ?? '', s.processes)));
  const withDetail = { ...s, t: s.t + i * 1000, memoryDetail: detail };
  sum.foldOff += ms(() => (mOff = reduce(mOff, { ...s, t: s.t + i * 1000 })));
  sum.foldOn += ms(() => (mOn = reduce(mOn, withDetail)));
  sum.rows += ms(() => {
    selectMemoryView(mOn, null);
    memoryLines(mOn, 118);
  });
}
const per = (x: number) => (x / N).toFixed(2);
console.log(`per sample, ms (${N} samples, ${mOn.processes.length} processes): sample without memory ${per(sum.sample)}; memory read ${per(sum.read)}; fold with ${per(sum.foldOn)} vs without ${per(sum.foldOff)}; view + rows ${per(sum.rows)}`);
