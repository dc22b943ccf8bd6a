// sitrep under memory pressure (issue 32): its first data frame and its key
// answer (a pane switch, key to screen) in a memory cgroup limited to 64 MiB
// (v1 memory.limit_in_bytes + memsw, or v2 memory.max + swap.max 0), beside
// the same unconstrained, alternated, in 120x40 tmux panes. As the testing
// guide says, the cgroup runs copies of node and the bundle dropped from the
// page cache (posix_fadvise DONTNEED through python3), so pages cached for
// other processes do not hide the pressure; the unconstrained run uses the same
// copies, warm. Also the major faults of the limited run. Used by
// bench/run.mjs; run alone: npm run bench:memory-pressure. Not a test.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { median } from './proc-stats.mjs';
import { focusedPane, keyToScreen, startInPane } from './side-by-side.mjs';

const V1 = '/sys/fs/cgroup/memory';
const V2 = '/sys/fs/cgroup';
const LIMIT = 64 << 20;
const READY = / \d+ \S+ +[A-Za-z] +[\d.]+ +[\d.]+[BKMGT]/;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Makes a memory cgroup limited to 64 MiB; returns its directory, or null without memory cgroups. */
export function makeCgroup(name) {
  if (existsSync(`${V1}/memory.limit_in_bytes`)) {
    const dir = `${V1}/${name}`;
    mkdirSync(dir);
    writeFileSync(`${dir}/memory.limit_in_bytes`, String(LIMIT));
    if (existsSync(`${dir}/memory.memsw.limit_in_bytes`)) writeFileSync(`${dir}/memory.memsw.limit_in_bytes`, String(LIMIT));
    return dir;
  }
  if (!existsSync(`${V2}/cgroup.controllers`)) return null;
  writeFileSync(`${V2}/cgroup.subtree_control`, '+memory');
  const dir = `${V2}/${name}`;
  mkdirSync(dir);
  writeFileSync(`${dir}/memory.max`, String(LIMIT));
  if (existsSync(`${dir}/memory.swap.max`)) writeFileSync(`${dir}/memory.swap.max`, '0');
  return dir;
}

/** Kills what is left in the cgroup (a thrashing sitrep takes seconds to die of its hang-up), then removes it. */
export async function removeCgroup(dir) {
  for (let i = 0; i < 200; i++) {
    try {
      for (const pid of readFileSync(`${dir}/cgroup.procs`, 'utf8').split('\n').filter(Boolean)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone already
    }
    try {
      rmdirSync(dir);
      return;
    } catch (error) {
      if (error.code === 'ENOENT') return;
      await sleep(100);
    }
  }
}

/** Drops files from the page cache. */
export function dropCache(files) {
  spawnSync('python3', ['-c', 'import os, sys\nfor f in sys.argv[1:]:\n  fd = os.open(f, os.O_RDONLY); os.fsync(fd); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)', ...files]);
}

const majorFaults = (pid) => {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[9]);
  } catch {
    return null;
  }
};

/** One console: first data frame, then `keys` pane switches (1 and 3 in turn), key to screen. */
export async function oneRun(command, work, tag, keys) {
  const run = await startInPane({ name: tag, command, ready: READY }, work, tag);
  try {
    // The node process is the pane's child (sh -c) or the pane itself.
    const latencies = [];
    await sleep(1500);
    for (let i = 0; i < keys; i++) {
      const key = i % 2 ? '1' : '3';
      latencies.push(await keyToScreen(run, key, (c) => focusedPane(c) === (key === '1' ? 'Disks' : 'Log')));
      await sleep(700);
    }
    const child = spawnSync('pgrep', ['-P', String(run.pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).map(Number);
    const faults = [run.pid, ...child].map(majorFaults).filter((v) => v !== null).reduce((a, b) => a + b, 0);
    return { firstMs: run.firstFrameMs, keyMs: median(latencies), worstKeyMs: Math.max(...latencies), majorFaults: faults };
  } finally {
    run.stop();
  }
}

/** Alternated runs of `sitrep` (a dist/sitrep.mjs) free and in a 64 MiB cgroup; medians. Null without memory cgroups. */
export async function memoryPressure(sitrep, { runs = 3, keys = 8, work, log, tag = 'mem' } = {}) {
  const dir = `/srv/sitrep-bench/${tag}-${process.pid}`;
  mkdirSync(dir, { recursive: true });
  const node = join(dir, 'node');
  const file = join(dir, 'sitrep.mjs');
  let bundle = file;
  copyFileSync(process.execPath, node);
  spawnSync('chmod', ['755', node]);
  copyFileSync(resolve(sitrep), file);
  const name = `sitrep-bench-${tag}-${process.pid}`;
  let cgroup = null;
  try {
    cgroup = makeCgroup(name);
    if (!cgroup) return null;
    const args = `--interval 1${log ? ` --log-file ${log}` : ''}`;
    // BENCH_NODE_FLAGS: V8 flags to try under pressure (e.g. --no-opt), given to both runs.
    const flags = process.env.BENCH_NODE_FLAGS ? `${process.env.BENCH_NODE_FLAGS} ` : '';
    bundle = `${flags}${bundle}`;
    const free = [];
    const limited = [];
    for (let r = 0; r < runs; r++) {
      process.stderr.write(`memory pressure: run ${r + 1}/${runs}\n`);
      free.push(await oneRun(`${node} ${bundle} ${args}`, work, `${tag}f${r}`, keys));
      dropCache([node, file]);
      limited.push(await oneRun(`sh -c 'echo $$ > ${cgroup}/cgroup.procs && exec ${node} ${bundle} ${args}'`, work, `${tag}l${r}`, keys));
    }
    const pick = (rows, k) => median(rows.map((x) => x[k]).filter((v) => v !== null && v !== undefined));
    const sum = (rows) => ({ firstMs: pick(rows, 'firstMs'), keyMs: pick(rows, 'keyMs'), worstKeyMs: Math.max(...rows.map((x) => x.worstKeyMs)), majorFaults: pick(rows, 'majorFaults'), firsts: rows.map((x) => x.firstMs) });
    return { free: sum(free), limited: sum(limited) };
  } finally {
    if (cgroup) await removeCgroup(cgroup);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const work = `/srv/sitrep-bench/mem-work-${process.pid}`;
  mkdirSync(work, { recursive: true });
  try {
    const r = await memoryPressure(process.argv[2] ?? 'dist/sitrep.mjs', { runs: Number(process.env.BENCH_RUNS ?? 3), work });
    if (!r) {
      console.error('no memory cgroups on this machine');
      process.exit(2);
    }
    const f = (v, d = 0) => (v === null || v === undefined ? '-' : v.toFixed(d));
    console.log('| 64 MiB memory cgroup | first data frame ms (runs) | key to screen ms, median (worst) | major faults |\n| --- | --- | --- | --- |');
    for (const [label, x] of [['unconstrained', r.free], ['limited to 64 MiB', r.limited]]) console.log(`| ${label} | ${f(x.firstMs)} (${x.firsts.map((v) => f(v)).join(' ')}) | ${f(x.keyMs)} (${f(x.worstKeyMs)}) | ${f(x.majorFaults)} |`);
    console.log(`| limited / unconstrained | ${f(r.limited.firstMs / r.free.firstMs, 2)}x (target ≤ 2x) | ${f(r.limited.keyMs)} (target ≤ 200) | |`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
