// npm run bench:writers: the cost of one Writers sample (every /proc/<pid>/stat,
// io and cgroup read, plus fd scans of the busiest writers) with 300 and 3,000
// processes running, median of 20 samples each, beside `ps -e` for scale.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { SystemSampler } from '../collectors/system-sampler.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const count = (): number => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;

async function measure(target: number): Promise<void> {
  const children: ChildProcess[] = [];
  while (count() < target) {
    children.push(spawn('sleep', ['600'], { stdio: 'ignore' }));
    if (children.length % 200 === 0) await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 500));
  const sampler = new SystemSampler();
  sampler.sample(Date.now());
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 20; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    sampler.sample(Date.now());
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const ps: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    spawnSync('ps', ['-eo', 'pid,comm,rss'], { stdio: 'ignore' });
    ps.push(performance.now() - t0);
  }
  console.log(`${count()} processes: Writers sample median ${median(wall).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU; ps -e ${median(ps).toFixed(1)} ms (ratio ${(median(wall) / median(ps)).toFixed(2)}x)`);
  for (const c of children) c.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 500));
}

await measure(300);
await measure(3000);
