/**
 * The pane registry: everything the core knows about a pane, in one entry:
 * its title, its keyed rows (so the selection follows them), its list length,
 * the rows a page holds inside its rectangle, and the height it would like. A
 * new pane is its rows module, its component (ui/pane-components.tsx) and one
 * entry here.
 */
import type { ModelState } from '../model/model.js';
import { selectFilesystems } from '../model/disk-selectors.js';
import type { PaneId } from '../view/panes.js';
import type { KeyRow } from '../view/view-selection.js';
import type { ViewState } from '../view/view-state.js';
import { cpuPaneLayout } from './cpu-layout.js';
import { cpuRows } from './cpu-rows.js';
import { disksWantedRows } from './disk-lines.js';
import { logTailRows } from './log-lines.js';
import { netPaneLines, netWantedRows } from './net-lines.js';
import { selectedDevice } from './targets.js';
import { writersListLength, writersPaneLines } from './writer-lines.js';
import { memoryPlacement, memoryRows, memoryWantedRows } from './memory-lines.js';

/** What the core knows about one pane. */
export interface PaneSpec {
  readonly title: string;
  /** Its rows in drawn order with their keys; null when it anchors another way (the Log, by line). */
  readonly rows: (model: ModelState, view: ListsArg) => KeyRow[] | null;
  readonly length: (model: ModelState, view: ListsArg) => number;
  /** Rows one page holds inside `inner` (the pane less its border). */
  readonly pageRows: (model: ModelState, view: Pick<ViewState, 'log'>, inner: { width: number; height: number }) => number;
  /** Rows it would like, border included (the layout caps them); absent: a share of the screen. */
  readonly wants?: (model: ModelState) => number;
  /** Where the pane must be on the first screen now: 'top' (it takes the space), 'slot' (the optional pane's place), or null; absent: never. */
  readonly placement?: (model: ModelState) => 'top' | 'slot' | null;
}

/** What a pane's rows depend on in the view: the Disks selection (Writers' order) and the list options. */
export type ListsArg = Pick<ViewState, 'selected' | 'lists'>;

const listPage = (_m: ModelState, _v: unknown, inner: { height: number }) => Math.max(1, inner.height - 1);

/** Every pane, by id. */
export const PANE_REGISTRY: Readonly<Record<PaneId, PaneSpec>> = {
  disks: {
    title: 'Disks',
    rows: (model) => selectFilesystems(model).map((f) => ({ key: `fs:${f.device}`, label: f.mountPoint })),
    length: (model) => model.filesystems?.size ?? 0,
    pageRows: listPage,
    wants: (model) => disksWantedRows(model) + 2,
  },
  writers: {
    title: 'Writers',
    rows: (model, view) => writersPaneLines(model, 80, selectedDevice(model, view), view.lists.writers),
    length: (model, view) => writersListLength(model, view.lists.writers),
    pageRows: listPage,
    wants: (model) => Math.max(2, 1 + writersListLength(model)) + 2,
  },
  log: {
    title: 'Log',
    rows: () => null,
    length: (model) => model.log?.lines.length ?? 0,
    pageRows: (model, view, inner) => logTailRows(model, view.log, inner.width, inner.height),
  },
  cpu: {
    title: 'CPU',
    rows: (model, view) => cpuRows(model, view.lists.cpu).map(({ row: p }) => ({ key: `proc:${p.pid}:${p.startTicks}`, label: `${p.pid} (${p.comm})` })),
    length: (model, view) => cpuRows(model, view.lists.cpu).length,
    pageRows: (model, _view, inner) => Math.max(1, cpuPaneLayout(inner.width, inner.height, model.cpuCores.length, model.pressure !== null).tableRows - 1),
  },
  network: {
    title: 'Network',
    rows: (model) => netPaneLines(model, 80),
    length: (model) => netPaneLines(model, 80).length,
    pageRows: (_m, _v, inner) => Math.max(1, inner.height - 2),
    wants: (model) => netWantedRows(model),
  },
  memory: {
    title: 'Memory',
    rows: (model) => memoryRows(model, 80),
    length: (model) => memoryRows(model, 80).length,
    pageRows: (_m, _v, inner) => Math.max(1, inner.height),
    wants: (model) => memoryWantedRows(model),
    placement: memoryPlacement,
  },
};
