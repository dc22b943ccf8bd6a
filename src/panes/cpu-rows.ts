/**
 * The CPU pane's process rows as shaped by the list options: filtered, sorted
 * by the chosen column, or as a tree (children under their parent, siblings
 * in the chosen order), as htop's F5. Pure; memoized per model and options.
 */
import { programFirst } from '../text/program.js';
import type { ModelState } from '../model/model.js';
import type { ProcessRow } from '../model/processes.js';
import { matchesFilter, sortColumn, type ListOptions } from '../core/list-options.js';
import { compareText } from '../text/order.js';

/** A process row with its depth in the tree (0 when not a tree). */
export interface CpuRow {
  readonly row: ProcessRow;
  readonly depth: number;
}

type Compare = (a: ProcessRow, b: ProcessRow) => number;

const COMPARE: Readonly<Record<string, Compare>> = {
  cpu: (a, b) => b.cpuPercent - a.cpuPercent || b.rssBytes - a.rssBytes || a.pid - b.pid,
  rss: (a, b) => b.rssBytes - a.rssBytes || a.pid - b.pid,
  pid: (a, b) => a.pid - b.pid,
  user: (a, b) => compareText(a.user, b.user) || a.pid - b.pid,
  state: (a, b) => compareText(a.state, b.state) || a.pid - b.pid,
  command: (a, b) => compareText(programFirst(a.cmdline) || a.comm, programFirst(b.cmdline) || b.comm) || a.pid - b.pid,
};

/** Deepest tree level drawn; deeper processes are listed at this depth. */
const MAX_DEPTH = 32;

function tree(rows: readonly ProcessRow[], compare: Compare): CpuRow[] {
  const present = new Set(rows.map((r) => r.pid));
  const children = new Map<number, ProcessRow[]>();
  const roots: ProcessRow[] = [];
  for (const r of rows) {
    if (r.ppid !== r.pid && present.has(r.ppid)) children.set(r.ppid, [...(children.get(r.ppid) ?? []), r]);
    else roots.push(r);
  }
  const out: CpuRow[] = [];
  const seen = new Set<number>();
  // Iterative depth-first walk, so a deep chain cannot overflow the stack.
  const stack: CpuRow[] = [...roots].sort(compare).reverse().map((row) => ({ row, depth: 0 }));
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next.row.pid)) continue;
    seen.add(next.row.pid);
    out.push(next);
    const kids = [...(children.get(next.row.pid) ?? [])].sort(compare).reverse();
    for (const k of kids) stack.push({ row: k, depth: Math.min(MAX_DEPTH, next.depth + 1) });
  }
  return out;
}

const cache = new WeakMap<readonly ProcessRow[], Map<string, CpuRow[]>>();

/** The rows of the CPU pane for `options`. */
export function cpuRows(model: ModelState, options: ListOptions): readonly CpuRow[] {
  const key = `${options.sort}\0${options.filter}\0${options.tree}`;
  const byOptions = cache.get(model.processes) ?? new Map<string, CpuRow[]>();
  cache.set(model.processes, byOptions);
  const hit = byOptions.get(key);
  if (hit) return hit;
  const compare = COMPARE[sortColumn('cpu', options).id] ?? COMPARE.cpu!;
  const kept = options.filter ? model.processes.filter((p) => matchesFilter(options.filter, [p.pid, p.user, p.comm, p.cmdline, p.cgroup, p.container ?? ''])) : model.processes;
  const rows = options.tree ? tree(kept, compare) : (options.sort === 0 ? kept : [...kept].sort(compare)).map((row) => ({ row, depth: 0 }));
  if (byOptions.size > 8) byOptions.clear();
  byOptions.set(key, rows);
  return rows;
}
