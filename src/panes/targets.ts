/** What an action key acts on: the process (and file), the unit, the mount or the range a pane row carries. */
import { formatTime } from '../text/format.js';
import type { ProcessTarget } from '../effects/intents.js';
import { groupOf } from '../model/groups.js';
import type { ModelState } from '../model/model.js';
import type { ProcessRow } from '../model/processes.js';
import type { ActionTarget, PaneRow } from '../core/types.js';

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

/** The process (and held file) a row acts on, locked by pid and start time; null where the row is no process, or it is gone. */
export function rowTarget(model: ModelState, row: PaneRow | undefined): ActionTarget | null {
  if (!row) return null;
  if (row.target !== undefined) return row.target;
  if (row.pid == null || row.startTicks == null) return null;
  const p = model.processes.find((q) => q.pid === row.pid && q.startTicks === row.startTicks);
  return p ? { process: processTarget(model, p), file: row.file ?? null } : null;
}

/** The service unit a row refers to: a group's unit, or its process's. */
export function rowUnit(model: ModelState, row: PaneRow | undefined): string | null {
  return row?.unit ?? rowTarget(model, row)?.process.unit ?? null;
}
