/**
 * Rows of the Memory pane, built once per model state (through `paneRows`):
 * the system figures, the time to OOM, the limited cgroups (nearest limit
 * first), the growers (selectable: K, S/R and Enter act on their process,
 * locked by pid and start time) and the OOM kills already done. A row holds
 * its key, its target and how to draw itself at a width; no text is made
 * until the pane is drawn. Pure.
 */
import { KILL_REASON, selectMemoryView, type CgroupView, type GrowerView, type MemoryView } from '../model/memory-selectors.js';
import type { ModelState } from '../model/model.js';
import type { PaneRow } from '../core/types.js';
import { formatBytes, formatDuration, formatPercent, formatTime } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';
import { fit } from '../text/width.js';

/** One row: its key (the selection follows it), a grower's pid, start time and unit, its tone and its text at a width. */
export interface MemoryRow extends PaneRow {
  readonly tone: 'alert' | 'warn' | 'plain' | 'dim' | 'title';
  readonly draw: (width: number) => string;
}

/** A row with its text at one width (tests, the bench). */
export type MemoryLine = MemoryRow & { readonly text: string };

/** OOM kills the pane lists, newest first (the snapshot has them all). */
export const OOMS_SHOWN = 3;

const rateText = (n: number | null) => (n === null ? '-' : `${n < 0 ? '-' : '+'}${formatBytes(Math.abs(n))}/s`);
const info = (key: string, text: string, tone: MemoryRow['tone'] = 'plain', header = true): MemoryRow => ({ key, label: text, tone, header, draw: (w) => fit(text, w) });

/** The system figures in two lines (a fixed count, so the rows do not depend on the width; a narrow pane truncates them). */
export function systemLines(v: MemoryView): [string, string] {
  const r = v.rates;
  const one = [
    `used ${formatBytes(v.used)}/${formatBytes(v.total)}`,
    `avail ${formatBytes(v.available)}${v.availableTrend === null ? '' : ` (${rateText(v.availableTrend)})`}`,
    `cache ${formatBytes(v.cache)}`,
    `dirty ${formatBytes(v.dirty)} wb ${formatBytes(v.writeback)}`,
  ];
  const two = [
    v.psi ? `PSI some ${formatPercent(v.psi.someAvg10)}/${formatPercent(v.psi.someAvg60)} full ${formatPercent(v.psi.fullAvg10)}/${formatPercent(v.psi.fullAvg60)}` : 'PSI -',
    v.swapTotal > 0 ? `swap ${formatBytes(v.swapUsed)}/${formatBytes(v.swapTotal)}` : 'no swap',
    `si ${r ? formatBytes(r.swapInPerS) : '-'}/s so ${r ? formatBytes(r.swapOutPerS) : '-'}/s`,
    `majflt ${r ? Math.round(r.majorFaultsPerS) : '-'}/s`,
  ];
  return [one.join(' · '), two.join(' · ')];
}

function cgroupText(c: CgroupView, width: number): string {
  const pct = c.limit > 0 ? Math.round((c.usage / c.limit) * 100) : 0;
  const left = c.secondsToLimit === null ? (c.leak ? 'leak' : '') : `limit in ${formatDuration(c.secondsToLimit)}`;
  const ev = c.events ? ` ev high ${c.events.high} max ${c.events.max} oom ${c.events.oom} kill ${c.events.oomKill}` : '';
  const tail = ` ${formatBytes(c.usage)}/${formatBytes(c.limit)} ${String(pct).padStart(3)}% ${rateText(c.slope).padStart(8)} ${left}${ev}`;
  return fit(fit(sanitize(c.path, 200), Math.max(8, width - tail.length)) + tail, width);
}

