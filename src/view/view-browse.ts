/**
 * The drill-down's part of the view reducer: which directory is in view, the
 * sort, allocated or apparent sizes, the selection, and the delete / truncate
 * confirmations (No by default; refusals decided here, purely).
 */
import { browseRows, childPath, parentOf, type BrowseRow, type BrowseSort } from '../model/browse-selectors.js';
import { pathRefusal } from '../effects/intents.js';
import type { ViewContext, ViewState } from './view-state.js';
import { formatSize } from '../effects/format-size.js';
import { selectWritersUnder } from '../model/writer-selectors.js';
import { withEffect, type Dialog, type Effect } from './view-state.js';
import { dueForRescan } from '../model/dirs.js';
import { usedBytesUnder } from '../model/disks.js';
import { plural } from '../text/format.js';


const SORTS: readonly BrowseSort[] = ['size', 'growth', 'name', 'mtime'];

/** Opens the browser at `path`. */
export function openBrowse(view: ViewState, path: string): ViewState {
  return { ...view, mode: 'browse', browse: { path, sort: 'size', apparent: false, selected: 0, anchor: null } };
}

function rows(view: ViewState, ctx: ViewContext): BrowseRow[] {
  const b = view.browse!;
  return browseRows(ctx.model, b.path, b.sort, b.apparent);
}

/** What a key does in the browser. */
export type BrowseKey = 'up' | 'down' | 'first' | 'last' | 'pageup' | 'pagedown' | 'into' | 'back' | 'sort' | 'apparent' | 'escape' | 'delete' | 'truncate' | 'writers' | 'rescan';

