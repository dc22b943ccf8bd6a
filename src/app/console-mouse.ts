/**
 * The console's side of the mouse (issue 35): a report becomes the commands
 * the keys give. A press on a pane (or on its tab, in the compact layout)
 * focuses it and selects the row its line shows (src/view/mouse.ts finds it by identity in the pane's rows of this
 * state); the wheel moves the selection; a press on a confirmation's No or
 * Yes answers it as n or y would (a typed confirmation still needs the name
 * typed). The screen line clicked is read from what the terminal last drew.
 */
import type { Command } from '../view/keymap.js';
import { answerAt, clickView, paneAt, rowOnLine, type MouseEvent } from '../view/mouse.js';
import { shownModel, type ListMeasure, type Store } from '../view/store.js';
import type { Effect } from '../view/view.js';

/** Rows one wheel step scrolls. */
export const WHEEL_ROWS = 3;

/** What the handler reads from the console. */
export interface MouseWiring {
  readonly store: Store;
  readonly size: () => { readonly width: number; readonly height: number };
  /** The text of a screen row as last drawn. */
  readonly lineText: (y: number) => string;
  /** The context a command is reduced in (this frame's pages, who runs sitrep). */
  readonly measure: () => ListMeasure;
}

/** A handler of one mouse report; returns the effects of the commands it gave. */
export function mouseHandler({ store, size, lineText, measure }: MouseWiring): (event: MouseEvent) => readonly Effect[] {
  return (event) => {
    const { view } = store.getState();
    if (event.kind === 'release') return [];
    if (view.dialog) {
      if (event.kind !== 'press') return [];
      const answer = answerAt(lineText(event.y), event.x);
      if (!answer) return [];
      const command: Command = answer === 'no' ? 'dialog.no' : view.mode === 'confirm-typed' ? 'dialog.accept' : 'dialog.yes';
      return store.dispatchCommand(command, measure());
    }
    if (view.mode !== 'normal') return [];
    const { width, height } = size();
    const model = shownModel(store.getState());
    const hit = paneAt(model, view, width, height, event.x, event.y);
    if (!hit) return [];
    const { pane, rect } = hit;
    if (hit.tab) {
      // The compact layout's tab bar: a press on a tab shows its pane (as its number key does).
      if (event.kind === 'press') store.dispatchPointer((v) => clickView(v, pane, null));
      return [];
    }
    if (event.kind === 'press') {
      // Only the pane's own part of the screen line: its neighbour's text must not name a row.
      const line = [...lineText(event.y)].slice(rect.x, rect.x + rect.width).join('');
      store.dispatchPointer((v) => clickView(v, pane, rowOnLine(model, v, pane, line)));
      return [];
    }
    store.dispatchPointer((v) => clickView(v, pane, null));
    const command: Command = event.kind === 'wheel-up' ? 'select.up' : 'select.down';
    const effects: Effect[] = [];
    for (let i = 0; i < WHEEL_ROWS; i++) effects.push(...store.dispatchCommand(command, measure()));
    return effects;
  };
}
