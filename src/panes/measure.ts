/**
 * The frame: the layout and each pane's page size for one model, view and
 * terminal size, computed once (the App and the key's reducer ask for the same
 * frame and get the same object), and the reducer's context built from it and
 * the rows of this state (pane-rows.ts).
 */
import type { ModelState } from '../model/model.js';
import { ALL_PANES, type PaneId, type ViewContext, type ViewState } from '../core/types.js';
import { paneWants } from './pane-wants.js';
import { PANE_REGISTRY } from './registry.js';
import { allPaneRows } from './pane-rows.js';
import { computeLayout, innerSize, type Layout, type Rect } from './layout.js';

interface LaidOut {
  readonly model: ModelState;
  readonly width: number;
  readonly height: number;
  readonly panes: readonly PaneId[];
  readonly focus: PaneId;
  readonly zoomed: boolean;
  readonly layout: Layout;
}

/** The last two layouts (the App's and, under a dialog, the panes' shorter one). */
const laidOut: LaidOut[] = [];

/** The layout of `panes` in a width x height terminal (status line included) for this model: computed once per frame. */
export function layoutOf(model: ModelState, width: number, height: number, panes: readonly PaneId[], focus: PaneId, zoomed: boolean): Layout {
  const hit = laidOut.find((l) => l.model === model && l.width === width && l.height === height && l.panes === panes && l.focus === focus && l.zoomed === zoomed);
  if (hit) return hit.layout;
  const layout = computeLayout(width, height, panes, focus, paneWants(model), zoomed);
  laidOut.unshift({ model, width, height, panes, focus, zoomed, layout });
  laidOut.length = Math.min(laidOut.length, 2);
  return layout;
}

function paneRect(layout: Layout, pane: PaneId): Rect | null {
  if (layout.kind === 'too-small') return null;
  if (layout.kind === 'compact') return layout.pane === pane ? layout.body : null;
  return layout.panes.find(([id]) => id === pane)?.[1] ?? null;
}

/** Rows one page holds in each pane of `model` as laid out in a width x height terminal (1 for a pane not on screen). */
export function pagesOf(model: ModelState, width: number, height: number, view: Pick<ViewState, 'focus' | 'log'> & { readonly zoomed?: boolean }): Record<PaneId, number> {
  const layout = layoutOf(model, width, height, ALL_PANES, view.focus, view.zoomed === true);
  const page = (pane: PaneId): number => {
    const rect = paneRect(layout, pane);
    return rect ? PANE_REGISTRY[pane].pageRows(model, view, innerSize(rect)) : 1;
  };
  return Object.fromEntries(ALL_PANES.map((p) => [p, page(p)])) as Record<PaneId, number>;
}

/** What the view reducer reads for a key on `view` over `model` in a width x height terminal: the rows of this state and the frame's pages. */
export function viewContext(
  model: ModelState,
  view: Pick<ViewState, 'focus' | 'selected' | 'log' | 'lists'> & { readonly zoomed?: boolean },
  width: number,
  height: number,
  extra: Omit<ViewContext, 'model' | 'rows' | 'pages'> = {},
): ViewContext {
  return { ...extra, model, rows: allPaneRows(model, view), pages: pagesOf(model, width, height, view) };
}
