/** List lengths and visible rows per pane, for the view reducer's paging. */
import type { ModelState } from '../model/model.js';
import { selectFilesystems } from '../model/disk-selectors.js';
import { PRESENT_PANES, type PaneId } from '../view/panes.js';
import type { ListMeasure } from '../view/store.js';
import { selectedDevice, targetAt, unitAt } from './targets.js';
import type { ViewState } from '../view/view.js';
import { paneWants } from './pane-wants.js';
import { writersPaneLines } from './writer-lines.js';
import { PANE_REGISTRY } from './registry.js';
import { computeLayout, innerSize, type Rect } from './layout.js';

function paneRect(model: ModelState, width: number, height: number, pane: PaneId, focus: PaneId, zoomed: boolean): Rect | null {
  const layout = computeLayout(width, height, PRESENT_PANES, focus, paneWants(model), zoomed);
  if (layout.kind === 'too-small') return null;
  if (layout.kind === 'compact') return layout.pane === pane ? layout.body : null;
  return layout.panes.find(([id]) => id === pane)?.[1] ?? null;
}

/** Measures the lists of `model` as laid out in a width x height terminal. */
export function measureLists(model: ModelState, width: number, height: number, view: Pick<ViewState, 'focus' | 'selected' | 'log' | 'lists'> & { readonly zoomed?: boolean }): ListMeasure {
  const focus = view.focus;
  return {
    targetAt: (pane, index) => targetAt(model, pane, index, selectedDevice(model, view), view.lists),
    unitAt: (pane, index) => unitAt(model, pane, index, selectedDevice(model, view), view.lists),
    mountAt: (index) => selectFilesystems(model)[index]?.mountPoint ?? null,
    writerLineOf: (pid) => {
      const i = writersPaneLines(model, 80, selectedDevice(model, view), view.lists.writers).findIndex((l) => l.kind === 'process' && l.pid === pid);
      return i < 0 ? null : i;
    },
    listLength: (pane) => PANE_REGISTRY[pane].length(model, view),
    pageRows: (pane) => {
      const rect = paneRect(model, width, height, pane, focus, view.zoomed === true);
      return rect ? PANE_REGISTRY[pane].pageRows(model, view, innerSize(rect)) : 1;
    },
  };
}
