/**
 * Sizes every child of a directory, like `du -x -d 1`, with the deep walks
 * spread over scan child processes (dir-scan-child.ts). The top two levels are
 * read here, in readdir order, so a hard link is charged to the first child du
 * would meet it in.
 */
import { lstatSync, type Stats } from 'node:fs';
import { lockChain } from './read-lock-chain.js';
import { availableParallelism } from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { runOnChildren, spawnScanChildren, TaskQueue } from './scan-children.js';
import { bindRootInodes } from './bind-mounts.js';
import { walkRelative } from './dir-walk-relative.js';
import type { DirChild, ScanProgress } from '../../src/stream/messages.js';
import { listDir, MAX_DEPTH, walk, withoutSeenLinks, zeroTotals, type Totals, type WalkResult } from './dir-walk.js';

/** The deep walks start two levels below the scanned directory. */
const TASK_DEPTH = MAX_DEPTH - 2;

/** Options of one scan. */
export interface ScanOptions {
  /** Scan child processes; 0 walks in this thread (tests, or outside the bundle). */
  readonly workers?: number;
  /**
   * This thread walks subtrees too, from inside each directory (it changes the
   * working directory while it does, and restores it): for a snapshot, where
   * nothing else runs here. It starts at once, while the children are still
   * starting, which is most of what a scan costs beyond du's.
   */
  readonly mainWalks?: boolean;
  readonly onProgress?: (p: ScanProgress) => void;
}

/** A running scan: its result, and a way to stop it. */
export interface ScanHandle {
  readonly done: Promise<{ device: number; children: DirChild[]; total: Totals; lock: string[] | null } | { error: string }>;
  cancel(): void;
}

type Segment = { kind: 'entry'; child: number; result: WalkResult } | { kind: 'task'; child: number; id: number; path: Buffer } | { kind: 'deferred'; child: number; ino: number; path: Buffer };

/** Rounds of bind-mounted directories found inside bind-mounted directories: a bound. */
const DEFER_ROUNDS = 16;

const join = (a: Buffer, b: Buffer) => Buffer.concat([a, a[a.length - 1] === 0x2f ? Buffer.alloc(0) : Buffer.from('/'), b]);

/** Entries read on the main thread between two turns of the event loop. */
const YIELD_EVERY = 1000;

function shallow(path: Buffer, dev: number): { st: Stats; result: WalkResult } | null {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st || st.dev !== dev) return null;
  const result: WalkResult = { ...zeroTotals(), linked: [], bytes: st.blocks * 512, apparent: st.size, mtime: st.mtimeMs, files: st.isDirectory() ? 0 : 1 };
  if (!st.isDirectory() && st.nlink > 1) result.linked.push([st.ino, st.blocks * 512, st.size]);
  return { st, result };
}


