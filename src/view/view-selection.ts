/**
 * Selection that follows a row's identity, as htop and k9s do. Each keyed list
 * pane (CPU, Disks, Writers: those the pane registry gives rows for) keeps the key of its selected row (proc:PID:START,
 * fs:DEVICE, group:NAME, held:PID:START:FD) beside the index it is drawn at.
 * After new data the index is found again from the key, so a re-sort never
 * moves the cursor to another process; when the row is gone, the selection
 * takes the neighbour at the same position and the status line says so. After
 * a key the key is taken from the new index. Headers are never selected. The
 * Log pane has its own anchor (a line's sequence number, view-log.ts).
 */
import type { ModelState } from '../model/model.js';
import { browseRows } from '../model/browse-selectors.js';
import { unitAlerts } from '../model/services.js';
import { selectLastEvent } from '../model/selectors.js';
import { ALL_PANES, type Anchor, type KeyRow, type PaneId } from '../core/types.js';
import { paneRows } from '../panes/pane-rows.js';
import type { ViewState } from './view-state.js';



/** The panes whose selection can follow a key: every pane whose registry entry gives rows, in key order (Disks first: the Writers order depends on it). */
const KEYED_PANES = ALL_PANES;

export { paneRows } from '../panes/pane-rows.js';
export type { Anchor, KeyRow } from '../core/types.js';

/** The nearest selectable index to `index`, looking first in direction `step`, then back. */
export function selectableNear(rows: readonly KeyRow[], index: number, step: 1 | -1 = 1): number {
  if (rows.length === 0) return 0;
  const start = Math.min(rows.length - 1, Math.max(0, index));
  for (const dir of [step, -step]) {
    for (let i = start; i >= 0 && i < rows.length; i += dir) if (!rows[i]!.header) return i;
  }
  return start;
}

const anchorOf = (row: KeyRow | undefined): Anchor | null => (row ? { key: row.key, label: row.label } : null);

/**
 * After a key: the anchor of each keyed pane the admin has chosen a row in
 * (a move, g/G, a page, or an index changed by the key) becomes the row at its
 * index. A pane nobody moved in keeps no anchor, so its top row stays in view.
 */
export function syncAnchors(view: ViewState, model: ModelState, chose: ReadonlySet<PaneId> = new Set()): ViewState {
  let anchors = view.anchors;
  let selected = view.selected;
  for (const pane of KEYED_PANES) {
    if (anchors[pane] === null && !chose.has(pane)) continue;
    const rows = paneRows(model, pane, { selected, lists: view.lists });
    if (!rows || rows.length === 0) continue;
    const index = selectableNear(rows, selected[pane]);
    if (index !== selected[pane]) selected = { ...selected, [pane]: index };
    const anchor = anchorOf(rows[index]);
    if (anchor?.key !== anchors[pane]?.key) anchors = { ...anchors, [pane]: anchor };
  }
  return anchors === view.anchors && selected === view.selected ? view : { ...view, anchors, selected };
}

/**
 * After new data (or leaving pause): each keyed pane's index is found again
 * from its anchor. A vanished row hands the selection to the neighbour at the
 * same position; in the focused pane the status line says so, unless an
 * event is on show there.
 */
export function reanchor(view: ViewState, model: ModelState): ViewState {
  let anchors = view.anchors;
  let selected = view.selected;
  let notice = view.notice;
  // An event on show (an action's outcome, most often the very reason the row
  // went) is not covered by this housekeeping note; the selection still moves.
  const eventShown = selectLastEvent(model, model.lastSampleAt) !== null;
  for (const pane of KEYED_PANES) {
    const anchor = anchors[pane];
    if (anchor === null) continue; // not chosen yet: the index (the top row) stays
    const rows = paneRows(model, pane, { selected, lists: view.lists });
    if (!rows || rows.length === 0) continue;
    const found = anchor ? rows.findIndex((r) => r.key === anchor.key) : -1;
    const index = found >= 0 ? found : selectableNear(rows, selected[pane]);
    const next = anchorOf(rows[index]);
    if (anchor && found < 0 && pane === view.focus && next && !eventShown) notice = `${anchor.label} is gone: selection moved to ${next.label}`;
    if (index !== selected[pane]) selected = { ...selected, [pane]: index };
    if (next?.key !== anchor?.key) anchors = { ...anchors, [pane]: next };
  }
  return anchors === view.anchors && selected === view.selected && notice === view.notice ? view : { ...view, anchors, selected, notice };
}

/** After a key in the drill-down: the anchor is the child at the selected index. */
export function syncBrowseAnchor(view: ViewState, model: ModelState): ViewState {
  const b = view.browse;
  if (!b) return view;
  const name = browseRows(model, b.path, b.sort, b.apparent)[b.selected]?.name ?? null;
  return name === b.anchor ? view : { ...view, browse: { ...b, anchor: name } };
}

/** After a scan or growth report: the drill-down's index is found again from its anchor (a growth sort re-sorts every second). */
export function reanchorBrowse(view: ViewState, model: ModelState): ViewState {
  const b = view.browse;
  if (!b || b.anchor === null) return view; // nothing chosen yet: the top row stays
  const rows = browseRows(model, b.path, b.sort, b.apparent);
  const found = rows.findIndex((r) => r.name === b.anchor);
  const selected = found >= 0 ? found : Math.max(0, Math.min(b.selected, rows.length - 1));
  const anchor = rows[selected]?.name ?? b.anchor;
  return selected === b.selected && anchor === b.anchor ? view : { ...view, browse: { ...b, selected, anchor } };
}

/** After a key in the Services overlay: the anchor is the unit at the selected index. */
export function syncServicesAnchor(view: ViewState, model: ModelState): ViewState {
  if (view.mode !== 'services') return view;
  const id = unitAlerts(model.services)[view.servicesSelected]?.unit.id ?? null;
  return id === view.servicesAnchor ? view : { ...view, servicesAnchor: id };
}

/** After a sample: the Services overlay's index is found again from its unit (most restarts first re-sorts it). */
export function reanchorServices(view: ViewState, model: ModelState): ViewState {
  if (view.servicesAnchor === null) return view;
  const alerts = unitAlerts(model.services);
  const found = alerts.findIndex((a) => a.unit.id === view.servicesAnchor);
  const selected = found >= 0 ? found : Math.max(0, Math.min(view.servicesSelected, alerts.length - 1));
  const anchor = alerts[selected]?.unit.id ?? view.servicesAnchor;
  return selected === view.servicesSelected && anchor === view.servicesAnchor ? view : { ...view, servicesSelected: selected, servicesAnchor: anchor };
}

/** After a key: every list's anchor from its index (`chose`: the panes the key selected in). */
export function syncAllAnchors(view: ViewState, model: ModelState, chose: ReadonlySet<PaneId> = new Set()): ViewState {
  return syncServicesAnchor(syncBrowseAnchor(syncAnchors(view, model, chose), model), model);
}

/** After new data (or leaving pause): every list's index from its anchor. */
export function reanchorAll(view: ViewState, model: ModelState): ViewState {
  return reanchorServices(reanchorBrowse(reanchor(view, model), model), model);
}

