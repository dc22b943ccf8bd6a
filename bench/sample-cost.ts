// npm run bench:sample: what one process sample costs the sampler alone (no
// renderer): CPU ms, /proc/<pid>/io reads and bytes allocated per sample, over
// SAMPLES samples of SystemSampler, with the machine as it is and with 3,000
// extra sleeping processes (spawned as bench/run.mjs does). Allocation is the
// heap growth of one sample after a full GC (run with --expose-gc and a large
// semi-space so no collection falls inside a sample). Not a test.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { SystemSampler } from '../collectors/proc/system-sampler.js';
import { median } from './timing.js';

const SAMPLES = Number(process.env.SAMPLES ?? 60);
const INTERVAL = Number(process.env.INTERVAL_MS ?? 0);
// Without --expose-gc (a --cpu-prof run) allocation is not measured and the collector runs as it would.
const gc = (globalThis as { gc?: () => void }).gc ?? null;
const count = (): number => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;

async function measure(label: string): Promise<void> {
  const sampler = new SystemSampler();
  const cpu: number[] = [];
  const alloc: number[] = [];
  const ios: number[] = [];
  const before = new Map<number, number>();
  for (let s = 0; s < SAMPLES + 10; s++) {
    gc?.();
    const h0 = process.memoryUsage().heapUsed;
    const c0 = process.cpuUsage();
    const sample = sampler.sample(Date.now());
    const c = process.cpuUsage(c0);
    const h = process.memoryUsage().heapUsed - h0;
    // an io reading is fresh when its stamp moved since the last sample
    let fresh = 0;
    for (const p of sample.processes) {
      if (p.io?.at !== undefined && p.io.at !== before.get(p.pid)) fresh++;
      if (p.io?.at !== undefined) before.set(p.pid, p.io.at);
    }
    if (INTERVAL) await new Promise((r) => setTimeout(r, INTERVAL));
    if (s < 10) continue; // warm-up: the first samples read everything (new processes)
    cpu.push((c.user + c.system) / 1000);
    if (gc) alloc.push(h / 1024);
    ios.push(fresh);
  }
  gc?.();
  const m = process.memoryUsage();
  console.log(`${label} (${count()} processes): ${median(cpu).toFixed(2)} ms CPU, ${median(ios)} io reads, ${gc ? median(alloc).toFixed(0) : '?'} KiB allocated per sample (medians of ${SAMPLES}); heap ${(m.heapUsed / 2 ** 20).toFixed(1)} MiB, RSS ${(m.rss / 2 ** 20).toFixed(1)} MiB`);
}

await measure('idle');
if (process.env.MANY !== '0') {
  const sleepers = spawn('sh', ['-c', 'for i in $(seq 3000); do sleep 100000 & done; wait'], { stdio: 'ignore', detached: true });
  while (count() < 3000) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 1000));
  try {
    await measure('3,000 sleepers');
  } finally {
    process.kill(-sleepers.pid!, 'SIGKILL');
  }
}
