// npm run bench:writers: the cost of one Writers sample (every /proc/<pid>/stat,
// io and cgroup read, plus fd scans of the busiest writers) with 300 and 3,000
// processes running, median of 20 samples each, beside `ps -e` for scale.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { SystemSampler } from '../collectors/proc/system-sampler.js';
import { timeMedian } from './timing.js';

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
  const ours = await timeMedian(20, () => sampler.sample(Date.now()));
  const ps = await timeMedian(10, () => spawnSync('ps', ['-eo', 'pid,comm,rss'], { stdio: 'ignore' }));
  console.log(`${count()} processes: Writers sample median ${ours.wall.toFixed(1)} ms wall, ${ours.cpu.toFixed(1)} ms CPU; ps -e ${ps.wall.toFixed(1)} ms (ratio ${(ours.wall / ps.wall).toFixed(2)}x)`);
  for (const c of children) c.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 500));
}

await measure(300);
await measure(3000);
