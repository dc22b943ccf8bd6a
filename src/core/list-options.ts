/**
 * How the Writers and CPU lists are shaped, as htop users expect: a sort
 * column (< and >, F6), a text filter (\ or F4), a tree of parents and
 * children (t or F5, CPU), and collapsed Writers groups (← → Space Enter).
 * Pure data and matching; the rows are built in cpu-rows.ts and writer-lines.ts.
 */

/** A pane whose list can be sorted and filtered. */
export type ListPane = 'cpu' | 'writers';

/** One sort column: its header title, and whether larger values come first. */
export interface SortColumn {
  readonly id: string;
  readonly title: string;
  readonly descending: boolean;
}

/** The sort columns of each list, in header order; the first is the default. */
export const SORT_COLUMNS: Readonly<Record<ListPane, readonly SortColumn[]>> = {
  cpu: [
    { id: 'cpu', title: 'CPU%', descending: true },
    { id: 'rss', title: 'RSS', descending: true },
    { id: 'pid', title: 'PID', descending: false },
    { id: 'user', title: 'USER', descending: false },
    { id: 'state', title: 'S', descending: false },
    { id: 'command', title: 'COMMAND', descending: false },
  ],
  writers: [
    { id: 'write', title: 'WRITE', descending: true },
    { id: 'wchar', title: 'WCHAR', descending: true },
    { id: 'pid', title: 'PID', descending: false },
    { id: 'user', title: 'USER', descending: false },
  ],
};

/** The shape of one list. */
export interface ListOptions {
  /** Index into SORT_COLUMNS[pane]. */
  readonly sort: number;
  /** Rows whose pid, user, command, unit or file contain this text (case-insensitive); '' shows all. */
  readonly filter: string;
  /** CPU: children under their parents. */
  readonly tree: boolean;
  /** Writers: the groups shown as their line only (group:NAME keys); bounded by the groups present. */
  readonly collapsed: readonly string[];
}

/** Both lists, and the filter being typed. */
export interface ListsView {
  readonly cpu: ListOptions;
  readonly writers: ListOptions;
  /** The filter text being typed for a pane (Enter applies, Esc clears). */
  readonly draft: { readonly pane: ListPane; readonly text: string } | null;
}

/** Lists as they start: default sort, no filter, no tree, nothing collapsed. */
export const INITIAL_LISTS: ListsView = {
  cpu: { sort: 0, filter: '', tree: false, collapsed: [] },
  writers: { sort: 0, filter: '', tree: false, collapsed: [] },
  draft: null,
};

/** The sort column in use for `pane`. */
export function sortColumn(pane: ListPane, options: ListOptions): SortColumn {
  const columns = SORT_COLUMNS[pane];
  return columns[Math.max(0, Math.min(columns.length - 1, options.sort))]!;
}

/** Whether any of `texts` contains the filter (case-insensitive); true for an empty filter. */
export function matchesFilter(filter: string, texts: ReadonlyArray<string | number | null | undefined>): boolean {
  if (filter === '') return true;
  const needle = filter.toLowerCase();
  return texts.some((t) => t !== null && t !== undefined && String(t).toLowerCase().includes(needle));
}

/** The title note of a shaped list: 'sort RSS · filter "nginx" · tree'; '' when nothing is changed. */
export function listNote(pane: ListPane, options: ListOptions): string {
  const parts: string[] = [];
  if (options.sort !== 0) parts.push(`sort ${sortColumn(pane, options).title}`);
  if (options.filter) parts.push(`filter "${options.filter}"`);
  if (options.tree) parts.push('tree');
  if (options.collapsed.length) parts.push(`${options.collapsed.length} collapsed`);
  return parts.join(' · ');
}
