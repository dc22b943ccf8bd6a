/**
 * The directory walk behind the drill-down, sync and allocation-free enough to
 * run in worker threads: one readdir (with file types) per directory and one
 * lstat per entry. Like `du -x`: stays on one device, never follows symlinks,
 * counts a hard-linked file once (the first time it is met), and counts
 * unreadable directories as errors instead of failing.
 */
import { lstatSync, opendirSync, readdirSync } from 'node:fs';
import type { EntryStat } from './fast-lstat.js';

/** Totals of one subtree. */
export interface Totals {
  /** Allocated bytes (st_blocks × 512), as du. */
  bytes: number;
  /** Apparent bytes (st_size), as du --apparent-size. */
  apparent: number;
  files: number;
  dirs: number;
  errors: number;
  /** Newest modification time seen, ms. */
  mtime: number;
  /** Directories deeper than MAX_DEPTH below the scanned directory: counted (their own size), not entered. */
  tooDeep: number;
}

/**
 * How deep below the scanned directory a walk goes: any user can nest
 * directories deeper than a stack or PATH_MAX allows, so deeper ones are counted
 * (their own size) and reported, never entered. du goes deeper; 4,096 levels is
 * PATH_MAX's worth of one-letter names.
 */
export const MAX_DEPTH = 4096;

/** A file with several links: counted here, to be taken back if an earlier subtree had it. */
export type LinkedFile = readonly [ino: number, bytes: number, apparent: number];

/** What a walk of one subtree returns. */
export interface WalkResult extends Totals {
  /** Multi-link files in the order met (deduplicated within this walk). */
  readonly linked: LinkedFile[];
  /**
   * Directories left for later, in the order met: those whose inode is a bind
   * mount's (the same directory reachable twice on one device). Not counted
   * here at all; the scan walks each inode once (dir-scanner.ts).
   */
  deferred?: Array<readonly [ino: number, path: string | Buffer]>;
}

/** Whether a walk leaves `st` for later: a directory on `dev` whose inode is in `defer`. */
export function isDeferred(st: EntryStat, dev: number, defer: ReadonlySet<number> | undefined): boolean {
  return defer !== undefined && defer.size > 0 && st.dev === dev && st.isDirectory() && defer.has(st.ino);
}

/** Progress callback: entries seen so far and the current directory. */
export type OnProgress = (files: number, bytes: number, dir: string) => void;

/**
 * The names in a directory in the order the filesystem gives them, as du meets
 * them (readdirSync sorts them by name, which would charge hard links to
 * another child than du does); null when it cannot be read.
 */
export function listDir(path: Buffer): Buffer[] | null {
  let dir;
  try {
    dir = opendirSync(path, { encoding: 'buffer' as BufferEncoding, bufferSize: 256 });
  } catch {
    return null;
  }
  const names: Buffer[] = [];
  try {
    for (let e = dir.readSync(); e !== null; e = dir.readSync()) names.push(e.name as unknown as Buffer);
  } catch {
    return names.length ? names : null;
  } finally {
    dir.closeSync();
  }
  return names;
}

/** An empty total. */
export const zeroTotals = (): Totals => ({ bytes: 0, apparent: 0, files: 0, dirs: 0, errors: 0, mtime: 0, tooDeep: 0 });

/**
 * `r`'s bytes, apparent bytes and files with each multi-link file that `seen`
 * already holds taken back off; the others are added to `seen` (and passed to
 * `onNew`). How subtrees walked apart are merged with each file counted once.
 */
export function withoutSeenLinks(r: WalkResult, seen: Set<number>, onNew: (link: LinkedFile) => void = () => {}): { bytes: number; apparent: number; files: number } {
  let { bytes, apparent, files } = r;
  for (const link of r.linked) {
    const [ino, b, a] = link;
    if (seen.has(ino)) {
      bytes -= b;
      apparent -= a;
      files--;
    } else {
      seen.add(ino);
      onNew(link);
    }
  }
  return { bytes, apparent, files };
}

/**
 * Counts one lstat'ed entry into `out`, as du does; false when it is not
 * counted at all (another filesystem, or a multi-link file already met).
 */
export function countEntry(out: WalkResult, seen: Set<number>, st: EntryStat, dev: number, isRoot: boolean): boolean {
  if (st.dev !== dev) return false; // another filesystem: like du -x, not counted at all
  if (!st.isDirectory() && st.nlink > 1) {
    if (seen.has(st.ino)) return false;
    seen.add(st.ino);
    out.linked.push([st.ino, st.blocks * 512, st.size]);
  }
  out.bytes += st.blocks * 512;
  out.apparent += st.size;
  if (st.mtimeMs > out.mtime) out.mtime = st.mtimeMs;
  if (!st.isDirectory()) out.files++;
  else if (!isRoot) out.dirs++;
  return true;
}

/**
 * Walks `path` (a directory or a file) on device `dev`, depth first. Paths are
 * strings (fast); a directory holding a name that is not valid UTF-8 is read
 * again as bytes, and that entry is followed by its byte path. Directories
 * `maxDepth` levels below `path` are counted, not entered (`tooDeep`).
 */
export function walk(path: string | Buffer, dev: number, onProgress?: OnProgress, cancelled: () => boolean = () => false, maxDepth = MAX_DEPTH, defer?: ReadonlySet<number>): WalkResult {
  const out: WalkResult = { ...zeroTotals(), linked: [] };
  const seen = new Set<number>();
  let sinceReport = 0;
  const SLASH = Buffer.from('/');
  // An explicit stack of the entries still to visit, not recursion: no tree depth exhausts the stack.
  const todo: Array<[path: string | Buffer, depth: number]> = [];
  const visit = (p: string | Buffer, isRoot: boolean, depth: number): void => {
    let st;
    try {
      st = lstatSync(p, { throwIfNoEntry: false });
    } catch {
      out.errors++;
      return;
    }
    if (st && !isRoot && isDeferred(st, dev, defer)) {
      (out.deferred ??= []).push([st.ino, p]);
      return;
    }
    if (!st || !countEntry(out, seen, st, dev, isRoot) || !st.isDirectory()) return;
    if (depth >= maxDepth) {
      out.tooDeep++;
      return;
    }
    let names: Array<string | Buffer>;
    try {
      names = readdirSync(p as string);
    } catch {
      out.errors++;
      return;
    }
    if (onProgress && ++sinceReport >= 64) {
      sinceReport = 0;
      onProgress(out.files, out.bytes, p.toString());
    }
    const next: Array<string | Buffer> = [];
    if (typeof p !== 'string' || names.some((n) => (n as string).includes('\ufffd'))) {
      // Some name is not valid UTF-8 (or the path itself is not): go on in bytes.
      const base = Buffer.concat([Buffer.from(p), SLASH]);
      for (const name of readdirSync(Buffer.from(p), { encoding: 'buffer' })) next.push(Buffer.concat([base, name]));
    } else {
      const base = p.endsWith('/') ? p : `${p}/`;
      for (const name of names) next.push(base + (name as string));
    }
    // Pushed last to first: visited in readdir order, depth first.
    for (let i = next.length - 1; i >= 0; i--) todo.push([next[i]!, depth + 1]);
  };
  visit(typeof path === 'string' ? path : Buffer.from(path).toString('utf8').includes('\ufffd') ? Buffer.from(path) : Buffer.from(path).toString('utf8'), true, 0);
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    if (cancelled()) break;
    visit(item[0], false, item[1]);
  }
  return out;
}
