/**
 * The pane registry: everything the core knows about a pane, in one entry:
 * its title, its row builder (keyed rows carrying their targets; the
 * selection, the actions, the page sizes and the drawing all read them through
 * `paneRows`, built once per state), the rows a page holds inside its
 * rectangle, and the height it would like. A new pane is its rows module, its
 * lines (src/panes/pane-lines.ts) and one entry here.
 */
import type { ModelState } from '../model/model.js';
import { selectFilesystems } from '../model/disk-selectors.js';
import type { PaneId, PaneRow, ViewState } from '../core/types.js';
import { cpuPaneLayout } from './cpu-layout.js';
import { cpuRows } from './cpu-rows.js';
import { disksWantedRows } from './disk-lines.js';
import { logTailRows } from './log-lines.js';
import { netPaneLines, netWantedRows } from './net-lines.js';
import { writerRows, writersListLength } from './writer-lines.js';
import { memoryPaneRows, memoryPlacement, memoryWantedRows } from './memory-lines.js';

/** What the core knows about one pane. */
export interface PaneSpec {
  readonly title: string;
  /**
   * Its row builder: rows in drawn order with their keys and targets, no text
   * (text is made at draw width); null when it anchors another way (the Log,
   * by line). Read it through `paneRows` (pane-rows.ts), which builds once per
   * state.
   */
  readonly rows: (model: ModelState, view: ListsArg) => readonly PaneRow[] | null;
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

/** The device of the filesystem selected in the Disks pane (the Writers order puts its writers first). */
export function selectedDevice(model: ModelState, view: Pick<ViewState, 'selected'>): string | null {
  return selectFilesystems(model)[view.selected.disks]?.device ?? null;
}

/** Every pane, by id. */
export const PANE_REGISTRY: Readonly<Record<PaneId, PaneSpec>> = {
  disks: {
    title: 'Disks',
    rows: (model) => selectFilesystems(model).map((f) => ({ key: `fs:${f.device}`, label: f.mountPoint, device: f.device, mount: f.mountPoint })),
    pageRows: listPage,
    wants: (model) => disksWantedRows(model) + 2,
  },
  writers: {
    title: 'Writers',
    rows: (model, view) => writerRows(model, selectedDevice(model, view), view.lists.writers),
    pageRows: listPage,
    wants: (model) => Math.max(2, 1 + writersListLength(model)) + 2,
  },
  log: {
    title: 'Log',
    rows: () => null,
    pageRows: (model, view, inner) => logTailRows(model, view.log, inner.width, inner.height),
  },
  cpu: {
    title: 'CPU',
    rows: (model, view) => cpuRows(model, view.lists.cpu).map(({ row: p }) => ({ key: `proc:${p.pid}:${p.startTicks}`, label: `${p.pid} (${p.comm})`, pid: p.pid, startTicks: p.startTicks })),
    pageRows: (model, _view, inner) => Math.max(1, cpuPaneLayout(inner.width, inner.height, model.cpuCores.length, model.pressure !== null).tableRows - 1),
  },
  network: {
    title: 'Network',
    rows: (model) => netPaneLines(model, 80).map((l) => ({ key: l.key, label: l.label, header: l.header, range: l.key.startsWith('range:') ? l.key.slice(6) : null })),
    pageRows: (_m, _v, inner) => Math.max(1, inner.height - 2),
    wants: (model) => netWantedRows(model),
  },
  memory: {
    title: 'Memory',
    rows: (model) => memoryPaneRows(model),
    pageRows: (_m, _v, inner) => Math.max(1, inner.height),
    wants: (model) => memoryWantedRows(model),
    placement: memoryPlacement,
  },
};
