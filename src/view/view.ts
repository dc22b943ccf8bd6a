/**
 * View state: focus, mode, selections and pause. A pure reducer over keymap
 * commands, so every mode and key is testable with no terminal at all.
 */
import type { Intent } from '../effects/intents.js';
import { ACTING, type Command } from './keymap.js';
import { ALL_PANES, type PaneId } from '../core/types.js';
import { answerActionDialog, moveRangeChoice, filterLog, moveLog, openBlockDialog, openJournalDialog } from './view-log.js';
import { editSearch, logReadKey } from './view-log-search.js';
import { editFilter, foldGroup, listKey } from './view-lists.js';
import { browseKey, type BrowseKey } from './view-browse.js';
import { answerUnitDialog, moveServicesSelection, openUnitLog, openUnitDialog, toggleServices, typeInDialog } from './view-services.js';
import { withEffect, type Effect, type ViewContext, type ViewState } from './view-state.js';
import { answerProcessDialog, dialogStep, openDetail, openDialog } from './view-process.js';
import { selectableNear } from './view-selection.js';
import { selectConnections } from '../model/net-ranges.js';
import { rowTarget } from '../panes/targets.js';
import type { ReplayCommand } from '../stream/replay-command.js';
import { openNetBlockDialog, openNetDetail } from './view-network.js';

export { dialogOf, initialView, type ActionTarget, type Dialog, type Effect, type ViewContext, type ViewState } from './view-state.js';

function cycleFocus(view: ViewState, step: number, panes: readonly PaneId[]): ViewState {
  const i = panes.indexOf(view.focus);
  const next = panes[(i + step + panes.length) % panes.length];
  return next ? { ...view, focus: next } : view;
}

function focusPane(view: ViewState, pane: PaneId, panes: readonly PaneId[]): ViewState {
  return panes.includes(pane) ? { ...view, focus: pane } : view;
}

function moveSelection(view: ViewState, ctx: ViewContext, move: (i: number, page: number, len: number) => number, follow = false): ViewState {
  const pane = view.focus;
  if (pane === 'log') return moveLog(view, ctx, move, follow);
  const rows = ctx.rows[pane];
  const len = rows ? rows.length : 0;
  const page = Math.max(1, ctx.pages[pane]);
  const from = view.selected[pane];
  let next = len === 0 ? 0 : Math.min(len - 1, Math.max(0, move(from, page, len)));
  // Headers are never selected: go on in the direction of the move (G lands on the last selectable row).
  if (rows) next = selectableNear(rows, next, next < from || follow ? -1 : 1);
  return { ...view, selected: { ...view.selected, [pane]: next } };
}

/** Moves the selection of whatever list the mode shows: the drill-down, the Services overlay or the focused pane. */
function moveInMode(view: ViewState, ctx: ViewContext, command: 'select.up' | 'select.down' | 'select.first' | 'select.last' | 'page.up' | 'page.down'): ViewState {
  const key = ({ 'select.up': 'up', 'select.down': 'down', 'select.first': 'first', 'select.last': 'last', 'page.up': 'pageup', 'page.down': 'pagedown' } as const)[command];
  if (view.mode === 'browse') return browseKey(view, ctx, key);
  const moves = {
    up: (i: number) => i - 1,
    down: (i: number) => i + 1,
    first: () => 0,
    last: (_i: number, _p: number, len: number) => len - 1,
    pageup: (i: number, page: number) => i - page,
    pagedown: (i: number, page: number) => i + page,
  };
  if (view.mode === 'services' && key !== 'pageup' && key !== 'pagedown') return moveServicesSelection(view, ctx, (i, len) => moves[key](i, 0, len));
  return moveSelection(view, ctx, moves[key], key === 'last');
}

/** Commands the console runs for the view: each becomes one effect and leaves the view as it was. */
const CONSOLE_COMMANDS: Readonly<Partial<Record<Command, (command: Command) => Effect>>> = {
  'screen.redraw': () => ({ kind: 'redraw' }),
  'app.suspend': () => ({ kind: 'suspend' }),
  'history.toggle': () => ({ kind: 'history' }),
  'report.write': () => ({ kind: 'report' }),
  ...Object.fromEntries((['toggle', 'back', 'forward', 'back-minute', 'forward-minute', 'slower', 'faster', 'step', 'start', 'end'] as const)
    .map((c) => [`replay.${c}`, (command: Command): Effect => ({ kind: 'replay', command: command as ReplayCommand })])),
};

