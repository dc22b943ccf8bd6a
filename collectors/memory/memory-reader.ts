/**
 * Reads the memory part of a sample: meminfo extras (from the text the sampler
 * already read), /proc/vmstat, /proc/pressure/memory, the memory cgroups with
 * a limit (v1 or v2), and /proc/PID/status of a bounded set of processes.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { CgroupMemory, MemoryCounters, ProcessMemory } from '../../src/stream/memory-messages.js';
import type { ProcessSample } from '../../src/stream/messages.js';
import { readText } from '../proc/read-processes.js';
import { parseCounter, parseLimit, parseMeminfoExtras, parseMemoryEvents, parseMemoryPsi, parseSmapsRollup, parseStatusMemory, parseVmstat } from './parse-memory.js';

/** Processes whose status is read each sample: this many largest, and as many fastest-growing. */
export const STATUS_READ = 8;
/** The fastest growers whose smaps_rollup is read too (it walks every mapping: the detail's Pss and Swap). */
export const ROLLUP_READ = 3;
/** Growth since the last sample (bytes) from which a process's status and smaps_rollup are read: 1 MiB (a quiet machine reads none). */
const GROWTH_READ = 1 << 20;
/** A process's smaps_rollup is read at most once per this many samples (a profile showed it as the pane's main cost). */
const ROLLUP_EVERY = 10;
/** The largest processes' status is read once per this many samples (their split changes slowly). */
const LARGEST_EVERY = 5;
/** Directories the cgroup walk visits at most (a bound on its cost). */
export const CGROUP_DIRS_MAX = 2000;
/** Depth of the cgroup walk below the hierarchy's root. */
const CGROUP_DEPTH = 6;
/** The tree is walked again (new cgroups found) once per this many samples; known ones are read every sample. */
const REWALK_EVERY = 5;

/** The memory hierarchy: v1's memory controller, else a v2 tree with the memory controller, else none. */
export function findMemoryRoot(cgroupRoot = '/sys/fs/cgroup'): { root: string; version: 1 | 2 } | null {
  if (existsSync(`${cgroupRoot}/memory/memory.limit_in_bytes`)) return { root: `${cgroupRoot}/memory`, version: 1 };
  if ((readText(`${cgroupRoot}/cgroup.controllers`) ?? '').split(/\s+/).includes('memory')) return { root: cgroupRoot, version: 2 };
  return null;
}

/** Keeps the cgroup list and the last RSS per process between samples. */
export class MemoryReader {
  private readonly hierarchy: { root: string; version: 1 | 2 } | null;
  private limited: string[] = [];
  private count = 0;
  /** Last RSS by pid:startTicks; rebuilt each sample from the processes present (bounded by them). */
  private lastRss = new Map<string, number>();
  /** When (sample number) each process's smaps_rollup was last read; only processes present are kept. */
  private rollupAt = new Map<string, number>();

  constructor(private readonly procRoot = '/proc', cgroupRoot = '/sys/fs/cgroup') {
    this.hierarchy = findMemoryRoot(cgroupRoot);
  }

  /** The counters now; `meminfo` is the text the sampler already read. */
  read(meminfo: string, processes: readonly ProcessSample[]): MemoryCounters {
    const n = this.count++;
    const psiText = readText(`${this.procRoot}/pressure/memory`);
    return {
      ...parseMeminfoExtras(meminfo),
      ...parseVmstat(readText(`${this.procRoot}/vmstat`) ?? ''),
      psi: psiText === null ? null : parseMemoryPsi(psiText),
      cgroups: this.readCgroups(n),
      processes: this.readProcesses(processes, n),
    };
  }

  private readCgroups(n: number): CgroupMemory[] {
    const h = this.hierarchy;
    if (!h) return [];
    if (n % REWALK_EVERY === 0) this.limited = walk(h.root);
    const out: CgroupMemory[] = [];
    for (const rel of this.limited) {
      const c = readCgroup(h.root, rel, h.version);
      if (c) out.push(c);
    }
    return out;
  }

