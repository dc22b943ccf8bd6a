/**
 * One pass from state to rows: `paneRows(model, pane, view)` calls a pane's
 * row builder (the registry) once per model state and list shape, and every
 * reader (the selection after a sample, a key's reducer, the page sizes, the
 * frame) gets the same rows. Memoised weakly per model state: old states free
 * their rows; per state at most ROWS_KEPT shapes per pane (a sort, a filter
 * or another Disks selection is a new shape).
 */
import type { ModelState } from '../model/model.js';
import { besidesLog } from '../model/same-besides-log.js';
import { ALL_PANES, type PaneId, type PaneRow } from '../core/types.js';
import { PANE_REGISTRY, selectedDevice, type ListsArg } from './registry.js';
import type { WriterRow } from './writer-lines.js';
import type { MemoryRow } from './memory-lines.js';

/** Shapes of one pane's rows kept per model state. */
const ROWS_KEPT = 4;

interface Built {
  readonly device: string | null;
  readonly options: unknown;
  readonly rows: readonly PaneRow[] | null;
}

const memo = new WeakMap<ModelState, Map<PaneId, Built[]>>();

/** Panes whose rows never read the model's `log` or `events`: kept across a log batch (keyed by `besidesLog`). */
const ROWS_LOG_BLIND: ReadonlySet<PaneId> = new Set<PaneId>(['disks', 'writers', 'cpu', 'network']);

/** The rows of `pane` for this state, in drawn order (headers marked); null for the Log (anchored by line). */
export function paneRows(model: ModelState, pane: PaneId, view: ListsArg): readonly PaneRow[] | null {
  const device = pane === 'writers' ? selectedDevice(model, view) : null;
  const options = pane === 'writers' || pane === 'cpu' ? view.lists[pane] : null;
  const key = ROWS_LOG_BLIND.has(pane) ? besidesLog(model) : model;
  let byPane = memo.get(key);
  if (!byPane) memo.set(key, (byPane = new Map()));
  const built = byPane.get(pane) ?? [];
  const hit = built.find((b) => b.device === device && b.options === options);
  if (hit) return hit.rows;
  const rows = PANE_REGISTRY[pane].rows(key, view);
  byPane.set(pane, [{ device, options, rows }, ...built].slice(0, ROWS_KEPT));
  return rows;
}

/** Every pane's rows for this state. */
export function allPaneRows(model: ModelState, view: ListsArg): Record<PaneId, readonly PaneRow[] | null> {
  return Object.fromEntries(ALL_PANES.map((p) => [p, paneRows(model, p, view)])) as Record<PaneId, readonly PaneRow[] | null>;
}

/** The Writers pane's rows for this state (the rows `paneRows` built, typed as the Writers builder made them). */
export function writersRows(model: ModelState, view: ListsArg): readonly WriterRow[] {
  return (paneRows(model, 'writers', view) ?? []) as readonly WriterRow[];
}

/** The Memory pane's rows for this state (the rows `paneRows` built, typed as the Memory builder made them). */
export function memoryRows(model: ModelState, view: ListsArg): readonly MemoryRow[] {
  return (paneRows(model, 'memory', view) ?? []) as readonly MemoryRow[];
}
