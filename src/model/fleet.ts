/**
 * A host's row in `sitrep fleet`: its most urgent filesystem, top writer unit,
 * recent crashes, CPU and load, a volatile journal and the top source range.
 * The agent computes it from its own model (summary mode), so a fleet of 50
 * hosts receives a line every few seconds from each, not 50 streams.
 */
import type { ModelState } from './model.js';
import { selectFilesystems } from './disk-selectors.js';
import { selectWriterGroups } from './writer-selectors.js';
import { selectCrashes, selectTopRanges } from './log-selectors.js';
import { selectCpu } from './selectors.js';

/** One host's summary (raw text: the console sanitizes it). */
export interface FleetRow {
  /** @maxLength 256 */
  readonly host: string;
  /** The filesystem the console lists first (the first to run out, else the fullest), with its time to full in seconds (null: not filling). */
  /** @maxLength 4096 */
  readonly mount: string | null;
  /** @min 0 @max 100 */
  readonly usedFraction: number | null;
  readonly secondsToFull: number | null;
  readonly fillRate: number | null;
  /** @maxLength 4096 */
  readonly topWriter: string | null;
  readonly topWriterRate: number | null;
  /** @min 0 */
  readonly crashes10m: number;
  /** @min 0 @max 1000 */
  readonly cpu: number | null;
  /** @min 0 @max 1000000 */
  readonly load1: number | null;
  readonly volatileJournal: boolean | null;
  /** @maxLength 64 */
  readonly topRange: string | null;
}

/** The row for `model`. */
export function fleetSummary(model: ModelState): FleetRow {
  const fss = selectFilesystems(model).filter((f) => f.known);
  // The console's first row (selectFilesystems sorts by the first limit to run out).
  const soonest = fss[0];
  const writer = selectWriterGroups(model).find((g) => (g.writeRate ?? 0) > 0);
  const now = model.lastSampleAt ?? 0;
  const cpu = selectCpu(model);
  return {
    host: model.header?.host ?? '',
    mount: soonest?.mountPoint ?? null,
    // df's Use% (dfUse), as the console's USE column and the snapshot's usedFraction.
    usedFraction: soonest ? soonest.blocksUse : null,
    secondsToFull: soonest?.secondsToFull ?? null,
    fillRate: soonest?.fillRate ?? null,
    topWriter: writer?.name ?? null,
    topWriterRate: writer?.writeRate ?? null,
    crashes10m: selectCrashes(model.log, now).reduce((n, c) => n + c.count10m, 0),
    cpu: cpu.totalNow,
    load1: cpu.load?.[0] ?? null,
    volatileJournal: model.log?.journal?.volatile ?? null,
    topRange: selectTopRanges(model.log, now, 1)[0]?.range ?? null,
  };
}

/** How urgent a row is, for sorting: a disk full soonest first, then crashes, then CPU. */
export function urgency(row: FleetRow | null): number {
  if (!row) return -1;
  const full = row.secondsToFull === null ? 0 : 1e6 / Math.max(1, row.secondsToFull);
  return full + row.crashes10m * 10 + (row.cpu ?? 0) * 5 + (row.volatileJournal ? 1 : 0);
}
