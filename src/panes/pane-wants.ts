/** Rows each pane would like, border included, from the registry; the layout caps them. */
import type { ModelState } from '../model/model.js';
import { ALL_PANES, type PaneId } from '../core/types.js';
import type { PaneWants } from './layout.js';
import { PANE_REGISTRY } from './registry.js';

const memo = new WeakMap<ModelState, PaneWants>();

/** What each pane asks of the layout for this model (once per state), with the panes urgent now and those shown in the optional place. */
export function paneWants(model: ModelState): PaneWants {
  const hit = memo.get(model);
  if (hit) return hit;
  const wants: Partial<Record<PaneId, number>> = {};
  const urgent: PaneId[] = [];
  const shown: PaneId[] = [];
  for (const id of ALL_PANES) {
    const want = PANE_REGISTRY[id].wants?.(model);
    if (want !== undefined) wants[id] = want;
    const place = PANE_REGISTRY[id].placement?.(model);
    if (place === 'top') urgent.push(id);
    if (place === 'slot') shown.push(id);
  }
  const out: PaneWants = { ...wants, urgent, shown };
  memo.set(model, out);
  return out;
}
