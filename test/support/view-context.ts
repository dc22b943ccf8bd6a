/**
 * The view reducer's context for tests, instead of hand-written literals: a
 * model, `rows` plain rows in every list pane (or rows carrying `targets` /
 * `units`), and one page size for every pane. Production builds the same
 * shape from the real rows and layout (src/panes/measure.ts viewContext).
 */
import { initialModel, type ModelState } from '../../src/model/model.js';
import { ALL_PANES, type ActionTarget, type PaneId, type PaneRow, type ViewContext } from '../../src/core/types.js';
import type { ListMeasure } from '../../src/view/store.js';

/** What a test says about the context. */
export interface TestContext extends Omit<ViewContext, 'model' | 'rows' | 'pages'> {
  readonly model?: ModelState;
  /** This many plain rows in every list pane (the Log has none: it anchors by line). */
  readonly rows?: number;
  /** Rows carrying these targets (K, T, Enter act on them). */
  readonly targets?: readonly (ActionTarget | null)[];
  /** Rows carrying these units (S, R act on them). */
  readonly units?: readonly (string | null)[];
  /** Rows one page holds, in every pane. */
  readonly page?: number;
}

/** Every pane's page size set to `page`. */
export function pages(page = 10): Record<PaneId, number> {
  return Object.fromEntries(ALL_PANES.map((p) => [p, page])) as Record<PaneId, number>;
}

/** What a Store key needs besides the state (its rows come from the store's own model). */
export function testMeasure(page = 10, extra: Omit<ListMeasure, 'pages'> = {}): ListMeasure {
  return { ...extra, pages: pages(page) };
}

/** A view context for the reducer. */
export function testContext(t: TestContext = {}): ViewContext {
  const { model, rows, targets, units, page, ...rest } = t;
  const n = targets?.length ?? units?.length ?? rows ?? 0;
  const list: PaneRow[] = Array.from({ length: n }, (_, i) => ({
    key: `row:${i}`,
    label: `row ${i}`,
    ...(targets ? { target: targets[i] ?? null } : {}),
    ...(units ? { unit: units[i] ?? null } : {}),
  }));
  const byPane = Object.fromEntries(ALL_PANES.map((p) => [p, p === 'log' ? null : list])) as Record<PaneId, readonly PaneRow[] | null>;
  return { ...rest, model: model ?? initialModel(), rows: byPane, pages: pages(page) };
}
