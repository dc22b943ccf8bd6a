/** The snapshot's `bandwidth` section (issue 35): TCP bytes per second by process, unit and remote range, and "other". */
import { selectTalkers, selectTalkerTotals } from '../model/bandwidth-selectors.js';
import type { ModelState } from '../model/model.js';
import { sanitize } from '../text/sanitize.js';

const round = (n: number) => Math.round(n);

/** The section, or null before a rated reading of the socket diagnostics. */
export function bandwidthReport(model: ModelState): Record<string, unknown> | null {
  const view = model.bandwidth?.view;
  if (!view) return null;
  return {
    windowSeconds: Math.round(view.seconds * 10) / 10,
    sockets: view.sockets,
    processes: selectTalkers(model, null).map((t) => ({
      pid: t.owner?.pid ?? null,
      command: t.owner ? sanitize(t.owner.comm, 64) : sanitize(t.comm, 64),
      unit: t.owner?.unit ? sanitize(t.owner.unit, 200) : null,
      ranges: t.ranges.map((r) => sanitize(r, 64)),
      txBytesPerSec: round(t.txPerSecond),
      rxBytesPerSec: round(t.rxPerSecond),
    })),
    units: selectTalkerTotals(model, 'unit').map((u) => ({ unit: sanitize(u.name, 200), txBytesPerSec: round(u.txPerSecond), rxBytesPerSec: round(u.rxPerSecond), pids: u.pids })),
    ranges: selectTalkerTotals(model, 'range').map((r) => ({ range: sanitize(r.name, 64), txBytesPerSec: round(r.txPerSecond), rxBytesPerSec: round(r.rxPerSecond), pids: r.pids })),
    other: { txBytesPerSec: round(view.otherTx), rxBytesPerSec: round(view.otherRx) },
    interfaces: { txBytesPerSec: round(view.interfaceTx), rxBytesPerSec: round(view.interfaceRx) },
  };
}
