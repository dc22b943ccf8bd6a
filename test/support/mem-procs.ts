/**
 * Real memory behaviours for the Memory pane's tests: a memory cgroup with a
 * chosen limit (v1 memory.limit_in_bytes or v2 memory.max, as
 * test/support/oom.ts makes them), and python3 processes that put themselves
 * in it and leak at a steady rate, hold a steady size, or allocate and free
 * (a sawtooth). Everything is killed and removed by stop().
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { memoryCgroups } from './oom.js';

const V1 = '/sys/fs/cgroup/memory';
const V2 = '/sys/fs/cgroup';

/** A memory cgroup made for a test. */
export interface TestCgroup {
  readonly dir: string;
  /** Its path as sitrep and the kernel name it: /name. */
  readonly path: string;
  /** Removes it once its processes are gone (waits up to 5 s). */
  remove(): Promise<void>;
}

/** Kills what is left in a test's cgroup and removes it (a few tries, as its processes exit). */
function removeLeftover(dir: string): void {
  for (let i = 0; i < 50 && existsSync(dir); i++) {
    for (const pid of readFileSync(`${dir}/cgroup.procs`, 'utf8').split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone already
      }
    }
    try {
      rmdirSync(dir);
    } catch {
      spawnSync('sleep', ['0.1']);
    }
  }
}

/** Makes cgroup `name` with a memory limit of `limit` bytes (swap too, unless `swap`). */
export function makeMemoryCgroup(name: string, limit: number, swap = false): TestCgroup {
  let dir: string;
  // A retried test finds its first attempt's group (removed in afterAll): empty it and start afresh.
  for (const old of [`${V1}/${name}`, `${V2}/${name}`]) if (existsSync(old)) removeLeftover(old);
  if (memoryCgroups() === 'v1') {
    dir = `${V1}/${name}`;
    mkdirSync(dir);
    writeFileSync(`${dir}/memory.limit_in_bytes`, String(limit));
    if (!swap && existsSync(`${dir}/memory.memsw.limit_in_bytes`)) writeFileSync(`${dir}/memory.memsw.limit_in_bytes`, String(limit));
    if (swap) writeFileSync(`${dir}/memory.swappiness`, '100');
  } else {
    writeFileSync(`${V2}/cgroup.subtree_control`, '+memory');
    dir = `${V2}/${name}`;
    mkdirSync(dir);
    writeFileSync(`${dir}/memory.max`, String(limit));
    if (!swap && existsSync(`${dir}/memory.swap.max`)) writeFileSync(`${dir}/memory.swap.max`, '0');
  }
  return {
    dir,
    path: `/${name}`,
    async remove() {
      for (let i = 0; i < 50; i++) {
        try {
          rmdirSync(dir);
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          for (const pid of readFileSync(`${dir}/cgroup.procs`, 'utf8').split('\n').filter(Boolean)) {
            try {
              process.kill(Number(pid), 'SIGKILL');
            } catch {
              // gone already
            }
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
  };
}

const JOIN = "import os, sys, time\nif sys.argv[1] != '-': open(sys.argv[1], 'w').write(str(os.getpid()))\n";
/** Appends `MiB` MiB (touched) every 0.1 s: 10 × MiB MiB/s, on a timer so the rate is steady. */
const LEAK = (mib: number) => `${JOIN}a = []\nt = time.time()\nwhile True:\n    a.append(b'x' * (${mib} << 20))\n    t += 0.1\n    time.sleep(max(0, t - time.time()))\n`;
/** Allocates `mib` MiB once and holds it. */
const STEADY = (mib: number) => `${JOIN}a = b'x' * (${mib} << 20)\nwhile True: time.sleep(1)\n`;
/** Every `period` s: allocates `mib` MiB, holds it half the period, frees it. */
const SAWTOOTH = (mib: number, period: number) => `${JOIN}while True:\n    a = b'x' * (${mib} << 20)\n    time.sleep(${period / 2})\n    del a\n    time.sleep(${period / 2})\n`;

/** A python3 running one of the behaviours; `exited` resolves with its signal and when it died. */
export interface MemProc {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly exited: Promise<{ signal: NodeJS.Signals | null; at: number }>;
  stop(): void;
}

function run(script: string, cgroup: TestCgroup | null, nice = 0): MemProc {
  // nice execs python3: the pid is python3's. A raised priority keeps the rate on a loaded machine.
  const child = spawn('nice', ['-n', String(nice), 'python3', '-c', script, cgroup ? `${cgroup.dir}/cgroup.procs` : '-'], { stdio: 'ignore' });
  const exited = new Promise<{ signal: NodeJS.Signals | null; at: number }>((resolve) => child.on('exit', (_c, signal) => resolve({ signal, at: Date.now() })));
  return { child, pid: child.pid!, exited, stop: () => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')) };
}

/** A leak of `mibPerS` MiB/s (a multiple of 10). */
export const leaker = (cgroup: TestCgroup | null, mibPerS = 20) => run(LEAK(mibPerS / 10), cgroup, -15);
/** A steady process of `mib` MiB. */
export const steady = (cgroup: TestCgroup | null, mib = 500) => run(STEADY(mib), cgroup);
/** A sawtooth: `mib` MiB allocated and freed every `period` s. */
export const sawtooth = (cgroup: TestCgroup | null, mib = 300, period = 5) => run(SAWTOOTH(mib, period), cgroup);

/** RSS of `pid` in bytes (VmRSS), or 0 when gone. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
