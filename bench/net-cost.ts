// npm run bench:net: the cost of one network sample (every /proc/net table read,
// parsed and folded by range) with 1,000, 10,000 and 50,000 sockets, against
// `ss -tan | wc -l` and `ss -s` on the same table. The sockets live in a network
// namespace of their own (loopback connections), read through /proc/PID/net.
// Needs root, ip, ss and python3. Not a test.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { NetFeed } from '../src/sources/net-feed.js';
import { timeMedian } from './timing.js';

const NS = `sitrep-bench-net-${process.pid}`;
const PER_HOLDER = 16_000;
const run = (argv: string[]) => spawnSync('ip', ['netns', 'exec', NS, ...argv], { stdio: 'ignore' });
const shell = (command: string) => spawnSync('ip', ['netns', 'exec', NS, 'sh', '-c', command], { stdio: 'ignore' });

/** One row of the table: sockets, sitrep's sample (wall, CPU), ss's two forms. */
export interface NetCostRow {
  readonly sockets: number;
  readonly sitrepMs: number;
  readonly sitrepCpuMs: number;
  readonly ssTanMs: number;
  readonly ssSummaryMs: number;
}

async function measure(sockets: number): Promise<NetCostRow> {
  spawnSync('ip', ['netns', 'delete', NS]);
  execFileSync('ip', ['netns', 'add', NS]);
  execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
  // One holder per 16,000 sockets: a process may not open more than the open-file limit (20,000 here).
  const holders = Array.from({ length: Math.ceil(sockets / PER_HOLDER) }, (_, k) =>
    spawn('ip', ['netns', 'exec', NS, 'python3', resolve('bench/sockets.py'), String(Math.min(PER_HOLDER, sockets - k * PER_HOLDER)), String(7000 + k)], { stdio: ['ignore', 'pipe', 'inherit'] }));
  await Promise.all(holders.map((holder) => new Promise<void>((ok, fail) => {
    holder.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ok());
    holder.on('exit', (code) => fail(new Error(`socket holder exited ${code}`)));
  })));
  const pid = Number(execFileSync('ip', ['netns', 'pids', NS], { encoding: 'utf8' }).split('\n').filter(Boolean).at(-1));
  // Every sample reads the tables here: a fresh feed each time (a kept feed would read a huge table once in five).
  const ours = await timeMedian(9, () => new NetFeed(`/proc/${pid}`).sample(() => null));
  const tan = await timeMedian(9, () => shell('ss -tan | wc -l'));
  const summary = await timeMedian(9, () => run(['ss', '-s']));
  for (const holder of holders) holder.kill('SIGKILL');
  spawnSync('sh', ['-c', `ip netns pids ${NS} | xargs -r kill -9`]);
  spawnSync('ip', ['netns', 'delete', NS]);
  return { sockets, sitrepMs: ours.wall, sitrepCpuMs: ours.cpu, ssTanMs: tan.wall, ssSummaryMs: summary.wall };
}

const rows: NetCostRow[] = [];
for (const n of [1000, 10_000, 50_000]) rows.push(await measure(n));
console.log('| sockets | sitrep sample ms (CPU ms) | ss -tan \\| wc -l ms | ss -s ms | sitrep / ss -tan |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.sockets} | ${r.sitrepMs.toFixed(1)} (${r.sitrepCpuMs.toFixed(1)}) | ${r.ssTanMs.toFixed(1)} | ${r.ssSummaryMs.toFixed(1)} | ${(r.sitrepMs / r.ssTanMs).toFixed(2)}x |`);
console.log(JSON.stringify(rows));
