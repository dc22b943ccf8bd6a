/**
 * Each pane's lines and title note, by id: what both renderers draw inside a
 * pane's border (ui/pane-components.tsx with Ink, src/draw/ straight to text).
 * A new pane is one entry here.
 */
import type { ModelState } from '../model/model.js';
import type { SshClient } from '../stream/messages.js';
import { memoryRows, writersRows } from './pane-rows.js';
import { listNote, type ListPane } from '../core/list-options.js';
import { sanitize } from '../text/sanitize.js';
import type { PaneId, ViewState } from '../core/types.js';
import { memoryUrgent } from './memory-lines.js';
import { cpuPaneLines } from './cpu-lines.js';
import { disksLines, memoryPaneLines, networkLines, writersLines } from './list-pane-lines.js';
import { logPaneLines, logTitleNote } from './log-pane-lines.js';
import type { StyledLine } from './styled.js';
import { PANE_REGISTRY } from './registry.js';

/** What a pane's lines are made from. */
export interface PaneArgs {
  readonly model: ModelState;
  readonly view: ViewState;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
  /** The SSH sessions' clients (the Network pane marks their ranges). */
  readonly clients?: readonly SshClient[];
}

/** How one pane is drawn: its lines, and the note in its title. */
export interface PaneDrawing {
  readonly lines: (args: PaneArgs) => StyledLine[];
  readonly note?: (model: ModelState, view: ViewState) => string;
}

/** A list pane's title note: its shape, or the filter being typed. */
function listTitle(pane: ListPane, view: ViewState): string {
  const draft = view.lists.draft?.pane === pane ? `filter: ${sanitize(view.lists.draft.text, 40)}▏ (Enter applies, Esc clears)` : '';
  return draft || sanitize(listNote(pane, view.lists[pane]), 80);
}

/** Every pane's drawing, by id. */
export const PANE_LINES: Readonly<Record<PaneId, PaneDrawing>> = {
  disks: { lines: ({ model, view, width, height, focused }) => disksLines(model, width, height, view.selected.disks, focused) },
  writers: { lines: ({ model, view, width, height, focused }) => writersLines(model, writersRows(model, view), width, height, view.selected.writers, focused, view.lists.writers), note: (_model, view) => listTitle('writers', view) },
  log: { lines: ({ model, view, width, height, focused }) => logPaneLines(model, view.log, width, height, focused, view.zoomed), note: (model, view) => logTitleNote(model, view.log, view.zoomed) },
  cpu: { lines: ({ model, view, width, height, focused }) => cpuPaneLines(model, width, height, view.selected.cpu, focused, view.lists.cpu), note: (_model, view) => listTitle('cpu', view) },
  network: { lines: ({ model, view, width, height, focused, clients }) => networkLines(model, width, height, view.selected.network, focused, clients ?? []) },
  memory: { lines: ({ model, view, width, height, focused }) => memoryPaneLines(model, memoryRows(model, view), width, height, view.selected.memory, focused), note: (model) => memoryUrgent(model) ?? '' },
};

/** A pane's title: its name, and how to leave the zoom when zoomed. */
export function paneTitle(id: PaneId, view: ViewState): string {
  return view.zoomed ? `${PANE_REGISTRY[id].title} [zoom: z/Esc]` : PANE_REGISTRY[id].title;
}
