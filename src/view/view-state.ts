/** The view state's types and its initial value (the reducer is in view.ts). */
import type { HeldFile, Intent, ProcessTarget, Self } from '../effects/intents.js';
import type { Mode } from './keymap.js';
import type { ModelState } from '../model/model.js';
import type { LogLine } from '../model/log.js';
import { PRESENT_PANES, type PaneId } from './panes.js';
import type { BrowseView } from './view-browse.js';
import { INITIAL_LOG_VIEW, type ActionDialog, type LogView } from './view-log.js';
import type { UnitDialog } from './view-services.js';
import type { Anchor, KeyRow } from './view-selection.js';
import { INITIAL_LISTS, type ListsView } from '../panes/list-options.js';

/** What the user is looking at and how. */
export interface ViewState {
  readonly mode: Mode;
  readonly focus: PaneId;
  /** The focused pane takes the whole screen (z; z or Esc restores the layout). */
  readonly zoomed: boolean;
  /** Selected row index per pane, as drawn; every list starts at its top row. */
  readonly selected: Readonly<Record<PaneId, number>>;
  /** The identity of the selected row of each keyed pane: the index follows it (view-selection.ts). */
  readonly anchors: Readonly<Record<PaneId, Anchor | null>>;
  /** The model frozen by pause, or null while live. */
  readonly frozen: ModelState | null;
  readonly quit: boolean;
  /** The open confirmation, whichever it is (see Dialog); its answer starts at No. */
  readonly dialog: Dialog | null;
  /**
   * The outbox: what the console must do after this key (run an intent, cancel
   * a scan). `reduceView` hands it out as its effects and empties it; nothing
   * else leaves the reducer.
   */
  readonly effects: readonly Effect[];
  /** A one-line message from the last key (a refusal), until the next key. */
  readonly notice: string | null;
  /** The process shown in the detail overlay, locked by pid and start time. */
  readonly detail: ActionTarget | null;
  /** The selected row of the Services overlay. */
  readonly servicesSelected: number;
  /** The unit selected in the Services overlay (unit:NAME): the index follows it when the list re-sorts. */
  readonly servicesAnchor: string | null;
  /** How the Log pane is read: following or anchored, filters, search draft. */
  readonly log: LogView;
  /** The log line shown with all its fields. */
  readonly logDetail: LogLine | null;
  /** The range whose connections are listed (Enter on a Network range). */
  readonly netDetail: string | null;
  /** The drill-down, when open. */
  readonly browse: BrowseView | null;
  /** The first help line shown (the help scrolls). */
  readonly helpScroll: number;
  /** How the Writers and CPU lists are sorted, filtered, treed and collapsed. */
  readonly lists: ListsView;
}

/** What the console does for the view: the one channel out of the reducer. */
export type Effect =
  | { readonly kind: 'run'; readonly intent: Intent }
  | { readonly kind: 'cancel-scan' }
  | { readonly kind: 'rescan'; readonly dir: string }
  | { readonly kind: 'show-dir'; readonly dir: string | null }
  /** Read the host's hardware facts (the `i` overlay): they come back as a message. */
  | { readonly kind: 'hardware' };

/** The view with `effect` added to its outbox. */
export function withEffect(view: ViewState, effect: Effect): ViewState {
  return { ...view, effects: [...view.effects, effect] };
}

/** A signal or held-file truncation: the locked process, the signal chosen, the answer. */
export interface ProcessDialog {
  readonly kind: 'process';
  readonly target: ProcessTarget;
  readonly file: HeldFile | null;
  readonly signalIndex: number;
  readonly yes: boolean;
}

/**
 * The one confirmation union: a signal or held-file truncation (process), a
 * service stop or restart, typed or not (service), and a block, unblock,
 * journal, delete or path truncation (action). A later dialog is one more
 * member here and one more body in ui/Confirm.tsx.
 */
export type Dialog = ProcessDialog | ({ readonly kind: 'service' } & UnitDialog) | ({ readonly kind: 'action' } & ActionDialog);

/** The open dialog when it is of `kind`, else null. */
export function dialogOf<K extends Dialog['kind']>(view: Pick<ViewState, 'dialog'>, kind: K): Extract<Dialog, { kind: K }> | null {
  return view.dialog?.kind === kind ? (view.dialog as Extract<Dialog, { kind: K }>) : null;
}

/** What an action key would act on at a list row. */
export interface ActionTarget {
  readonly process: ProcessTarget;
  readonly file: HeldFile | null;
}

/** Facts the reducer needs from outside: list lengths and visible rows. */
export interface ViewContext {
  readonly listLength: (pane: PaneId) => number;
  readonly pageRows: (pane: PaneId) => number;
  /** The live model, frozen when pausing. */
  readonly model: ModelState;
  /** The process (and held file) at a row of a pane, if any. */
  readonly targetAt?: (pane: PaneId, index: number) => ActionTarget | null;
  readonly self?: Self;
  /** The Writers pane line of a process (the drill-down jumps there). */
  readonly writerLineOf?: (pid: number) => number | null;
  /** The mount point of a Disks row (Enter opens the drill-down there). */
  readonly mountAt?: (index: number) => string | null;
  /** The service unit at a row of a pane (a process's unit, a group's unit), if any. */
  readonly unitAt?: (pane: PaneId, index: number) => string | null;
  /** Why actions are off (--read-only, replay), or null. */
  readonly actionsOff?: string | null;
  /** How many help lines there are, and how many fit on a page (the help scrolls within them). */
  readonly helpLines?: number;
  readonly helpPage?: number;
  /** The keyed rows of a pane in drawn order (headers marked), for moves that skip headers. */
  readonly rows?: (pane: PaneId) => readonly KeyRow[] | null;
}

/** The view at start: first present pane focused, top rows selected. */
export function initialView(panes: readonly PaneId[] = PRESENT_PANES): ViewState {
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
    lists: INITIAL_LISTS,
  };
}
