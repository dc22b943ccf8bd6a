/**
 * Rows of the Memory pane, built once per model state: the system figures,
 * the time to OOM, the limited cgroups (nearest limit first), the growers
 * (selectable: K, S/R and Enter act on their process) and the OOM kills
 * already done. Each row has its key and, for a grower, its target. Pure.
 */
import { KILL_REASON, selectMemoryView, type CgroupView, type GrowerView, type MemoryView } from '../model/memory-selectors.js';
import type { ModelState } from '../model/model.js';
import { memoByState } from '../model/memo.js';
import { formatBytes, formatDuration, formatPercent, formatTime } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';
import { fit } from '../text/width.js';

/** One drawn row with the key the selection follows, and what an action key acts on. */
export interface MemoryRow {
  readonly key: string;
  readonly label: string;
  readonly text: string;
  readonly tone: 'alert' | 'warn' | 'plain' | 'dim' | 'title';
  readonly header?: boolean;
  /** A grower's process (pid and start time lock it), or null. */
  readonly target: { readonly pid: number; readonly startTicks: number } | null;
  /** A grower's unit, or null. */
  readonly unit: string | null;
}

/** OOM kills the pane lists, newest first (the snapshot has them all). */
export const OOMS_SHOWN = 3;

const rateText = (n: number | null) => (n === null ? '-' : `${n < 0 ? '-' : '+'}${formatBytes(Math.abs(n))}/s`);
const info = (key: string, text: string, tone: MemoryRow['tone'] = 'plain', header = false): MemoryRow => ({ key, label: text, text, tone, header, target: null, unit: null });

/** The system figures, packed into lines of `width`. */
export function systemLines(v: MemoryView, width: number): string[] {
  const r = v.rates;
  const parts = [
    `used ${formatBytes(v.used)}/${formatBytes(v.total)}`,
    `avail ${formatBytes(v.available)}${v.availableTrend === null ? '' : ` (${rateText(v.availableTrend)})`}`,
    `cache ${formatBytes(v.cache)}`,
    `dirty ${formatBytes(v.dirty)} wb ${formatBytes(v.writeback)}`,
    v.swapTotal > 0 ? `swap ${formatBytes(v.swapUsed)}/${formatBytes(v.swapTotal)}` : 'no swap',
    `si ${r ? formatBytes(r.swapInPerS) : '-'}/s so ${r ? formatBytes(r.swapOutPerS) : '-'}/s`,
    `majflt ${r ? Math.round(r.majorFaultsPerS) : '-'}/s`,
    v.psi ? `PSI some ${formatPercent(v.psi.someAvg10)}/${formatPercent(v.psi.someAvg60)} full ${formatPercent(v.psi.fullAvg10)}/${formatPercent(v.psi.fullAvg60)}` : 'PSI -',
  ];
  const lines: string[] = [];
  let line = '';
  for (const p of parts) {
    if (line && line.length + 3 + p.length > width) {
      lines.push(line);
      line = p;
    } else line = line ? `${line} · ${p}` : p;
  }
  if (line) lines.push(line);
  return lines;
}

function cgroupText(c: CgroupView, width: number): string {
  const pct = c.limit > 0 ? Math.round((c.usage / c.limit) * 100) : 0;
  const left = c.secondsToLimit === null ? (c.leak ? 'leak' : '') : `limit in ${formatDuration(c.secondsToLimit)}`;
  const ev = c.events ? ` ev high ${c.events.high} max ${c.events.max} oom ${c.events.oom} kill ${c.events.oomKill}` : '';
  const tail = ` ${formatBytes(c.usage)}/${formatBytes(c.limit)} ${String(pct).padStart(3)}% ${rateText(c.slope).padStart(8)} ${left}${ev}`;
  return fit(sanitize(c.path, 200), Math.max(8, width - tail.length)) + tail;
}

function growerText(g: GrowerView, width: number): string {
  const split = g.anonPerS === null ? '' : ` anon ${rateText(g.anonPerS)} file ${rateText(g.filePerS)} shm ${rateText(g.shmemPerS)}`;
  const name = `${g.pid} ${sanitize(g.comm, 16)}`;
  const tail = ` ${formatBytes(g.rssBytes).padStart(6)} ${String(Math.round(g.share * 100)).padStart(3)}% ${rateText(g.growthPerS).padStart(9)}${g.leak ? ' LEAK' : ''}${split}${g.unit ? ` ${sanitize(g.unit, 40)}` : ''}`;
  return fit(name, Math.max(10, Math.min(24, width - tail.length))) + tail;
}

