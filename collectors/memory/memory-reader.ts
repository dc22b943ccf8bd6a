/**
 * Reads the memory part of a sample: meminfo extras (from the text the sampler
 * already read), /proc/vmstat, /proc/pressure/memory, the memory cgroups with
 * a limit (v1 or v2), /proc/PID/status of the fastest growers and
 * smaps_rollup of the process whose detail is open.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { CgroupMemory, MemoryCounters, ProcessMemory } from '../../src/stream/memory-messages.js';
import type { ProcessSample } from '../../src/stream/messages.js';
import { readText } from '../proc/read-processes.js';
import { forgetUnseen } from '../proc/forget-unseen.js';
import { parseCounter, parseLimit, parseMeminfoExtras, parseMemoryEvents, parseMemoryPsi, parseSmapsRollup, parseStatusMemory, parseVmstat } from './parse-memory.js';

/** Growing processes whose status (RssAnon/RssFile/RssShmem) is read each sample: the fastest this many. */
export const STATUS_READ = 5;
/** Growth since the last sample (bytes) from which a process's status is read: 1 MiB (a quiet machine reads none). */
const GROWTH_READ = 1 << 20;
/** The detail's process: its smaps_rollup (it walks every mapping: 5-20 ms for a large process) is read at most once per this many samples. */
const ROLLUP_EVERY = 5;
/** Directories the cgroup walk visits at most (a bound on its cost). */
export const CGROUP_DIRS_MAX = 2000;
/** Depth of the cgroup walk below the hierarchy's root. */
const CGROUP_DEPTH = 6;
/**
 * The tree is walked again (new cgroups found) once per this many samples;
 * the memory cgroup of a process that grows (GROWTH_READ in a sample) is
 * looked up at once instead (/proc/PID/cgroup, then its limit and its
 * ancestors'), once per process: a leak's cgroup is known within a second.
 */
const REWALK_EVERY = 30;
/** A quiet cgroup (it moved less than CGROUP_MOVED since its last read, under CGROUP_NEAR of its limit) is read once per this many samples; the others, or all while the pane is watched, each sample. */
export const CGROUP_QUIET_EVERY = 5;
const CGROUP_MOVED = 1 << 20;
const CGROUP_NEAR = 0.8;

/** A limited cgroup's last reading: when (sample number), how far it moved since the one before, when its limit was read. */
interface CgroupRead {
  readonly usage: number;
  readonly limit: number;
  readonly moved: number;
  readonly at: number;
  readonly limitAt: number;
}

/** The memory hierarchy: v1's memory controller, else a v2 tree with the memory controller, else none. */
export function findMemoryRoot(cgroupRoot = '/sys/fs/cgroup'): { root: string; version: 1 | 2 } | null {
  if (existsSync(`${cgroupRoot}/memory/memory.limit_in_bytes`)) return { root: `${cgroupRoot}/memory`, version: 1 };
  if ((readText(`${cgroupRoot}/cgroup.controllers`) ?? '').split(/\s+/).includes('memory')) return { root: cgroupRoot, version: 2 };
  return null;
}

/** What the console is looking at: the Memory pane (every cgroup each sample), the detail's process (its smaps_rollup). */
export interface MemoryWatch {
  readonly pane: boolean;
  readonly process: { readonly pid: number; readonly startTicks: number } | null;
}

/** A process's RSS at its last sample (updated in place). */
interface LastRss {
  startTicks: number;
  rss: number;
  seenIn: number;
}

/**
 * Reads what the Memory pane needs, and no more each second: growers come
 * from the RSS the process reader already has (only the fastest few get their
 * status read, for the anon/file/shmem split); a quiet cgroup is read every
 * CGROUP_QUIET_EVERY samples; smaps_rollup only for the process whose detail
 * is open. Keeps the cgroup list and the last RSS per process between samples.
 */
