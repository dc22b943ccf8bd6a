// npm run bench:disks (as root). Part 1, in a private mount namespace with 50
// extra tmpfs mounts: the cost of one Disks sample (wall ms and CPU ms, median
// of 50), beside `df` over the same mounts. Part 2, on a loop-mounted ext4: how
// many 1 s samples the fill rate takes to show a writer starting and stopping.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { DiskSampler } from '../collectors/disk/disk-sampler.js';
import { selectFilesystems } from '../src/model/disk-selectors.js';
import { initialModel, reduce } from '../src/model/model.js';
import type { Message, Sample } from '../src/stream/messages.js';
import { timeMedian } from './timing.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sampleCost(): Promise<void> {
  const base = '/srv/sitrep-bench';
  for (let i = 0; i < 50; i++) {
    mkdirSync(`${base}/m${i}`, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', `${base}/m${i}`]);
  }
  const sampler = new DiskSampler();
  let count = 0;
  const ours = await timeMedian(50, async () => {
    count = (await sampler.sample()).length;
  });
  const df = await timeMedian(20, () => spawnSync('df', ['-a', '--output=target,size,used,avail'], { stdio: 'ignore' }));
  console.log(`Disks sample over ${count} filesystems: median ${ours.wall.toFixed(2)} ms wall, ${ours.cpu.toFixed(2)} ms CPU`);
  console.log(`df -a over the same mounts (fork+exec included): median ${df.wall.toFixed(2)} ms wall  (ratio ${(ours.wall / df.wall).toFixed(2)}x)`);
  for (let i = 0; i < 50; i++) spawnSync('umount', [`${base}/m${i}`]);
  rmSync(base, { recursive: true, force: true });
}

async function lag(): Promise<void> {
  const dir = '/srv/sitrep-bench-lag';
  mkdirSync(dir, { recursive: true });
  execFileSync('truncate', ['-s', '1G', `${dir}.img`]);
  execFileSync('mkfs.ext4', ['-q', '-F', `${dir}.img`]);
  execFileSync('mount', ['-o', 'loop', `${dir}.img`, dir]);
  writeFileSync(`${dir}/f`, '');
  const sampler = new DiskSampler();
  const header: Message = { kind: 'header', format: 'sitrep-stream', version: 1, host: 'bench', kernel: '', os: null, cores: 1, clockTicks: 100, pageSize: 4096, intervalMs: 1000, startedAt: Date.now(), bootTime: 0 };
  let model = reduce(initialModel(60), header);
  const rate = async (): Promise<number> => {
    const filesystems = await sampler.sample();
    const s: Sample = { kind: 'sample', t: Date.now(), cpuTotal: zero, cpuCores: [], load: [0, 0, 0], pressure: null, memory: mem, processes: [], filesystems };
    model = reduce(model, s);
    return selectFilesystems(model).find((f) => f.mountPoint === dir)?.fillRate ?? 0;
  };
  const TRUE = 20 * 1024 * 1024;
  for (let i = 0; i < 5; i++) { await rate(); await sleep(1000); }
  const writer = spawn(process.execPath, ['test/support/writer.mjs', `${dir}/f`, String(TRUE)], { stdio: 'ignore' });
  let start = -1;
  for (let i = 1; i <= 10 && start < 0; i++) {
    await sleep(1000);
    const r = await rate();
    if (process.env.DEBUG_LAG) console.log(i, (r / 1048576).toFixed(1));
    if (r > TRUE * 0.75) start = i;
  }
  for (let i = 0; i < 4; i++) { await sleep(1000); await rate(); }
  const size = statSync(`${dir}/f`).size;
  writer.kill('SIGKILL');
  let stop = -1;
  for (let i = 1; i <= 10 && stop < 0; i++) {
    await sleep(1000);
    if (Math.abs(await rate()) < TRUE * 0.1) stop = i;
  }
  console.log(`writer at 20 MiB/s (wrote ${(size / 1048576).toFixed(0)} MiB): rate within 25% after ${start} sample(s); back under 10% ${stop} sample(s) after it stopped`);
  spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}.img`, { force: true });
}

const zero = { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0 };
const mem = { total: 1, available: 1, free: 1, buffers: 0, cached: 0, swapTotal: 0, swapFree: 0 };

if (process.argv[2] === 'cost') await sampleCost();
else if (process.argv[2] === 'lag') await lag();
else {
  // Re-run part 1 inside a private mount namespace so the 50 mounts stay there.
  const self = process.argv[1]!;
  spawnSync('unshare', ['--mount', '--propagation', 'private', process.execPath, self, 'cost'], { stdio: 'inherit' });
  await lag();
}
