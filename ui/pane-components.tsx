/**
 * The UI side of the pane registry (src/panes/registry.ts): which component
 * draws each pane, given the model, the view and its inner size, and the note
 * its title carries. A new pane is one entry here.
 */
import type { ReactElement } from 'react';
import type { ModelState } from '../src/model/model.js';
import type { SshClient } from '../src/stream/messages.js';
import { memoryRows, writersRows } from '../src/panes/pane-rows.js';
import { listNote, type ListPane } from '../src/core/list-options.js';
import { sanitize } from '../src/text/sanitize.js';
import type { PaneId } from '../src/core/types.js';
import type { ViewState } from '../src/view/view.js';
import { CpuPane } from './CpuPane.js';
import { DisksPane } from './DisksPane.js';
import { LogPane, logTitleNote } from './LogPane.js';
import { WritersPane } from './WritersPane.js';
import { NetworkPane } from './NetworkPane.js';
import { MemoryPane } from './MemoryPane.js';
import { memoryUrgent } from '../src/panes/memory-lines.js';

/** What a pane's component is given. */
export interface PaneArgs {
  readonly model: ModelState;
  readonly view: ViewState;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
  /** The SSH sessions' clients (the Network pane marks their ranges). */
  readonly clients?: readonly SshClient[];
}

/** How one pane is drawn. */
export interface PaneComponent {
  readonly draw: (args: PaneArgs) => ReactElement;
  readonly note?: (model: ModelState, view: ViewState) => string;
}

/** A list pane's title note: its shape, or the filter being typed. */
function listTitle(pane: ListPane, view: ViewState): string {
  const draft = view.lists.draft?.pane === pane ? `filter: ${sanitize(view.lists.draft.text, 40)}▏ (Enter applies, Esc clears)` : '';
  return draft || sanitize(listNote(pane, view.lists[pane]), 80);
}

/** Every pane's component, by id. */
export const PANE_COMPONENTS: Readonly<Record<PaneId, PaneComponent>> = {
  disks: { draw: ({ model, view, width, height, focused }) => <DisksPane model={model} width={width} height={height} selected={view.selected.disks} focused={focused} /> },
  writers: { draw: ({ model, view, width, height, focused }) => <WritersPane model={model} rows={writersRows(model, view)} width={width} height={height} selected={view.selected.writers} focused={focused} options={view.lists.writers} />, note: (_model, view) => listTitle('writers', view) },
  log: { draw: ({ model, view, width, height, focused }) => <LogPane model={model} log={view.log} width={width} height={height} focused={focused} wrap={view.zoomed} />, note: (model, view) => logTitleNote(model, view.log, view.zoomed) },
  cpu: { draw: ({ model, view, width, height, focused }) => <CpuPane model={model} width={width} height={height} selected={view.selected.cpu} focused={focused} options={view.lists.cpu} />, note: (_model, view) => listTitle('cpu', view) },
  network: { draw: ({ model, view, width, height, focused, clients }) => <NetworkPane model={model} width={width} height={height} selected={view.selected.network} focused={focused} clients={clients ?? []} /> },
  memory: { draw: ({ model, view, width, height, focused }) => <MemoryPane model={model} rows={memoryRows(model, view)} width={width} height={height} selected={view.selected.memory} focused={focused} />, note: (model) => memoryUrgent(model) ?? '' },
};