export class MemoryReader {
  private readonly hierarchy: { root: string; version: 1 | 2 } | null;
  private limited: string[] = [];
  private count = 0;
  private lastWalk = -Infinity;
  /** Growing processes (pid:startTicks) whose memory cgroup was looked up; only those present are kept. */
  private looked = new Set<string>();
  /** Last RSS and start time by pid (number keys: no string per process per sample); updated in place, and what a sample did not see is dropped (bounded by the processes present). */
  private readonly lastRss = new Map<number, LastRss>();
  /** Each limited cgroup's last reading and when (sample number); only those in the last walk are kept. */
  private cgroupRead = new Map<string, CgroupRead>();
  private watch: MemoryWatch = { pane: false, process: null };
  private rollupAt = -Infinity;

  constructor(private readonly procRoot = '/proc', cgroupRoot = '/sys/fs/cgroup') {
    this.hierarchy = findMemoryRoot(cgroupRoot);
  }

  /** What the console shows now (the pane focused or drawn, the detail's process). */
  setWatch(watch: MemoryWatch): void {
    const p = watch.process;
    if (p && (p.pid !== this.watch.process?.pid || p.startTicks !== this.watch.process.startTicks)) this.rollupAt = -Infinity;
    this.watch = watch;
  }

  /** The counters now; `meminfo` is the text the sampler already read. */
  read(meminfo: string, processes: readonly ProcessSample[]): MemoryCounters {
    const n = this.count++;
    const psiText = readText(`${this.procRoot}/pressure/memory`);
    const procs = this.readProcesses(processes, n);
    return {
      ...parseMeminfoExtras(meminfo),
      ...parseVmstat(readText(`${this.procRoot}/vmstat`) ?? ''),
      psi: psiText === null ? null : parseMemoryPsi(psiText),
      cgroups: this.readCgroups(n),
      processes: procs,
    };
  }

  private readCgroups(n: number): CgroupMemory[] {
    const h = this.hierarchy;
    if (!h) return [];
    if (n - this.lastWalk >= REWALK_EVERY) {
      this.lastWalk = n;
      this.limited = walk(h.root);
      const kept = new Map<string, CgroupRead>();
      for (const rel of this.limited) {
        const r = this.cgroupRead.get(rel);
        if (r) kept.set(rel, r);
      }
      this.cgroupRead = kept;
    }
    const out: CgroupMemory[] = [];
    for (const rel of this.limited) {
      const last = this.cgroupRead.get(rel);
      const due = !last || this.watch.pane || n - last.at >= CGROUP_QUIET_EVERY || last.moved >= CGROUP_MOVED || last.usage >= CGROUP_NEAR * last.limit;
      if (!due) continue;
      // the limit is read again every CGROUP_QUIET_EVERY samples (it is set rarely)
      const fresh = !last || n - last.limitAt >= CGROUP_QUIET_EVERY;
      const c = readCgroup(h.root, rel, h.version, fresh ? null : last.limit);
      if (!c) continue;
      // a first reading counts as moved: the next sample tells whether it moves
      this.cgroupRead.set(rel, { usage: c.usage, limit: c.limit, moved: last ? Math.abs(c.usage - last.usage) : CGROUP_MOVED, at: n, limitAt: fresh ? n : last.limitAt });
      out.push(c);
    }
    return out;
  }

  /** The memory cgroups (and limited ancestors) of processes that grow, once per process, added to the limited list. */
  private lookUpCgroups(processes: readonly ProcessSample[], growth: ReadonlyArray<readonly [number, number]>): void {
    const h = this.hierarchy;
    if (!h) return;
    const looked = new Set<string>();
    for (const key of this.looked) if (this.lastRss.get(Number(key.slice(0, key.indexOf(':'))))?.startTicks === Number(key.slice(key.indexOf(':') + 1))) looked.add(key);
    this.looked = looked;
    for (const [i] of growth.slice(0, STATUS_READ)) {
      const p = processes[i]!;
      const key = `${p.pid}:${p.startTicks}`;
      if (looked.has(key)) continue;
      looked.add(key);
      for (let rel = memoryCgroupOf(readText(`${this.procRoot}/${p.pid}/cgroup`), h.version); rel; rel = rel.slice(0, rel.lastIndexOf('/'))) {
        if (this.limited.includes(rel) || this.limited.length >= CGROUP_DIRS_MAX) continue;
        if (parseLimit(readText(`${h.root}${rel}/${h.version === 1 ? 'memory.limit_in_bytes' : 'memory.max'}`)) !== null) this.limited.push(rel);
      }
    }
  }