/** The intent a key confirmed, if any (what a 'run' effect in the outbox carries). */
export function intentOf(view: ViewState): Intent | null {
  const run = view.effects.find((e) => e.kind === 'run');
  return run?.kind === 'run' ? run.intent : null;
}

/**
 * Applies one command and hands out what the console must do: the outbox, and
 * `show-dir` when the directory in view changed (the drill-down opened, moved
 * or closed). The returned view's outbox is empty.
 */
export function reduceView(
  view: ViewState,
  command: Command,
  ctx: ViewContext,
  panes: readonly PaneId[] = ALL_PANES,
): { readonly view: ViewState; readonly effects: readonly Effect[] } {
  const next = stepView(view, command, ctx, panes);
  return { view: next.effects.length ? { ...next, effects: [] } : next, effects: [...next.effects, ...dirEffects(view, next)] };
}

/** `show-dir` when the drill-down's directory changed between two views. */
export function dirEffects(before: ViewState, after: ViewState): Effect[] {
  const dir = after.browse?.path ?? null;
  return dir === (before.browse?.path ?? null) ? [] : [{ kind: 'show-dir', dir }];
}

/** Applies one command, effects kept in the view's outbox; `panes` are the panes present. */
export function stepView(
  view: ViewState,
  command: Command,
  ctx: ViewContext,
  panes: readonly PaneId[] = ALL_PANES,
): ViewState {
  // What the console runs (the terminal, the replay source, the history switch): one effect, the view untouched.
  const run = CONSOLE_COMMANDS[command as keyof typeof CONSOLE_COMMANDS];
  if (run) return withEffect(view, run(command));
  if (view.notice) view = { ...view, notice: null };
  // Why acting commands are off (read-only, replay) is decided once, here, from the bindings' `acts` flag.
  if (ACTING.has(command) && ctx.actionsOff) {
    const target = rowTarget(ctx.model, ctx.rows[view.focus]?.[view.selected[view.focus]])?.process ?? null;
    return withEffect({ ...view, notice: ctx.actionsOff }, { kind: 'refused', action: command.replace(/^action\./, ''), target, text: ctx.actionsOff });
  }
  switch (command) {
    case 'item.open':
      if (view.focus === 'network') return openNetDetail(view, ctx);
      return foldGroup(view, ctx, 'toggle') ?? openDetail(view, ctx);
    case 'action.kill':
      return openDialog(view, ctx, 'signal');
    case 'action.truncate':
      return openDialog(view, ctx, 'truncate');
    case 'dialog.next':
      return view.dialog?.kind === 'action' && view.dialog.choices ? moveRangeChoice(view, 1) : dialogStep(view, 1);
    case 'dialog.prev':
      return view.dialog?.kind === 'action' && view.dialog.choices ? moveRangeChoice(view, -1) : dialogStep(view, -1);
    case 'dialog.toggle':
      return view.dialog ? { ...view, dialog: { ...view.dialog, yes: !view.dialog.yes } } : view;
    case 'dialog.yes':
    case 'dialog.no':
    case 'dialog.accept': {
      const d = view.dialog;
      const yes = command === 'dialog.yes' || (command === 'dialog.accept' && (d?.yes === true || view.mode === 'confirm-typed'));
      if (d?.kind === 'action') return answerActionDialog(view, yes);
      if (d?.kind === 'service') return answerUnitDialog(view, yes);
      return answerProcessDialog(view, yes);
    }
    case 'action.stop':
      return openUnitDialog(view, ctx, 'stop');
    case 'action.restart':
      return openUnitDialog(view, ctx, 'restart');
    case 'services.toggle':
      return toggleServices(view, ctx);
    case 'services.log':
      return openUnitLog(view, ctx);
    case 'text.delete':
      return view.mode === 'log-search' ? editSearch(view, 'delete') : view.mode === 'list-filter' ? editFilter(view, 'delete') : typeInDialog(view, null);
    case 'log.search':
    case 'log.filter':
    case 'log.next':
    case 'log.prev':
      return logReadKey(view, ctx, command);
    case 'list.sort-next':
    case 'list.sort-prev':
    case 'list.filter':
    case 'list.tree':
    case 'list.toggle':
    case 'pane.left':
    case 'pane.right':
    case 'filter.accept':
    case 'filter.cancel':
      return listKey(view, ctx, command);
    case 'log.errors':
      return filterLog(view, ctx, 'errors');
    case 'log.unit':
      return filterLog(view, ctx, 'unit');
    case 'log.block':
    case 'log.unblock': {
      const op = command === 'log.block' ? 'add' : 'remove';
      return view.mode === 'net-detail' || (view.focus === 'network' && view.mode === 'normal') ? openNetBlockDialog(view, ctx, op) : openBlockDialog(view, ctx, op);
    }
    case 'journal.persist':
      return openJournalDialog(view, ctx);
    case 'browse.into':
    case 'browse.back':
    case 'browse.sort':
    case 'browse.apparent':
    case 'browse.escape':
    case 'browse.delete':
    case 'browse.truncate':
    case 'browse.writers':
    case 'browse.rescan':
      return browseKey(view, ctx, command.slice(7) as BrowseKey);
    case 'search.accept':
      return editSearch(view, 'accept', ctx);
    case 'search.cancel':
      return editSearch(view, 'cancel');
    case 'focus.next':
      return cycleFocus(view, 1, panes);
    case 'focus.prev':
      return cycleFocus(view, -1, panes);
    case 'focus.disks':
    case 'focus.writers':
    case 'focus.log':
    case 'focus.cpu':
    case 'focus.network':
    case 'focus.memory':
      return focusPane(view, command.slice(6) as PaneId, panes);
    case 'select.up':
    case 'select.down':
    case 'select.first':
    case 'select.last':
    case 'page.up':
    case 'page.down':
      return moveInMode(view, ctx, command);
    case 'hardware.toggle':
      return view.mode === 'hardware' ? { ...view, mode: 'normal' } : withEffect({ ...view, mode: 'hardware', notice: null }, { kind: 'hardware' });
    case 'messages.toggle':
      return { ...view, mode: view.mode === 'messages' ? 'normal' : 'messages', notice: null };
    case 'help.toggle':
      return { ...view, mode: view.mode === 'help' ? 'normal' : 'help', helpScroll: 0 };
    case 'help.down':
    case 'help.up':
    case 'help.pagedown':
    case 'help.pageup':
    case 'connections.down':
    case 'connections.up':
    case 'connections.pagedown':
    case 'connections.pageup': {
      const page = Math.max(1, ctx.helpPage ?? 10);
      const step = { down: 1, up: -1, pagedown: page, pageup: -page }[command.slice(command.indexOf('.') + 1) as 'down' | 'up' | 'pagedown' | 'pageup'];
      const clamp = (n: number, max: number) => Math.max(0, Math.min(max, n));
      // The help and the connections list each scroll their own lines.
      if (command.startsWith('help.')) return { ...view, helpScroll: clamp(view.helpScroll + step, ctx.helpLines ?? Infinity) };
      return { ...view, netScroll: clamp(view.netScroll + step, view.netDetail ? selectConnections(ctx.model, view.netDetail).length : 0) };
    }
    case 'fleet.up':
    case 'fleet.down':
    case 'fleet.open':
      return view; // the fleet screen's own (src/remote/fleet-screen.tsx)
    case 'screen.redraw':
    case 'history.toggle':
    case 'report.write':
    case 'app.suspend':
    case 'replay.toggle':
    case 'replay.back':
    case 'replay.forward':
    case 'replay.back-minute':
    case 'replay.forward-minute':
    case 'replay.slower':
    case 'replay.faster':
    case 'replay.step':
    case 'replay.start':
    case 'replay.end':
      return view; // handed to the console before (see CONSOLE_COMMANDS)
    case 'overlay.close':
      return { ...view, mode: 'normal', detail: null, logDetail: null, netDetail: null };
    case 'view.zoom':
      return { ...view, zoomed: !view.zoomed };
    case 'zoom.exit':
      // Esc on the main screen: unzoom; else, where Esc ends the console (a fleet's host console), go back.
      return view.zoomed ? { ...view, zoomed: false } : ctx.escapeEnds ? { ...view, quit: true } : view;
    case 'view.pause':
      return { ...view, frozen: view.frozen ? null : ctx.model };
    case 'app.quit':
      return { ...view, quit: true };
  }
}
