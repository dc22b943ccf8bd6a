/**
 * The `memory` object of `sitrep snapshot --json`: the old figures (total,
 * used, available, cached, swap) plus what the Memory pane shows: the time to
 * OOM, the rates, memory PSI, the limited cgroups with their time to limit,
 * the growers and the OOM kills. Strings from the system are sanitized.
 */
import { selectMemoryView } from '../model/memory-selectors.js';
import type { ModelState } from '../model/model.js';
import { selectMemory } from '../model/selectors.js';
import { sanitize } from '../text/sanitize.js';

const round = (n: number | null, digits = 1) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

/** The report's `memory`, or null before a sample. */
export function memoryReport(model: ModelState, startTime: (ticks: number) => string | null): Record<string, unknown> | null {
  const base = selectMemory(model);
  if (!base) return null;
  const v = selectMemoryView(model, null);
  if (!v) return base as unknown as Record<string, unknown>;
  return {
    ...base,
    dirty: v.dirty,
    writeback: v.writeback,
    swapInBytesPerSec: v.rates ? round(v.rates.swapInPerS) : null,
    swapOutBytesPerSec: v.rates ? round(v.rates.swapOutPerS) : null,
    majorFaultsPerSec: v.rates ? round(v.rates.majorFaultsPerS) : null,
    psi: v.psi,
    availableTrendBytesPerSec: round(v.availableTrend),
    secondsToOom: round(v.secondsToOom),
    urgent: v.urgent,
    cgroups: v.cgroups.map((c) => ({
      path: sanitize(c.path, 300), usageBytes: c.usage, limitBytes: c.limit, trendBytesPerSec: round(c.slope), leak: c.leak,
      secondsToLimit: round(c.secondsToLimit), events: c.events,
    })),
    growers: v.growers.map((g) => ({
      pid: g.pid, startTime: startTime(g.startTicks), comm: sanitize(g.comm, 64), command: sanitize(g.cmdline || `[${g.comm}]`, 500), unit: g.unit ? sanitize(g.unit, 200) : null,
      rssBytes: g.rssBytes, share: round(g.share, 4), growthBytesPerSec: round(g.growthPerS),
      anonBytesPerSec: round(g.anonPerS), fileBytesPerSec: round(g.filePerS), shmemBytesPerSec: round(g.shmemPerS), leak: g.leak,
    })),
    oomKills: v.oomKills.map((o) => ({ time: new Date(o.t).toISOString(), victim: sanitize(o.victim, 200), pid: o.pid, cgroup: o.cgroup ? sanitize(o.cgroup, 300) : null })),
  };
}