function build(model: ModelState, width: number): MemoryRow[] {
  const v = selectMemoryView(model, null);
  if (!v) return [];
  const rows: MemoryRow[] = [];
  // a kill alone (the pane in the optional place, a few rows): the kills first
  const killsFirst = v.urgent === KILL_REASON;
  const pushKills = () => {
    if (v.oomKills.length > 0) {
      // first (the pane a few rows high in the optional place): the newest only
      const kills = v.oomKills.slice(killsFirst ? -1 : -OOMS_SHOWN).reverse();
      if (!killsFirst) rows.push(info('h:ooms', `OOM KILLS (10m: ${v.oomKills.length})`, 'title', true));
      for (const k of kills) {
        const text = `${formatTime(k.t, model.lastSampleAt ?? undefined)} killed ${k.pid ?? '?'} (${sanitize(k.victim, 32)})${k.cgroup ? ` in ${sanitize(k.cgroup, 120)}` : ''}`;
        rows.push(info(`oom:${k.t}:${k.pid ?? ''}`, text, 'alert'));
      }
    }
  };
  if (killsFirst) pushKills();
  rows.push(...systemLines(v, width).map((t, i) => info(`sys:${i}`, t)));
  rows.push(v.secondsToOom === null ? info('oom', 'time to OOM: none within 30m', 'dim') : info('oom', `time to OOM: ${formatDuration(v.secondsToOom)}`, 'alert'));
  if (!killsFirst) pushKills();
  if (v.cgroups.length > 0) {
    rows.push(info('h:cgroups', 'CGROUP  USAGE/LIMIT  TREND  TIME TO LIMIT', 'title', true));
    for (const c of v.cgroups) rows.push(info(`cg:${c.path}`, cgroupText(c, width), c.secondsToLimit !== null ? 'alert' : c.leak || c.usage > 0.9 * c.limit ? 'warn' : 'plain'));
  }
  rows.push(info('h:growers', v.growers.length ? 'GROWERS  PID NAME  RSS  SHARE  GROWTH' : 'growers: no process growing', 'title', true));
  for (const g of v.growers) {
    rows.push({ key: `proc:${g.pid}:${g.startTicks}`, label: `${g.pid} (${sanitize(g.comm, 16)})`, text: growerText(g, width), tone: g.leak ? 'alert' : 'plain', target: { pid: g.pid, startTicks: g.startTicks }, unit: g.unit });
  }
  return rows;
}

/** Keys made unique (a hostile recording may list one cgroup or process twice): the second gets #2. */
function uniqueKeys(rows: MemoryRow[]): MemoryRow[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const n = (seen.get(r.key) ?? 0) + 1;
    seen.set(r.key, n);
    return n === 1 ? r : { ...r, key: `${r.key}#${n}` };
  });
}

const byWidth = memoByState((model: ModelState, width: string) => uniqueKeys(build(model, Number(width))));

/** The Memory pane's rows for `width` cells (memoised per model state and width). */
export function memoryRows(model: ModelState, width: number): MemoryRow[] {
  return byWidth(model, String(width));
}

/** Rows the pane would like, border included (the layout caps it; in the optional place, pane-wants.ts caps it at Network's). */
export function memoryWantedRows(model: ModelState): number {
  return memoryRows(model, 80).length + 2;
}

/** Why memory is urgent now (the layout gives it the space), or null. */
export function memoryUrgent(model: ModelState): string | null {
  return selectMemoryView(model, null)?.urgent ?? null;
}

/**
 * Where Memory goes on the first screen: on top while the incident is live (a
 * countdown, PSI full, a swap storm), in the optional pane's place when only
 * a recent OOM kill makes it urgent (it already happened), else nowhere.
 */
export function memoryPlacement(model: ModelState): 'top' | 'slot' | null {
  const why = memoryUrgent(model);
  return why === null ? null : why === KILL_REASON ? 'slot' : 'top';
}
