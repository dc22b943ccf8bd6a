/**
 * The list habits of the view reducer, for the Writers and CPU panes: choose
 * the sort column (< > F6), filter by text (\ F4: typed, Enter applies, Esc
 * clears), a process tree (t F5, CPU), and collapsing Writers groups (← → on
 * a group line, Space or Enter). Pure.
 */
import { SORT_COLUMNS, type ListOptions, type ListPane } from '../core/list-options.js';
import type { ViewContext, ViewState } from './view-state.js';
import { scrollLog } from './view-log-search.js';

const listPaneOf = (view: ViewState): ListPane | null => (view.focus === 'cpu' || view.focus === 'writers' ? view.focus : null);
const NOT_A_LIST = 'sort, filter and tree apply to the Writers (2) and CPU (4) panes';

function withOptions(view: ViewState, pane: ListPane, change: Partial<ListOptions>): ViewState {
  return { ...view, lists: { ...view.lists, [pane]: { ...view.lists[pane], ...change } } };
}

/** < and >: the previous or next sort column of the focused list. */
export function cycleSort(view: ViewState, step: 1 | -1): ViewState {
  const pane = listPaneOf(view);
  if (!pane) return { ...view, notice: NOT_A_LIST };
  const count = SORT_COLUMNS[pane].length;
  const sort = (view.lists[pane].sort + step + count) % count;
  return { ...withOptions(view, pane, { sort }), notice: `${pane === 'cpu' ? 'CPU' : 'Writers'} sorted by ${SORT_COLUMNS[pane][sort]!.title}` };
}

/** \: starts typing a filter for the focused list (its current filter as the draft). */
export function startFilter(view: ViewState): ViewState {
  const pane = listPaneOf(view);
  if (!pane) return { ...view, notice: NOT_A_LIST };
  return { ...view, mode: 'list-filter', lists: { ...view.lists, draft: { pane, text: view.lists[pane].filter } } };
}

/** Typing in the filter: a character, a deletion, Enter (apply) or Esc (clear). */
export function editFilter(view: ViewState, input: string | 'delete' | 'accept' | 'cancel'): ViewState {
  const draft = view.lists.draft;
  if (!draft) return { ...view, mode: 'normal' };
  if (input === 'accept' || input === 'cancel') {
    const filter = input === 'accept' ? draft.text : '';
    const done = withOptions({ ...view, mode: 'normal', lists: { ...view.lists, draft: null } }, draft.pane, { filter });
    return { ...done, selected: { ...done.selected, [draft.pane]: 0 }, anchors: { ...done.anchors, [draft.pane]: null } };
  }
  const text = input === 'delete' ? draft.text.slice(0, -1) : (draft.text + input).slice(0, 100);
  return { ...view, lists: { ...view.lists, draft: { ...draft, text } } };
}

/** t: children under their parents in the CPU list, on or off. */
export function toggleTree(view: ViewState): ViewState {
  if (view.focus !== 'cpu') return { ...view, notice: view.focus === 'writers' ? 'Writers is already a tree: unit or cgroup, then its processes (t is for CPU)' : NOT_A_LIST };
  const tree = !view.lists.cpu.tree;
  return { ...withOptions(view, 'cpu', { tree }), notice: tree ? 'CPU as a process tree (t again for the list)' : null };
}

/** ←, → on a Writers group line: collapse or expand it; 'toggle' for Space and Enter. False when the row is not a group. */
export function foldGroup(view: ViewState, ctx: ViewContext, how: 'collapse' | 'expand' | 'toggle'): ViewState | null {
  if (view.focus !== 'writers') return null;
  const row = ctx.rows.writers?.[view.selected.writers];
  if (!row || !row.key.startsWith('group:')) return null;
  const collapsed = view.lists.writers.collapsed;
  const now = collapsed.includes(row.key);
  const fold = how === 'toggle' ? !now : how === 'collapse';
  if (fold === now) return view;
  // The set is bounded by the groups present: keys of groups that are gone are dropped.
  const present = new Set((ctx.rows.writers ?? []).map((r) => r.key));
  const next = fold ? [...collapsed.filter((k) => present.has(k)), row.key] : collapsed.filter((k) => k !== row.key && present.has(k));
  return withOptions(view, 'writers', { collapsed: next });
}

/** The list commands, and ← → (which scroll the Log when it has focus). */
export function listKey(view: ViewState, ctx: ViewContext, command: string): ViewState {
  switch (command) {
    case 'list.sort-next': return cycleSort(view, 1);
    case 'list.sort-prev': return cycleSort(view, -1);
    case 'list.filter': return startFilter(view);
    case 'list.tree': return toggleTree(view);
    case 'filter.accept': return editFilter(view, 'accept');
    case 'filter.cancel': return editFilter(view, 'cancel');
    case 'list.toggle': return foldGroup(view, ctx, 'toggle') ?? { ...view, notice: 'Space folds a Writers group: select its line first' };
    case 'pane.left':
    case 'pane.right': {
      const step = command === 'pane.left' ? -1 : 1;
      if (view.focus === 'log') return view.zoomed ? { ...view, notice: 'the zoomed Log shows whole lines: ← → scroll it when not zoomed' } : scrollLog(view, step);
      return foldGroup(view, ctx, step === -1 ? 'collapse' : 'expand') ?? view;
    }
    default: return view;
  }
}