  private readProcesses(processes: readonly ProcessSample[], n: number): ProcessMemory[] {
    const last = this.lastRss;
    const now = new Map<string, number>();
    const growth: Array<[number, number]> = [];
    const size: Array<[number, number]> = [];
    const largest = n % LARGEST_EVERY === 0;
    processes.forEach((p, i) => {
      if (p.kernelThread) return;
      const key = `${p.pid}:${p.startTicks}`;
      now.set(key, p.rssBytes);
      if (largest) size.push([i, p.rssBytes]);
      const grew = p.rssBytes - (last.get(key) ?? p.rssBytes);
      if (grew >= GROWTH_READ) growth.push([i, grew]);
    });
    this.lastRss = now;
    const pick = new Set<number>();
    growth.sort((a, b) => b[1] - a[1]);
    for (const [i, v] of growth.slice(0, STATUS_READ)) if (v >= GROWTH_READ) pick.add(i);
    if (largest) {
      size.sort((a, b) => b[1] - a[1]);
      for (const [i] of size.slice(0, STATUS_READ)) pick.add(i);
    }
    const due = (i: number) => n - (this.rollupAt.get(`${processes[i]!.pid}:${processes[i]!.startTicks}`) ?? -Infinity) >= ROLLUP_EVERY;
    const rollup = new Set(growth.slice(0, ROLLUP_READ).filter(([i, v]) => v >= GROWTH_READ && due(i)).map(([i]) => i));
    const rollupAt = new Map<string, number>();
    for (const [key, at] of this.rollupAt) if (now.has(key)) rollupAt.set(key, at);
    for (const i of rollup) rollupAt.set(`${processes[i]!.pid}:${processes[i]!.startTicks}`, n);
    this.rollupAt = rollupAt;
    const out: ProcessMemory[] = [];
    for (const i of pick) {
      const p = processes[i]!;
      const m = parseStatusMemory(readText(`${this.procRoot}/${p.pid}/status`));
      if (!m) continue;
      const r = rollup.has(i) ? parseSmapsRollup(readText(`${this.procRoot}/${p.pid}/smaps_rollup`)) : null;
      out.push({ pid: p.pid, startTicks: p.startTicks, ...m, ...(r ? { rollup: r } : {}) });
    }
    return out;
  }
}

function dirsOf(path: string): string[] {
  try {
    return readdirSync(path, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}

/** Relative paths of the cgroups (root excluded) that have a memory limit; breadth first, bounded. */
export function walk(root: string, version?: 1 | 2): string[] {
  const limitFile = version === 2 || (version === undefined && !existsSync(`${root}/memory.limit_in_bytes`)) ? 'memory.max' : 'memory.limit_in_bytes';
  const out: string[] = [];
  let level = [''];
  let visited = 0;
  for (let depth = 0; depth < CGROUP_DEPTH && level.length > 0 && visited < CGROUP_DIRS_MAX; depth++) {
    const next: string[] = [];
    for (const rel of level) {
      for (const name of dirsOf(`${root}${rel}`)) {
        if (++visited > CGROUP_DIRS_MAX) break;
        const child = `${rel}/${name}`;
        if (parseLimit(readText(`${root}${child}/${limitFile}`)) !== null) out.push(child);
        next.push(child);
      }
    }
    level = next;
  }
  return out;
}

/** One cgroup's figures, or null when it vanished or a file is unreadable (skipped). */
export function readCgroup(root: string, rel: string, version: 1 | 2): CgroupMemory | null {
  const dir = `${root}${rel}`;
  const usage = parseCounter(readText(`${dir}/${version === 1 ? 'memory.usage_in_bytes' : 'memory.current'}`));
  const limit = parseLimit(readText(`${dir}/${version === 1 ? 'memory.limit_in_bytes' : 'memory.max'}`));
  if (usage === null || limit === null) return null;
  return { path: rel, version, usage, limit, events: version === 2 ? parseMemoryEvents(readText(`${dir}/memory.events`)) : null };
}
