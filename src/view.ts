/**
 * View state: focus, mode, selections and pause. A pure reducer over keymap
 * commands, so every mode and key is testable with no terminal at all.
 */
import type { Command, Mode } from './keymap.js';
import type { ModelState } from './model/model.js';
import { ALL_PANES, PRESENT_PANES, type PaneId } from './panes.js';

/** What the user is looking at and how. */
export interface ViewState {
  readonly mode: Mode;
  readonly focus: PaneId;
  /** Selected row index per pane; every list starts at its top row. */
  readonly selected: Readonly<Record<PaneId, number>>;
  /** The model frozen by pause, or null while live. */
  readonly frozen: ModelState | null;
  readonly quit: boolean;
}

/** Facts the reducer needs from outside: list lengths and visible rows. */
export interface ViewContext {
  readonly listLength: (pane: PaneId) => number;
  readonly pageRows: (pane: PaneId) => number;
  /** The live model, frozen when pausing. */
  readonly model: ModelState;
}

/** The view at start: first present pane focused, top rows selected. */
export function initialView(panes: readonly PaneId[] = PRESENT_PANES): ViewState {
  return {
    mode: 'normal',
    focus: panes[0] ?? 'cpu',
    selected: { disks: 0, writers: 0, log: 0, cpu: 0 },
    frozen: null,
    quit: false,
  };
}

function cycleFocus(view: ViewState, step: number, panes: readonly PaneId[]): ViewState {
  const i = panes.indexOf(view.focus);
  const next = panes[(i + step + panes.length) % panes.length];
  return next ? { ...view, focus: next } : view;
}

function focusPane(view: ViewState, pane: PaneId, panes: readonly PaneId[]): ViewState {
  return panes.includes(pane) ? { ...view, focus: pane } : view;
}

function moveSelection(view: ViewState, ctx: ViewContext, move: (i: number, page: number, len: number) => number): ViewState {
  const pane = view.focus;
  const len = ctx.listLength(pane);
  const page = Math.max(1, ctx.pageRows(pane));
  const next = len === 0 ? 0 : Math.min(len - 1, Math.max(0, move(view.selected[pane], page, len)));
  return { ...view, selected: { ...view.selected, [pane]: next } };
}

/** Applies one command; `panes` are the panes present (defaults to this build's). */
export function reduceView(
  view: ViewState,
  command: Command,
  ctx: ViewContext,
  panes: readonly PaneId[] = PRESENT_PANES,
): ViewState {
  switch (command) {
    case 'focus.next':
      return cycleFocus(view, 1, panes);
    case 'focus.prev':
      return cycleFocus(view, -1, panes);
    case 'focus.disks':
    case 'focus.writers':
    case 'focus.log':
    case 'focus.cpu':
      return focusPane(view, command.slice(6) as PaneId, panes);
    case 'select.up':
      return moveSelection(view, ctx, (i) => i - 1);
    case 'select.down':
      return moveSelection(view, ctx, (i) => i + 1);
    case 'select.first':
      return moveSelection(view, ctx, () => 0);
    case 'select.last':
      return moveSelection(view, ctx, (_i, _p, len) => len - 1);
    case 'page.up':
      return moveSelection(view, ctx, (i, page) => i - page);
    case 'page.down':
      return moveSelection(view, ctx, (i, page) => i + page);
    case 'help.toggle':
      return { ...view, mode: view.mode === 'help' ? 'normal' : 'help' };
    case 'overlay.close':
      return { ...view, mode: 'normal' };
    case 'view.pause':
      return { ...view, frozen: view.frozen ? null : ctx.model };
    case 'app.quit':
      return { ...view, quit: true };
  }
}

/** The focus order of present panes, for the tab bar and for Tab. */
export function paneOrder(panes: readonly PaneId[] = PRESENT_PANES): PaneId[] {
  return ALL_PANES.filter((p) => panes.includes(p));
}
