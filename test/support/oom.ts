/**
 * A real OOM kill: a memory cgroup with a 64 MiB limit (v1 memory.limit_in_bytes,
 * or v2 memory.max, whichever the machine mounts) and a python3 that puts itself
 * in it and leaks until the kernel kills it. The cgroup is removed afterwards.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';

const V1 = '/sys/fs/cgroup/memory';
const V2 = '/sys/fs/cgroup';
const LIMIT = String(64 << 20);
// writes its own pid into the cgroup (argv[1]), then touches 1 MiB after 1 MiB
const LEAK = "import os, sys\nopen(sys.argv[1], 'w').write(str(os.getpid()))\na = []\nwhile True: a.append(b'x' * (1 << 20))";

/** Which memory cgroup hierarchy this machine has, or null. */
export function memoryCgroups(): 'v1' | 'v2' | null {
  if (existsSync(`${V1}/memory.limit_in_bytes`)) return 'v1';
  if (existsSync(`${V2}/cgroup.controllers`) && existsSync(`${V2}/cgroup.subtree_control`)) return 'v2';
  return null;
}

/** One OOM kill that happened: the victim, its cgroup path as the kernel names it, and when it died. */
export interface OomVictim {
  readonly pid: number;
  readonly cgroup: string;
  readonly diedAt: number;
}

/** Makes a memory cgroup named `name` limited to 64 MiB (swap included where the machine can say so); returns its directory. */
export function makeMemoryCgroup(name: string): string {
  if (memoryCgroups() === 'v1') {
    const dir = `${V1}/${name}`;
    mkdirSync(dir);
    writeFileSync(`${dir}/memory.limit_in_bytes`, LIMIT);
    if (existsSync(`${dir}/memory.memsw.limit_in_bytes`)) writeFileSync(`${dir}/memory.memsw.limit_in_bytes`, LIMIT);
    return dir;
  }
  writeFileSync(`${V2}/cgroup.subtree_control`, '+memory');
  const dir = `${V2}/${name}`;
  mkdirSync(dir);
  writeFileSync(`${dir}/memory.max`, LIMIT);
  if (existsSync(`${dir}/memory.swap.max`)) writeFileSync(`${dir}/memory.swap.max`, '0');
  return dir;
}

/** Kills what is left in the cgroup (a thrashing process takes seconds to die), then removes it once its processes are gone. */
export async function removeMemoryCgroup(dir: string): Promise<void> {
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
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Makes a cgroup named `name` (unique to the test), gets a python3 OOM-killed in it, removes it. */
export async function oomKill(name: string): Promise<OomVictim> {
  const dir = makeMemoryCgroup(name);
  try {
    const child = spawn('python3', ['-c', LEAK, `${dir}/cgroup.procs`], { stdio: 'ignore' });
    const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('the leaking python3 was not OOM-killed within 30 s'));
      }, 30_000);
      child.on('exit', (_code, sig) => {
        clearTimeout(timer);
        resolve(sig);
      });
    });
    if (signal !== 'SIGKILL') throw new Error(`the leaking python3 ended with ${signal}, not an OOM kill`);
    return { pid: child.pid!, cgroup: `/${name}`, diedAt: Date.now() };
  } finally {
    await removeMemoryCgroup(dir);
  }
}
