/**
 * The store: holds the model and the view state, applies messages and keys,
 * and tells subscribers when something changed. The UI renders from
 * `getState()`; it never learns which source fed the model.
 */
import { commandFor, type Command, type KeyContext } from './keymap.js';
import { ALL_PANES } from '../core/types.js';
import type { Message } from '../stream/messages.js';
import { initialModel, reduce, type ModelState } from '../model/model.js';
import { dirEffects, initialView, reduceView, type Effect, type ViewContext, type ViewState } from './view.js';
import { typeInDialog } from './view-services.js';
import { editSearch } from './view-log-search.js';
import { editFilter } from './view-lists.js';
import { autoRescan, openBrowse, remeasured } from './view-browse.js';
import { allPaneRows } from '../panes/pane-rows.js';
import { reanchor, reanchorAll, reanchorBrowse, reanchorServices, syncAllAnchors } from './view-selection.js';
import type { PaneId } from '../core/types.js';

/** Commands that choose a row in the focused list. */
const SELECTING: ReadonlySet<Command> = new Set(['select.up', 'select.down', 'select.first', 'select.last', 'page.up', 'page.down']);

/** A consistent pair of model and view. */
export interface StoreState {
  /** The live model; collection never stops, even when paused. */
  readonly model: ModelState;
  readonly view: ViewState;
}

/** The model the screen should show: the frozen one while paused. */
export function shownModel(state: StoreState): ModelState {
  return state.view.frozen ?? state.model;
}

/** What the console gives a key besides the state: the frame's page sizes, who runs sitrep, whether actions are off, the help's size. */
export type ListMeasure = Omit<ViewContext, 'model' | 'rows'>;

/** Holds state and notifies listeners on change. */
export class Store {
  private state: StoreState;
  private readonly listeners = new Set<() => void>();

  constructor(model: ModelState = initialModel(), view: ViewState = initialView()) {
    this.state = { model, view };
  }

  /** The current state. */
  getState(): StoreState {
    return this.state;
  }

  /** Registers a change listener; returns its removal. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Feeds one stream message into the model; new rows re-anchor the selections
   * (not while paused). A finished scan brings a measuring dialog its fresh
   * figures. Returns what the console must do: a scan of the directory in view
   * once its filesystem has moved past the scan's error.
   */
  dispatchMessage(message: Message): readonly Effect[] {
    const model = reduce(this.state.model, message);
    const live = !this.state.view.frozen;
    let view = live && message.kind === 'sample' ? reanchorServices(reanchor(this.state.view, model), model)
      : live && (message.kind === 'scan' || message.kind === 'growth') ? reanchorBrowse(this.state.view, model)
      : this.state.view;
    if (message.kind === 'scan' && message.state !== 'running') view = remeasured(view, model, message.dir);
    // The status line shows the newest news: an event (an action's outcome, an error) replaces an older notice.
    if (message.kind === 'event' && view.notice) view = { ...view, notice: null };
    this.set({ model, view });
    return message.kind === 'sample' ? autoRescan(view, model) : [];
  }

  /** Maps a key to its command and applies it; returns what the console must do (effects). */
  dispatchKey(key: string, measure: ListMeasure, panes?: readonly PaneId[], context: KeyContext = 'live'): readonly Effect[] {
    const command = commandFor(key, this.state.view.mode, context);
    if (!command) {
      // A typed confirmation takes printable characters as text.
      const mode = this.state.view.mode;
      const char = key === 'space' ? ' ' : key;
      const printable = [...char].length === 1 && char >= ' ';
      if (printable && mode === 'confirm-typed') this.set({ ...this.state, view: typeInDialog(this.state.view, char) });
      if (printable && mode === 'log-search') this.set({ ...this.state, view: editSearch(this.state.view, char) });
      if (printable && mode === 'list-filter') this.set({ ...this.state, view: editFilter(this.state.view, char) });
      return [];
    }
    // While paused every key reads the frozen model, the one on screen; data keeps arriving into the live one.
    const shown = shownModel(this.state);
    const before = this.state.view;
    const ctx: ViewContext = { ...measure, model: shown, rows: allPaneRows(shown, before) };
    const { view, effects } = reduceView(before, command, ctx, panes);
    // Leaving pause finds each selection again by its key in the live model; any other key anchors the row it moved to.
    const leftPause = before.frozen !== null && view.frozen === null;
    // The admin chose a row in a pane when the key was a selection move there, or it moved that pane's index.
    const chose = new Set(ALL_PANES.filter((p) => view.selected[p] !== before.selected[p] || (SELECTING.has(command) && p === before.focus && before.mode === 'normal')));
    const anchored = leftPause ? reanchorAll(view, this.state.model) : syncAllAnchors(view, shownModel({ ...this.state, view }), chose);
    this.set({ ...this.state, view: anchored });
    return effects;
  }

  /** Replaces the model (a replay seek restores a checkpoint). */
  replaceModel(model: ModelState): void {
    this.set({ model, view: this.state.view.frozen ? this.state.view : reanchorAll(this.state.view, model) });
  }

  /** Opens the drill-down at `dir` (--dir); returns its effects (show the directory). */
  openDir(dir: string): readonly Effect[] {
    const before = this.state.view;
    const view = openBrowse(before, dir);
    this.set({ ...this.state, view });
    return dirEffects(before, view);
  }

  private set(next: StoreState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