function growerText(g: GrowerView, width: number): string {
  const split = g.anonPerS === null ? '' : ` anon ${rateText(g.anonPerS)} file ${rateText(g.filePerS)} shm ${rateText(g.shmemPerS)}`;
  const name = `${g.pid} ${sanitize(g.comm, 16)}`;
  const tail = ` ${formatBytes(g.rssBytes).padStart(6)} ${String(Math.round(g.share * 100)).padStart(3)}% ${rateText(g.growthPerS).padStart(9)}${g.leak ? ' LEAK' : ''}${split}${g.unit ? ` ${sanitize(g.unit, 40)}` : ''}`;
  return fit(fit(name, Math.max(10, Math.min(24, width - tail.length))) + tail, width);
}

function build(model: ModelState, v: MemoryView): MemoryRow[] {
  const rows: MemoryRow[] = [];
  // a kill alone (the pane in the optional place, a few rows): the kills first
  const killsFirst = v.urgent === KILL_REASON;
  const pushKills = () => {
    if (v.oomKills.length > 0) {
      // first (the pane a few rows high in the optional place): the newest only
      const kills = v.oomKills.slice(killsFirst ? -1 : -OOMS_SHOWN).reverse();
      if (!killsFirst) rows.push(info('h:ooms', `OOM KILLS (10m: ${v.oomKills.length})`, 'title'));
      for (const k of kills) {
        const text = `${formatTime(k.t, model.lastSampleAt ?? undefined)} killed ${k.pid ?? '?'} (${sanitize(k.victim, 32)})${k.cgroup ? ` in ${sanitize(k.cgroup, 120)}` : ''}`;
        rows.push(info(`oom:${k.t}:${k.pid ?? ''}`, text, 'alert'));
      }
    }
  };
  if (killsFirst) pushKills();
  rows.push(...systemLines(v).map((t, i) => info(`sys:${i}`, t)));
  rows.push(v.secondsToOom === null ? info('oom', 'time to OOM: none within 30m', 'dim') : info('oom', `time to OOM: ${formatDuration(v.secondsToOom)}`, 'alert'));
  if (!killsFirst) pushKills();
  if (v.cgroups.length > 0) {
    rows.push(info('h:cgroups', 'CGROUP  USAGE/LIMIT  TREND  TIME TO LIMIT', 'title'));
    for (const c of v.cgroups) {
      const tone = c.secondsToLimit !== null ? 'alert' : c.leak || c.usage > 0.9 * c.limit ? 'warn' : 'plain';
      rows.push({ key: `cg:${c.path}`, label: sanitize(c.path, 60), tone, header: true, draw: (w) => cgroupText(c, w) });
    }
  }
  rows.push(info('h:growers', v.growers.length ? 'GROWERS  PID NAME  RSS  SHARE  GROWTH' : 'growers: no process growing', 'title'));
  for (const g of v.growers) {
    rows.push({ key: `proc:${g.pid}:${g.startTicks}`, label: `${g.pid} (${sanitize(g.comm, 16)})`, tone: g.leak ? 'alert' : 'plain', pid: g.pid, startTicks: g.startTicks, unit: g.unit, draw: (w) => growerText(g, w) });
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

const built = new WeakMap<MemoryView, MemoryRow[]>();
const NO_ROWS: MemoryRow[] = [];

/**
 * The Memory pane's row builder (the registry's; read the rows through
 * `paneRows`), once per Memory view (one per sample: selectMemoryView keeps it
 * across log-only states), held weakly. Only a grower's row is selectable
 * (the others are headers).
 */
export function memoryPaneRows(model: ModelState): MemoryRow[] {
  const v = selectMemoryView(model, null);
  if (!v) return NO_ROWS;
  let rows = built.get(v);
  if (!rows) built.set(v, (rows = uniqueKeys(build(model, v))));
  return rows;
}

/** The rows with their text at `width` (tests and the bench; the pane draws `paneRows`' rows). */
export function memoryLines(model: ModelState, width: number): MemoryLine[] {
  return memoryPaneRows(model).map((r) => ({ ...r, text: r.draw(width) }));
}

/** Rows the pane would like, border included (the layout caps it; in the optional place, pane-wants.ts caps it at Network's). */
export function memoryWantedRows(model: ModelState): number {
  return memoryPaneRows(model).length + 2;
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
