/** The rows of the drill-down for a directory: its scanned children with growth, sorted. Pure. */
import type { DirChild } from '../stream/messages.js';
import type { ModelState } from './model.js';
import type { DirGrowth } from './dirs.js';

/** How the browser sorts. */
export type BrowseSort = 'size' | 'growth' | 'name' | 'mtime';

/** One row: a child, its share of the parent, and how fast it grows now. */
export interface BrowseRow extends DirChild {
  readonly size: number;
  readonly share: number;
  readonly growth: number | null;
  /** New entries per second (null: not watched). */
  readonly entries: number | null;
}

const byName = (a: BrowseRow, b: BrowseRow): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The last rows built, by their inputs: a frame asks several times, and a 500k-entry directory must not be sorted each time. */
let last: { scan: unknown; growth: unknown; sort: BrowseSort; apparent: boolean; rows: BrowseRow[] } | null = null;

/** The rows of `dir` (empty before its scan), sorted, with the fastest-growing marked by the caller. */
export function browseRows(model: ModelState, dir: string, sort: BrowseSort, apparent: boolean): BrowseRow[] {
  const scan = model.dirs.scans.get(dir);
  if (!scan) return [];
  const growth = model.dirs.growth?.dir === dir ? model.dirs.growth : null;
  if (last && last.scan === scan && last.growth === growth && last.sort === sort && last.apparent === apparent) return last.rows;
  const rows = buildRows(scan.children, growth, sort, apparent);
  last = { scan, growth, sort, apparent, rows };
  return rows;
}

function buildRows(children: readonly DirChild[], growth: DirGrowth | null, sort: BrowseSort, apparent: boolean): BrowseRow[] {
  const total = children.reduce((s, c) => s + (apparent ? c.apparent : c.bytes), 0) || 1;
  const rows = children.map((c): BrowseRow => {
    const size = apparent ? c.apparent : c.bytes;
    return { ...c, size, share: size / total, growth: growth ? (growth.bytesPerSec[c.name] ?? 0) : null, entries: growth ? (growth.entriesPerSec[c.name] ?? 0) : null };
  });
  const by: Record<BrowseSort, (a: BrowseRow, b: BrowseRow) => number> = {
    size: (a, b) => b.size - a.size,
    growth: (a, b) => (b.growth ?? 0) - (a.growth ?? 0) || (b.entries ?? 0) - (a.entries ?? 0) || b.size - a.size,
    name: byName,
    mtime: (a, b) => b.mtime - a.mtime,
  };
  return rows.sort((a, b) => by[sort](a, b) || byName(a, b));
}

/** The parent of a path ('/' stays '/'). */
export function parentOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i <= 0 ? '/' : trimmed.slice(0, i);
}

/** `dir`/`name`. */
export function childPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
