/** The view state's types and its initial value (the reducer is in view.ts). */
import { ALL_PANES, INITIAL_LOG_VIEW, type Dialog, type Effect, type PaneId, type ViewState } from '../core/types.js';
import { INITIAL_LISTS } from '../core/list-options.js';

export type { ActionTarget, Dialog, Effect, ProcessDialog, ViewContext, ViewState } from '../core/types.js';

/** The view with `effect` added to its outbox. */
export function withEffect(view: ViewState, effect: Effect): ViewState {
  return { ...view, effects: [...view.effects, effect] };
}

/** The open dialog when it is of `kind`, else null. */
export function dialogOf<K extends Dialog['kind']>(view: Pick<ViewState, 'dialog'>, kind: K): Extract<Dialog, { kind: K }> | null {
  return view.dialog?.kind === kind ? (view.dialog as Extract<Dialog, { kind: K }>) : null;
}

/** The view at start: first present pane focused, top rows selected. */
export function initialView(panes: readonly PaneId[] = ALL_PANES): ViewState {
  return {
    mode: 'normal',
    focus: panes[0] ?? 'cpu',
    zoomed: false,
    selected: { disks: 0, writers: 0, log: 0, cpu: 0, network: 0, memory: 0 },
    anchors: { disks: null, writers: null, log: null, cpu: null, network: null, memory: null },
    frozen: null,
    quit: false,
    dialog: null,
    effects: [],
    notice: null,
    detail: null,
    servicesSelected: 0,
    servicesAnchor: null,
    log: INITIAL_LOG_VIEW,
    logDetail: null,
    netDetail: null,
    browse: null,
    helpScroll: 0,
    netScroll: 0,
    lists: INITIAL_LISTS,
  };
}
