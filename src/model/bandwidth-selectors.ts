/** Top talkers (issue 35): flows named by pid, command and unit, and the totals by process, unit and range. Pure. */
import { memoBesidesLog } from './memo.js';
import type { ModelState } from './model.js';
import { ownerName, type OwnerName } from './net-ranges.js';

/** One ranked talker: a process (or its unit) and the ranges it talks to. */
export interface TalkerRow {
  readonly key: string;
  readonly owner: OwnerName | null;
  /** The command ss gave, where the process is gone from the sample. */
  readonly comm: string;
  readonly ranges: readonly string[];
  readonly txPerSecond: number;
  readonly rxPerSecond: number;
}

/** A total by unit or by range. */
export interface TalkerTotal {
  readonly name: string;
  readonly txPerSecond: number;
  readonly rxPerSecond: number;
  readonly pids: readonly number[];
}

const add = (map: Map<string, { tx: number; rx: number; pids: Set<number>; ranges: Set<string> }>, key: string, tx: number, rx: number, pid: number | null, range: string) => {
  const e = map.get(key) ?? { tx: 0, rx: 0, pids: new Set<number>(), ranges: new Set<string>() };
  e.tx += tx;
  e.rx += rx;
  if (pid !== null) e.pids.add(pid);
  e.ranges.add(range);
  map.set(key, e);
};

/** Processes by TX + RX, busiest first, each with its ranges (busiest first). */
export const selectTalkers = memoBesidesLog((model: ModelState, _arg: null): TalkerRow[] => {
  const view = model.bandwidth?.view;
  if (!view) return [];
  const rows = new Map<string, { owner: OwnerName | null; comm: string; tx: number; rx: number; ranges: Map<string, number> }>();
  for (const f of view.flows) {
    const key = f.owner ? `${f.owner.pid}:${f.owner.startTicks}` : `-:${f.comm}`;
    const row = rows.get(key) ?? { owner: ownerName(model, f.owner), comm: f.comm, tx: 0, rx: 0, ranges: new Map<string, number>() };
    row.tx += f.txPerSecond;
    row.rx += f.rxPerSecond;
    row.ranges.set(f.range, (row.ranges.get(f.range) ?? 0) + f.txPerSecond + f.rxPerSecond);
    rows.set(key, row);
  }
  return [...rows].map(([key, r]) => ({
    key, owner: r.owner, comm: r.comm, txPerSecond: r.tx, rxPerSecond: r.rx,
    ranges: [...r.ranges].sort((a, b) => b[1] - a[1]).map(([range]) => range),
  })).sort((a, b) => b.txPerSecond + b.rxPerSecond - (a.txPerSecond + a.rxPerSecond));
});

/** Totals by remote range or by unit (processes outside a unit are left out of the latter). */
export const selectTalkerTotals = memoBesidesLog((model: ModelState, by: 'range' | 'unit'): TalkerTotal[] => {
  const view = model.bandwidth?.view;
  if (!view) return [];
  const map = new Map<string, { tx: number; rx: number; pids: Set<number>; ranges: Set<string> }>();
  for (const f of view.flows) {
    const key = by === 'range' ? f.range : ownerName(model, f.owner)?.unit;
    if (key) add(map, key, f.txPerSecond, f.rxPerSecond, f.owner?.pid ?? null, f.range);
  }
  return [...map].map(([name, e]) => ({ name, txPerSecond: e.tx, rxPerSecond: e.rx, pids: [...e.pids] }))
    .sort((a, b) => b.txPerSecond + b.rxPerSecond - (a.txPerSecond + a.rxPerSecond));
});