/** A browser key. */
export function browseKey(view: ViewState, ctx: ViewContext, key: BrowseKey): ViewState {
  const b = view.browse;
  if (!b) return view;
  const list = rows(view, ctx);
  const page = Math.max(1, ctx.pages.disks);
  const move = (i: number) => ({ ...view, browse: { ...b, selected: Math.max(0, Math.min(list.length - 1, i)) } });
  const row = list[b.selected];
  switch (key) {
    case 'up': return move(b.selected - 1);
    case 'down': return move(b.selected + 1);
    case 'first': return move(0);
    case 'last': return move(list.length - 1);
    case 'pageup': return move(b.selected - page);
    case 'pagedown': return move(b.selected + page);
    case 'sort': {
      // The selected row stays selected in the new order.
      const sort = SORTS[(SORTS.indexOf(b.sort) + 1) % SORTS.length]!;
      const at = row ? browseRows(ctx.model, b.path, sort, b.apparent).findIndex((r) => r.name === row.name) : 0;
      return { ...view, browse: { ...b, sort, selected: Math.max(0, at) } };
    }
    case 'apparent': return { ...view, browse: { ...b, apparent: !b.apparent } };
    case 'into':
      if (!row) return view;
      if (!row.isDir) return { ...view, notice: `${row.name} is a file: d deletes it, t truncates it` };
      return { ...view, browse: { ...b, path: childPath(b.path, row.name), selected: 0, anchor: null } };
    case 'back': {
      if (b.path === '/') return view;
      const up = parentOf(b.path);
      const from = b.path.slice(up.length).replace(/^\//, '');
      const upRows = browseRows(ctx.model, up, b.sort, b.apparent);
      return { ...view, browse: { ...b, path: up, selected: Math.max(0, upRows.findIndex((r) => r.name === from)) } };
    }
    case 'writers': {
      const writer = selectWritersUnder(ctx.model, b.path)[0];
      if (!writer) return { ...view, notice: `no process writes under ${b.path} now` };
      const line = Math.max(0, (ctx.rows.writers ?? []).findIndex((r) => r.key.startsWith('proc:') && r.pid === writer.pid));
      return { ...view, mode: 'normal', browse: null, focus: 'writers', selected: { ...view.selected, writers: line } };
    }
    case 'escape':
      if (ctx.model.dirs.running?.dir === b.path) return withEffect(view, { kind: 'cancel-scan' });
      return { ...view, mode: 'normal', browse: null };
    case 'rescan':
      return withEffect({ ...view, notice: null }, { kind: 'rescan', dir: b.path });
    case 'delete':
    case 'truncate': {
      if (!row) return { ...view, notice: 'select a file or directory first' };
      const path = childPath(b.path, row.name);
      if (key === 'truncate' && row.isDir) return { ...view, notice: 't truncates a file; d deletes a directory' };
      const refused = pathRefusal(path);
      if (refused) return { ...view, notice: refused };
      // The dialog quotes what a scan started now finds, not the scan the row came from.
      const dialog = pathDialog(key, b.path, row, ctx);
      return withEffect({ ...view, mode: 'confirm-action', dialog: { ...dialog, measuring: b.path } }, { kind: 'rescan', dir: b.path });
    }
  }
}

function pathDialog(key: 'delete' | 'truncate', dir: string, row: BrowseRow, ctx: Pick<ViewContext, 'model'>, fresh = false): Extract<Dialog, { kind: 'action' }> {
  const path = childPath(dir, row.name);
  const size = fresh ? formatSize(row.bytes) : 'measuring…';
  const counts = fresh ? `, ${plural(row.files, 'file')}, ${plural(row.dirs, 'directory', 'directories')}` : '';
  const lines = key === 'delete'
    ? [`path     ${path}`, `size     ${size}${fresh ? ' allocated' : ''}${counts}`, 'runs     rm -r --one-file-system -- PATH (stays on this filesystem)']
    : [`path     ${path}`, `size     ${size}${fresh ? ' allocated' : ''}: the file is emptied, not removed (a process holding it keeps writing)`];
  const scan = ctx.model.dirs.scans.get(dir);
  const lock = scan?.lock && row.ino !== undefined ? { chain: scan.lock, target: `${scan.device}:${row.ino}` } : null;
  const intent = key === 'delete' ? { kind: 'delete-path' as const, path, bytes: row.bytes, lock } : { kind: 'truncate-path' as const, path, bytes: row.bytes, lock };
  return { kind: 'action', intent, title: key === 'delete' ? `Delete ${path}?` : `Truncate ${path} to zero?`, lines, yes: false, measuring: fresh ? null : dir };
}

/**
 * After a scan of the directory a delete or truncate dialog is measuring: the
 * dialog quotes the fresh figures (and locks what the fresh scan found), or
 * closes when the target is gone.
 */
export function remeasured(view: ViewState, model: ViewContext['model'], scanned: string): ViewState {
  const d = view.dialog;
  if (d?.kind !== 'action' || d.measuring !== scanned || (d.intent.kind !== 'delete-path' && d.intent.kind !== 'truncate-path')) return view;
  const dir = d.measuring;
  if (model.dirs.failed?.dir === dir) return { ...view, mode: 'browse', dialog: null, notice: `could not measure it again: ${model.dirs.failed.error}` };
  const name = d.intent.path.slice(childPath(dir, '').length);
  const row = browseRows(model, dir, 'name', false).find((r) => r.name === name);
  if (!row) return { ...view, mode: 'browse', dialog: null, notice: `${d.intent.path} is gone since you chose it: nothing done` };
  return { ...view, dialog: pathDialog(d.intent.kind === 'delete-path' ? 'delete' : 'truncate', dir, row, { model }, true) };
}

/** A scan of the directory in view when it went stale and is due (see dueForRescan); none while one of it runs or after one of it failed. */
export function autoRescan(view: ViewState, model: ViewContext['model']): Effect[] {
  const path = view.browse?.path;
  // Only a scan of this directory holds it back: one of a directory left behind (cancelled without a word
  // when the view moved on) would otherwise hold every later rescan back for good.
  if (!path || model.dirs.running?.dir === path || model.dirs.failed?.dir === path || model.lastSampleAt === null) return [];
  const scan = model.dirs.scans.get(path);
  return scan && dueForRescan(scan, model.lastSampleAt, usedBytesUnder(model.filesystems, path), model.dirs.growth) ? [{ kind: 'rescan', dir: path }] : [];
}
