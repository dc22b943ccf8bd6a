/**
 * Reading the Log like less and lnav: '/' searches (matches highlighted, the
 * selection jumps to the newest match, n goes to the next newer one and N to
 * the next older, wrapping), '&' filters to matching lines (lnav's
 * :filter-in), and ← → scroll long lines sideways. Pure.
 */
import type { LogLine } from '../model/log.js';
import { logSender } from '../model/log-classify.js';
import type { ViewContext, ViewState } from './view-state.js';
import { logSelection, needsLog } from './view-log.js';

/** Columns one ← or → moves the Log. */
export const HSCROLL_STEP = 16;
const HSCROLL_MAX = 4096;

/** Whether a line contains the search (case-insensitive), in its message or sender. */
export function lineMatches(line: LogLine, search: string): boolean {
  if (!search) return false;
  const q = search.toLowerCase();
  return line.message.toLowerCase().includes(q) || logSender(line).toLowerCase().includes(q);
}

/** '/' or '&': starts typing a search or a filter (the current one as the draft). */
export function startLogDraft(view: ViewState, kind: 'search' | 'filter'): ViewState {
  const blocked = needsLog(view);
  if (blocked) return blocked;
  const draft = kind === 'search' ? view.log.search : view.log.filter.query;
  return { ...view, mode: 'log-search', log: { ...view.log, draft, draftKind: kind } };
}

/** The nearest matching line from `from` in direction `step` (wrapping), or null. */
function findMatch(lines: readonly LogLine[], from: number, step: 1 | -1, search: string, inclusive = false): number | null {
  if (lines.length === 0) return null;
  for (let k = inclusive ? 0 : 1; k <= lines.length; k++) {
    const i = (((from + step * k) % lines.length) + lines.length) % lines.length;
    if (lineMatches(lines[i]!, search)) return i;
  }
  return null;
}

/** n (newer) and N (older): the next match; the selection is anchored on it. */
export function jumpToMatch(view: ViewState, ctx: Pick<ViewContext, 'model'>, step: 1 | -1, inclusive = false): ViewState {
  const blocked = needsLog(view);
  if (blocked) return blocked;
  if (!view.log.search) return { ...view, notice: 'no search: / to search, & to filter' };
  const { lines, index } = logSelection(view, ctx);
  const at = findMatch(lines, index, step, view.log.search, inclusive);
  if (at === null) return { ...view, notice: `"${view.log.search}" is in no line` };
  const wrapped = (step === 1 && at < index) || (step === -1 && at > index);
  return { ...view, log: { ...view.log, anchor: lines[at]!.seq }, notice: wrapped ? `search wrapped to the ${step === 1 ? 'oldest' : 'newest'} match` : null };
}

/** Typing after '/' or '&': a character, a deletion, Enter (apply) or Esc (clear). */
export function editSearch(view: ViewState, input: string | 'delete' | 'accept' | 'cancel', ctx?: Pick<ViewContext, 'model'>): ViewState {
  const draft = view.log.draft ?? '';
  if (input !== 'accept' && input !== 'cancel') {
    return { ...view, log: { ...view.log, draft: input === 'delete' ? draft.slice(0, -1) : (draft + input).slice(0, 200) } };
  }
  const text = input === 'accept' ? draft : '';
  if (view.log.draftKind === 'filter') return { ...view, mode: 'normal', log: { ...view.log, anchor: null, draft: null, filter: { ...view.log.filter, query: text } } };
  const searched: ViewState = { ...view, mode: 'normal', log: { ...view.log, draft: null, search: text } };
  // From the newest line (or the selection) back to the nearest match.
  return text && ctx ? jumpToMatch(searched, ctx, -1, true) : searched;
}

/** '/', '&', n and N. */
export function logReadKey(view: ViewState, ctx: ViewContext, command: string): ViewState {
  if (command === 'log.search' || command === 'log.filter') return startLogDraft(view, command === 'log.search' ? 'search' : 'filter');
  return jumpToMatch(view, ctx, command === 'log.next' ? 1 : -1);
}

/** ← and →: scroll the Log's messages sideways. */
export function scrollLog(view: ViewState, step: 1 | -1): ViewState {
  const hscroll = Math.max(0, Math.min(HSCROLL_MAX, view.log.hscroll + step * HSCROLL_STEP));
  return { ...view, log: { ...view.log, hscroll } };
}
