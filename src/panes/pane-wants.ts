/** Rows each pane would like, border included, from the registry; the layout caps them. */
import type { ModelState } from '../model/model.js';
import { ALL_PANES } from '../core/types.js';
import type { PaneWants } from './layout.js';
import { PANE_REGISTRY } from './registry.js';

const memo = new WeakMap<ModelState, PaneWants>();

/** What each pane asks of the layout for this model (once per state). */
export function paneWants(model: ModelState): PaneWants {
  const hit = memo.get(model);
  if (hit) return hit;
  const wants: PaneWants = {};
  for (const id of ALL_PANES) {
    const want = PANE_REGISTRY[id].wants?.(model);
    if (want !== undefined) wants[id] = want;
  }
  memo.set(model, wants);
  return wants;
}