/** Starts scanning `dir`. */
export function scanDirectory(dir: string, options: ScanOptions = {}): ScanHandle {
  const workers: ChildProcess[] = [];
  let cancelled = false;
  const done = (async () => {
    const root = Buffer.from(dir);
    const rootSt = lstatSync(root, { throwIfNoEntry: false });
    if (!rootSt) return { error: `no such directory: ${dir}` };
    if (!rootSt.isDirectory()) return { error: `not a directory: ${dir}` };
    const dev = rootSt.dev;
    const defer = bindRootInodes(dir, dev);
    workers.push(...spawnScanChildren(options.workers ?? defaultWorkers(options)));
    const names = listDir(root);
    if (!names) return { error: `permission denied: ${dir}` };
    const children: Array<{ -readonly [K in keyof DirChild]: DirChild[K] }> = [];
    const segments: Segment[] = [];
    let nextId = 0;
    let sinceYield = 0;
    for (const name of names) {
      // The top two levels are read here, on the main thread: every so many
      // entries it lets keys, frames and Esc through (a 500k-file directory).
      if (++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise((r) => setImmediate(r));
        if (cancelled) return { error: 'cancelled' };
      }
      const path = join(root, name);
      const top = shallow(path, dev);
      if (!top) continue; // another filesystem (a mount point): du -x leaves it out
      const child = children.push({ name: name.toString('utf8'), isDir: top.st.isDirectory(), ino: top.st.ino, ...zeroTotals() }) - 1;
      if (top.st.isDirectory() && defer.has(top.st.ino)) {
        segments.push({ kind: 'deferred', child, ino: top.st.ino, path });
        continue;
      }
      segments.push({ kind: 'entry', child, result: top.result });
      if (!top.st.isDirectory()) continue;
      const inner = listDir(path);
      if (!inner) {
        top.result.errors++;
        continue;
      }
      for (const n of inner) {
        if (++sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await new Promise((r) => setImmediate(r));
          if (cancelled) return { error: 'cancelled' };
        }
        const p = join(path, n);
        const second = shallow(p, dev);
        if (!second) continue;
        if (second.st.isDirectory() && defer.has(second.st.ino)) {
          segments.push({ kind: 'deferred', child, ino: second.st.ino, path: p });
        } else if (second.st.isDirectory()) {
          segments.push({ kind: 'task', child, id: nextId++, path: p });
        } else segments.push({ kind: 'entry', child, result: second.result });
      }
    }
    const tasks = segments.filter((s): s is Extract<Segment, { kind: 'task' }> => s.kind === 'task');
    const results = await runTasks(tasks, dev, options, workers, () => cancelled, defer);
    if (cancelled) return { error: 'cancelled' };
    // Merge in du's order; a multi-link file already met is taken back off.
    const seen = new Set<number>();
    /** Bind-mounted directories met, in order: each inode is walked once, for the child it was met in first. */
    let pending: Array<{ child: number; ino: number; path: Buffer }> = [];
    const add = (child: number, r: WalkResult, isDir: boolean) => {
      const c = children[child]!;
      const { bytes, apparent, files } = withoutSeenLinks(r, seen);
      Object.assign(c, { bytes: c.bytes + bytes, apparent: c.apparent + apparent, files: c.files + files, dirs: c.dirs + r.dirs + (isDir ? 1 : 0), errors: c.errors + r.errors, mtime: Math.max(c.mtime, r.mtime), tooDeep: (c.tooDeep ?? 0) + r.tooDeep });
      for (const [ino, path] of r.deferred ?? []) pending.push({ child, ino, path: Buffer.from(path) });
    };
    for (const seg of segments) {
      if (seg.kind === 'deferred') pending.push(seg);
      else add(seg.child, seg.kind === 'entry' ? seg.result : results.get(seg.id)!, seg.kind === 'task');
    }
    // Each bound directory once, as du counts each (device, inode) once; the scanned directory itself never again.
    const walked = new Set<number>([rootSt.ino]);
    for (let rounds = 0; pending.length > 0 && rounds < DEFER_ROUNDS && !cancelled; rounds++) {
      const todo: Array<{ child: number; id: number; path: Buffer }> = [];
      for (const p of pending) {
        if (walked.has(p.ino)) continue;
        walked.add(p.ino);
        todo.push({ child: p.child, id: nextId++, path: p.path });
      }
      pending = [];
      if (todo.length === 0) break;
      const round = spawnScanChildren(Math.min(todo.length, defaultWorkers(options)));
      workers.push(...round);
      const more = await runTasks(todo, dev, options, round, () => cancelled, defer);
      for (const t of todo) add(t.child, more.get(t.id)!, true);
    }
    if (cancelled) return { error: 'cancelled' };
    const total = children.reduce((t, c) => ({ bytes: t.bytes + c.bytes, apparent: t.apparent + c.apparent, files: t.files + c.files, dirs: t.dirs + c.dirs + (c.isDir ? 1 : 0), errors: t.errors + c.errors, mtime: Math.max(t.mtime, c.mtime), tooDeep: t.tooDeep + (c.tooDeep ?? 0) }), { ...zeroTotals(), bytes: rootSt.blocks * 512, apparent: rootSt.size });
    for (const c of children) if (!c.tooDeep) delete c.tooDeep;
    return { device: dev, children, total, lock: lockChain(dir) };
  })().finally(() => workers.forEach((w) => w.kill('SIGKILL')));
  return {
    done,
    cancel() {
      cancelled = true;
      workers.forEach((w) => w.kill('SIGKILL'));
    },
  };
}

/** Scan children by default: one per core (at most 4), one fewer when this thread walks too. */
function defaultWorkers(options: ScanOptions): number {
  const cores = Math.min(4, availableParallelism());
  return options.mainWalks ? Math.max(1, cores - 1) : cores;
}

async function runTasks(tasks: Array<{ id: number; path: Buffer }>, dev: number, options: ScanOptions, workers: ChildProcess[], cancelled: () => boolean, defer: ReadonlySet<number>): Promise<Map<number, WalkResult>> {
  const results = new Map<number, WalkResult>();
  const progress = { files: 0, bytes: 0, dir: '' };
  const started = Date.now();
  const report = () => options.onProgress?.({ files: progress.files, bytes: progress.bytes, dir: progress.dir, filesPerSec: progress.files / Math.max(0.001, (Date.now() - started) / 1000) });
  const add = (id: number, r: WalkResult) => {
    results.set(id, r);
    progress.files += r.files;
    progress.bytes += r.bytes;
  };
  const onProgress = (_files: number, _bytes: number, dir: string) => {
    progress.dir = dir;
    report();
  };
  const children = workers.slice(0, tasks.length);
  workers.slice(tasks.length).forEach((w) => w.kill('SIGKILL'));
  const inThread = children.length === 0 || options.mainWalks === true;
  const queue = new TaskQueue(tasks, children.length + (inThread ? 1 : 0));
  const walkHere = async () => {
    for (let batch = queue.take(1); batch.length > 0 && !cancelled(); batch = queue.take(1)) {
      const t = batch[0]!;
      const text = t.path.toString('utf8');
      const relative = options.mainWalks && Buffer.from(text).equals(t.path);
      add(t.id, walkSafely(() => (relative ? walkRelative(text, dev, onProgress, cancelled, TASK_DEPTH, defer) : walk(t.path, dev, onProgress, cancelled, TASK_DEPTH, defer))));
      if (children.length > 0) await new Promise((r) => setImmediate(r)); // the children's next batches
    }
  };
  // The children get their first batches before this thread starts walking.
  const onChildren = children.length > 0 ? runOnChildren(children, queue, dev, TASK_DEPTH, [...defer], { result: add, progress: (p) => onProgress(p.files, p.bytes, p.dir) }, cancelled) : Promise.resolve();
  await Promise.all([onChildren, inThread ? walkHere() : Promise.resolve()]);
  return results;
}

/** A walk on this thread; whatever a tree does to it (a stack it exhausts), the scan goes on and the subtree counts as unreadable. */
function walkSafely(run: () => WalkResult): WalkResult {
  try {
    return run();
  } catch {
    return { ...zeroTotals(), errors: 1, linked: [] };
  }
}