  private readProcesses(processes: readonly ProcessSample[], n: number): ProcessMemory[] {
    const last = this.lastRss;
    const growth: Array<[number, number]> = [];
    let watched = -1;
    const w = this.watch.process;
    for (let i = 0; i < processes.length; i++) {
      const p = processes[i]!;
      if (p.kernelThread) continue;
      if (w && p.pid === w.pid && p.startTicks === w.startTicks) watched = i;
      const before = last.get(p.pid);
      if (!before) {
        last.set(p.pid, { startTicks: p.startTicks, rss: p.rssBytes, seenIn: n });
        continue;
      }
      if (before.startTicks === p.startTicks && p.rssBytes - before.rss >= GROWTH_READ) growth.push([i, p.rssBytes - before.rss]);
      before.startTicks = p.startTicks;
      before.rss = p.rssBytes;
      before.seenIn = n;
    }
    forgetUnseen(last, n);
    growth.sort((a, b) => b[1] - a[1]);
    this.lookUpCgroups(processes, growth);
    const pick = new Set(growth.slice(0, STATUS_READ).map(([i]) => i));
    const rollup = watched >= 0 && n - this.rollupAt >= ROLLUP_EVERY ? watched : -1;
    if (rollup >= 0) {
      this.rollupAt = n;
      pick.add(rollup);
    }
    const out: ProcessMemory[] = [];
    for (const i of pick) {
      const p = processes[i]!;
      const m = parseStatusMemory(readText(`${this.procRoot}/${p.pid}/status`));
      if (!m) continue;
      const r = i === rollup ? parseSmapsRollup(readText(`${this.procRoot}/${p.pid}/smaps_rollup`)) : null;
      out.push({ pid: p.pid, startTicks: p.startTicks, ...m, ...(r ? { rollup: r } : {}) });
    }
    return out;
  }
}

/** A process's memory cgroup from /proc/PID/cgroup (v1: the line listing `memory`; v2: `0::`), relative to the hierarchy's root; null when none or odd. */
export function memoryCgroupOf(text: string | null, version: 1 | 2): string | null {
  for (const line of (text ?? '').split('\n')) {
    const [id, controllers, ...rest] = line.split(':');
    const path = rest.join(':');
    const mine = version === 2 ? id === '0' && controllers === '' : (controllers ?? '').split(',').includes('memory');
    if (!mine) continue;
    return path.startsWith('/') && path !== '/' && !path.split('/').includes('..') && !path.includes('\0') ? path : null;
  }
  return null;
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

/** One cgroup's figures, or null when it vanished or a file is unreadable (skipped); `knownLimit`: the limit read lately (its file is not read again). */
export function readCgroup(root: string, rel: string, version: 1 | 2, knownLimit: number | null = null): CgroupMemory | null {
  const dir = `${root}${rel}`;
  const usage = parseCounter(readText(`${dir}/${version === 1 ? 'memory.usage_in_bytes' : 'memory.current'}`));
  if (usage === null) return null;
  const limit = knownLimit ?? parseLimit(readText(`${dir}/${version === 1 ? 'memory.limit_in_bytes' : 'memory.max'}`));
  if (limit === null) return null;
  return { path: rel, version, usage, limit, events: version === 2 ? parseMemoryEvents(readText(`${dir}/memory.events`)) : null };
}
