/** Rows each pane would like, border included, from the registry; the layout caps them. */
import type { ModelState } from '../model/model.js';
import { sameBesidesLog } from '../model/same-besides-log.js';
import { ALL_PANES, type PaneId } from '../core/types.js';
import type { PaneWants } from './layout.js';
import { PANE_REGISTRY } from './registry.js';

/**
 * Panes whose `wants` and `placement` never read the model's `log` or
 * `events`: across a log batch (a new state a second on a quiet server) their
 * answers are kept, not asked again (Disks built its lines at width 80 to
 * count them). Memory reads the OOM kills of the log: asked every state.
 */
export const WANTS_LOG_BLIND: ReadonlySet<PaneId> = new Set<PaneId>(['disks', 'writers', 'network', 'cpu', 'log']);

const memo = new WeakMap<ModelState, PaneWants>();
type Place = 'top' | 'slot' | null | undefined;
interface Asked { readonly want: number | undefined; readonly place: Place }
/** The last state asked, with each pane's answers. */
let last: { readonly model: ModelState; readonly asked: ReadonlyMap<PaneId, Asked> } | null = null;

/** What each pane asks of the layout for this model (once per state), with the panes urgent now and those shown in the optional place. */
export function paneWants(model: ModelState): PaneWants {
  const hit = memo.get(model);
  if (hit) return hit;
  const before = last && sameBesidesLog(last.model, model) ? last.asked : null;
  const asked = new Map<PaneId, Asked>();
  const wants: Partial<Record<PaneId, number>> = {};
  const urgent: PaneId[] = [];
  const shown: PaneId[] = [];
  for (const id of ALL_PANES) {
    const kept = WANTS_LOG_BLIND.has(id) ? before?.get(id) : undefined;
    const { want, place } = kept ?? { want: PANE_REGISTRY[id].wants?.(model), place: PANE_REGISTRY[id].placement?.(model) };
    asked.set(id, { want, place });
    if (want !== undefined) wants[id] = want;
    if (place === 'top') urgent.push(id);
    if (place === 'slot') shown.push(id);
  }
  const out: PaneWants = { ...wants, urgent, shown };
  memo.set(model, out);
  last = { model, asked };
  return out;
}
