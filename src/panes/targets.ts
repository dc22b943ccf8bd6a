/** What an action key acts on: the process (and file) at a row of a pane. */
import { formatTime } from '../text/format.js';
import type { ProcessTarget } from '../effects/intents.js';
import { groupOf } from '../model/groups.js';
import type { ModelState } from '../model/model.js';
import type { ProcessRow } from '../model/processes.js';
import type { PaneId } from '../view/panes.js';
import type { ActionTarget, ViewState } from '../view/view.js';
import { selectFilesystems } from '../model/disk-selectors.js';
import { writersPaneLines } from './writer-lines.js';
import { cpuRows } from './cpu-rows.js';
import { INITIAL_LISTS, type ListsView } from './list-options.js';
import { memoryRows } from './memory-lines.js';

/** When a process started, the one way sitrep writes a moment: 'HH:MM:SS' on the day of the sample on screen, else 'YYYY-MM-DD HH:MM:SS'. */
export function started(model: ModelState, startTicks: number): string {
  const h = model.header;
  if (!h) return '?';
  return formatTime(h.bootTime + (startTicks / h.clockTicks) * 1000, model.lastSampleAt ?? undefined);
}

/** A process row as an action target, locked by pid and start time. */
export function processTarget(model: ModelState, row: ProcessRow): ProcessTarget {
  return {
    pid: row.pid,
    startTicks: row.startTicks,
    comm: row.comm,
    command: row.cmdline || `[${row.comm}]`,
    user: row.user,
    unit: groupOf(row.cgroup).unit,
    kernelThread: row.kernelThread,
    started: started(model, row.startTicks),
  };
}

/** The device of the filesystem selected in the Disks pane. */
export function selectedDevice(model: ModelState, view: Pick<ViewState, 'selected'>): string | null {
  return selectFilesystems(model)[view.selected.disks]?.device ?? null;
}

/** The target at `index` of `pane` (its list shaped by `lists`), or null where the row is not a process. */
export function targetAt(model: ModelState, pane: PaneId, index: number, device: string | null = null, lists: ListsView = INITIAL_LISTS): ActionTarget | null {
  if (pane === 'cpu') {
    const row = cpuRows(model, lists.cpu)[index]?.row;
    return row ? { process: processTarget(model, row), file: null } : null;
  }
  if (pane === 'memory') {
    const t = memoryRows(model, 80)[index]?.target;
    const row = t ? model.processes.find((p) => p.pid === t.pid && p.startTicks === t.startTicks) : undefined;
    return row ? { process: processTarget(model, row), file: null } : null;
  }
  if (pane === 'writers') {
    const line = writersPaneLines(model, 80, device, lists.writers)[index];
    if (!line || line.pid === null || line.startTicks === null) return null;
    const row = model.processes.find((p) => p.pid === line.pid && p.startTicks === line.startTicks);
    return row ? { process: processTarget(model, row), file: line.file } : null;
  }
  return null;
}

/** The service unit at `index` of `pane`: a process's unit, or a Writers group's. */
export function unitAt(model: ModelState, pane: PaneId, index: number, device: string | null = null, lists: ListsView = INITIAL_LISTS): string | null {
  if (pane === 'writers') {
    const line = writersPaneLines(model, 80, device, lists.writers)[index];
    if (line?.unit) return line.unit;
  }
  return targetAt(model, pane, index, device, lists)?.process.unit ?? null;
}
