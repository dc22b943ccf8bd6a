/**
 * The view core's leaf: the types the view (src/view) and the panes
 * (src/panes) share, and nothing that imports either. Panes build rows of
 * these shapes; the view reduces keys over them; ui/ draws them.
 */
import type { HeldFile, Intent, ProcessTarget, Self, ServiceVerb, UnitTarget } from '../effects/intents.js';
import type { ModelState } from '../model/model.js';
import type { LogLine } from '../model/log.js';
import { NO_FILTER, type LogFilter } from '../model/log-selectors.js';
import type { BrowseSort } from '../model/browse-selectors.js';
import type { ListsView } from './list-options.js';
import type { ReplayCommand } from '../stream/replay-command.js';
import type { SshClient } from '../stream/messages.js';

/** Identifier of a pane; numbers 1-6 focus them in this order. */
export type PaneId = 'disks' | 'writers' | 'log' | 'cpu' | 'network' | 'memory';

/** All panes in key order (1 Disks, 2 Writers, 3 Log, 4 CPU, 5 Network, 6 Memory); the layout draws Memory only when urgent or focused (layout.ts). */
export const ALL_PANES: readonly PaneId[] = ['disks', 'writers', 'log', 'cpu', 'network', 'memory'];

/**
 * One row of a pane as every reader sees it (selection, actions, page sizes,
 * drawing): its identity, and what an action at it targets. Built once per
 * state by the pane's row builder (src/panes/pane-rows.ts); text is made at
 * draw width by the pane's component, never here.
 */
export interface PaneRow extends KeyRow {
  /** The process at the row, locked by pid and start time (K, T, Enter, d). */
  readonly pid?: number | null;
  readonly startTicks?: number | null;
  /** A deleted-but-open file's descriptor (T truncates it). */
  readonly file?: HeldFile | null;
  /** The service unit at the row (S, R): a group's unit or a process's. */
  readonly unit?: string | null;
  /** A Disks row's device and mount point (Enter opens the drill-down there). */
  readonly device?: string | null;
  readonly mount?: string | null;
  /** A Network row's remote range (Enter, b, B). */
  readonly range?: string | null;
  /** The target itself, when the row already holds it (tests; rows over a locked target). */
  readonly target?: ActionTarget | null;
}

/** How the Log pane is being read. */
export interface LogView {
  /** The selected line's seq, or null while following the tail. */
  readonly anchor: number | null;
  readonly filter: LogFilter;
  /** What is being typed after '/' (a search) or '&' (a filter), or null. */
  readonly draft: string | null;
  readonly draftKind: 'search' | 'filter';
  /** The search n and N jump between (matches are highlighted); '' for none. */
  readonly search: string;
  /** Columns the messages are scrolled to the right (← →). */
  readonly hscroll: number;
}

/** A confirmation for a block or the journal fix: what, in lines, and No by default. */
export interface ActionDialog {
  readonly intent: Intent;
  readonly title: string;
  readonly lines: readonly string[];
  readonly yes: boolean;
  /**
   * Ranges to pick from (↑/↓) when the line is in no known format, so sitrep
   * proposes none; `choice` is null until the admin picks. The intent's range
   * is then the one picked.
   */
  readonly choices?: readonly string[];
  readonly choice?: number | null;
  /** The directory being scanned again so the dialog quotes fresh figures; y waits for it. */
  readonly measuring?: string | null;
}

/** Following, unfiltered. */
export const INITIAL_LOG_VIEW: LogView = { anchor: null, filter: NO_FILTER, draft: null, draftKind: 'search', search: '', hscroll: 0 };

/** An open stop / restart confirmation. */
export interface UnitDialog {
  readonly verb: ServiceVerb;
  readonly target: UnitTarget;
  readonly yes: boolean;
  /** What the admin typed, when the stop needs the unit name typed. */
  readonly typed: string;
}

/** The browser's state. */
export interface BrowseView {
  readonly path: string;
  readonly sort: BrowseSort;
  readonly apparent: boolean;
  readonly selected: number;
  /** The selected child's name (its key is path:DIR/NAME): the index follows it when the rows re-sort. */
  readonly anchor: string | null;
}

/** UI modes: which keys apply depends on the mode, which lives in state. */
export type Mode =
  | 'normal' | 'help' | 'messages' | 'detail' | 'services' | 'hardware' | 'log-detail' | 'net-detail' | 'log-search' | 'list-filter' | 'browse'
  | 'confirm-signal' | 'confirm-truncate' | 'confirm-service' | 'confirm-typed' | 'confirm-action';

/** A list row as the selection sees it. */
export interface KeyRow {
  readonly key: string;
  /** How the status line names it. */
  readonly label: string;
  readonly header?: boolean;
}

/** The selected row's identity in a pane, or null before the first anchor. */
export interface Anchor {
  readonly key: string;
  readonly label: string;
}

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
  /** The first connection shown in the open range's list (net-detail). */
  readonly netScroll: number;
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
  | { readonly kind: 'hardware' }
  /** The terminal: redraw it whole (C-l), suspend (C-z). */
  | { readonly kind: 'redraw' }
  | { readonly kind: 'suspend' }
  /** H: switch between live and the flight recorder's history. */
  | { readonly kind: 'history' }
  /** A replay transport key, for the replay source. */
  | { readonly kind: 'replay'; readonly command: ReplayCommand }
  /** W: write the incident report of the session so far to a new file. */
  | { readonly kind: 'report' }
  /** An action refused before its dialog (pid 1, read-only, an SSH client's range): written to the audit trail. */
  | { readonly kind: 'refused'; readonly action: string; readonly target: ProcessTarget | null; readonly text: string };

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

/** What an action key would act on at a list row. */
export interface ActionTarget {
  readonly process: ProcessTarget;
  readonly file: HeldFile | null;
}

/**
 * What the reducer reads besides the view: the model on screen, each pane's
 * keyed rows for this state (from `paneRows`, built once per state) and the
 * rows a page holds in each pane (from this frame's layout). Data only: the
 * view never calls back into the panes.
 */
export interface ViewContext {
  /** The model on screen (the frozen one while paused). */
  readonly model: ModelState;
  /** Each pane's rows in drawn order (headers marked); null for the Log (anchored by line). */
  readonly rows: Readonly<Record<PaneId, readonly PaneRow[] | null>>;
  /** Rows one page holds in each pane as laid out now. */
  readonly pages: Readonly<Record<PaneId, number>>;
  readonly self?: Self;
  /** Why actions are off (--read-only, replay), or null. */
  readonly actionsOff?: string | null;
  /** How many help lines there are, and how many fit on a page (the help scrolls within them). */
  readonly helpLines?: number;
  readonly helpPage?: number;
  /** Esc on the main screen ends the console (a fleet's host console goes back to the fleet). */
  readonly escapeEnds?: boolean;
}

/** What a whole screen is drawn from, by either renderer (src/draw/screen.ts, ui/App.tsx). */
export interface ScreenArgs {
  /** The model on screen (the frozen one while paused). */
  readonly model: ModelState;
  /** The live model, for the status line. */
  readonly live: ModelState;
  readonly view: ViewState;
  readonly width: number;
  readonly height: number;
  readonly panes?: readonly PaneId[];
  /** A standing marker for the status line (REC, REPLAY …). */
  readonly banner?: { readonly text: string; readonly alert: boolean; readonly short?: string } | null;
  /** Actions are off (--read-only): the status line says READ-ONLY. */
  readonly readOnly?: boolean;
  /** The SSH sessions' clients: the Network pane marks their ranges. */
  readonly sshClients?: readonly SshClient[];
}
