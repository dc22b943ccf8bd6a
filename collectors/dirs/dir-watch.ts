/**
 * Growth of a directory's children, bounded whatever the tree: inotify watches
 * (fs.watch) on the directory, its subdirectories and theirs, breadth first, at
 * most MAX_WATCHED_DIRS of them; a changed file is stat'ed once per flush (the
 * changes of a flush are coalesced), and its last size is kept in a bounded
 * map. No state per file of the tree: memory is O(watches + recent changes),
 * not O(entries), so a 2M-entry tree costs what a small one does.
 */
import { lstatSync, readdirSync, watch, type FSWatcher } from 'node:fs';

/** Directories watched at most (the one in view first, then breadth first). */
export const MAX_WATCHED_DIRS = 256;
/** Files whose last size is remembered (the most recently changed). */
const MAX_SIZES = 10_000;
/** Changed paths waiting for the next flush, at most. */
const MAX_DIRTY = 10_000;
/** How often changed files are stat'ed; the first flush only takes their sizes (growth starts from it). */
export const FLUSH_MS = 500;

/**
 * What the watcher reports: `child` of the directory in view grew by `bytes`
 * (allocated) and gained `entries` new files or directories (a created entry
 * counts its whole size: a directory gaining 40 small files a second grows).
 */
export type OnGrowth = (child: string, bytes: number, entries: number) => void;

/** A path that changed since the last flush: under which child, and whether it was created, moved or removed (inotify's rename). */
interface Dirty {
  readonly child: string;
  readonly renamed: boolean;
}

/** A bounded watch of one directory's subtree. */
export class DirWatch {
  private readonly watchers: FSWatcher[] = [];
  private readonly sizes = new Map<string, number>();
  private dirty = new Map<string, Dirty>();
  private timer: NodeJS.Timeout | null = null;
  /** Directories found within two levels; more than were watched when capped. */
  found = 0;

  /** `onError` is called once when a watch cannot be made or fails (inotify limits): fall back to polling. */
  constructor(private readonly dir: string, private readonly onGrowth: OnGrowth, private readonly onError: () => void) {}

  /**
   * Starts watching: the directory, every child directory, then the
   * grandchildren taken round-robin across the children (so each child's
   * subtree gets its share) until MAX_WATCHED_DIRS. False when not even the
   * directory itself could be watched.
   */
  start(): boolean {
    if (!this.watchOne(this.dir, null)) return false;
    const base = this.dir.replace(/\/$/, '');
    const children = subdirectories(this.dir);
    this.found = 1 + children.length;
    const grand: string[][] = [];
    for (const name of children) {
      const path = `${base}/${name}`;
      if (this.watchers.length < MAX_WATCHED_DIRS) this.watchOne(path, name);
      const below = subdirectories(path);
      this.found += below.length;
      grand.push(below.map((g) => `${path}/${g}`));
    }
    for (let round = 0; this.watchers.length < MAX_WATCHED_DIRS; round++) {
      let any = false;
      for (let i = 0; i < grand.length && this.watchers.length < MAX_WATCHED_DIRS; i++) {
        const path = grand[i]![round];
        if (path === undefined) continue;
        any = true;
        this.watchOne(path, children[i]!);
      }
      if (!any) break;
    }
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
    this.timer.unref();
    return true;
  }

  /** How many directories are watched. */
  get watched(): number {
    return this.watchers.length;
  }

  private watchOne(path: string, child: string | null): boolean {
    try {
      const w = watch(path, { persistent: false }, (event, name) => {
        if (!name || this.dirty.size >= MAX_DIRTY) return;
        const full = `${path.replace(/\/$/, '')}/${String(name)}`;
        this.dirty.set(full, { child: child ?? String(name), renamed: event === 'rename' || this.dirty.get(full)?.renamed === true });
      });
      w.on('error', () => this.fail());
      this.watchers.push(w);
      return true;
    } catch {
      if (this.watchers.length === 0) this.fail();
      return false;
    }
  }

  private fail(): void {
    this.stop();
    this.onError();
  }

  private flush(): void {
    const batch = this.dirty;
    this.dirty = new Map();
    for (const [path, { child, renamed }] of batch) {
      let bytes: number;
      let isFile: boolean;
      try {
        const st = lstatSync(path);
        isFile = st.isFile();
        bytes = st.blocks * 512;
      } catch {
        this.sizes.delete(path);
        continue;
      }
      const before = this.sizes.get(path);
      this.remember(path, bytes);
      // A name that appeared (created or moved in) since the watch began: a new entry, all its size added.
      // A file only modified is first sized, and grows from then on.
      if (renamed && before === undefined) this.onGrowth(child, bytes, 1);
      else if (isFile && before !== undefined && bytes > before) this.onGrowth(child, bytes - before, 0);
    }
  }

  private remember(path: string, bytes: number): void {
    this.sizes.delete(path);
    this.sizes.set(path, bytes);
    if (this.sizes.size > MAX_SIZES) this.sizes.delete(this.sizes.keys().next().value!);
  }

  /** Closes every watch. */
  stop(): void {
    for (const w of this.watchers.splice(0)) w.close();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.dirty = new Map();
    this.sizes.clear();
  }
}

/** Names of the subdirectories of `path` (not following symlinks), or [] when unreadable. */
function subdirectories(path: string): string[] {
  try {
    return readdirSync(path, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}
