/**
 * The snapshot's `network` section: interfaces, remote ranges, listeners and
 * totals (issue 14). Ranges rank by live connections (ESTABLISHED, SYN-RECV),
 * then new per second; TIME-WAIT is counted apart. New per second is null,
 * and `newNote` says why, until a second table read.
 */
import type { ModelState } from '../model/model.js';
import { selectListeners, selectOutbound, selectRanges, type OwnerName } from '../model/net-ranges.js';
import type { StateCount } from '../stream/net-messages.js';
import { sanitize } from '../text/sanitize.js';

const round = (n: number) => Math.round(n * 10) / 10;
const roundOrNull = (n: number | null) => (n === null ? null : round(n));
const states = (list: readonly StateCount[]) => Object.fromEntries(list.map((s) => [s.state, s.count]));
const owner = (o: OwnerName | null) => ({ pid: o?.pid ?? null, command: o ? sanitize(o.comm, 64) : null, unit: o?.unit ? sanitize(o.unit, 200) : null });

/** The section, or null when the source has no network part. */
export function networkReport(model: ModelState): Record<string, unknown> | null {
  const net = model.net;
  if (!net) return null;
  const table = net.table;
  const fresh = net.fresh;
  return {
    interfaces: net.interfaces.map((i) => ({
      name: sanitize(i.name, 64),
      rxBytesPerSec: round(i.rxBytesPerSecond),
      txBytesPerSec: round(i.txBytesPerSecond),
      dropsPerSec: round(i.dropsPerSecond),
      drops: i.drops,
    })),
    ranges: selectRanges(model, null).map((r) => ({
      range: r.range,
      private: r.private,
      connections: r.connections,
      timeWait: r.timeWait,
      sockets: r.sockets,
      byState: states(r.byState),
      newPerSec: roundOrNull(r.newPerSecond),
      ports: r.localPorts,
      units: r.units.map((u) => sanitize(u, 200)),
      pids: r.owners.map((o) => o.pid),
    })),
    outbound: selectOutbound(model, null).map((o) => ({
      range: o.range,
      connections: o.live,
      sockets: o.sockets,
      remotePorts: o.remotePorts,
      processes: o.owners.map(owner),
    })),
    listeners: selectListeners(model, null).map((l) => ({ address: l.address, port: l.port, queue: l.queued, backlog: l.backlog, ...owner(l.owner) })),
    totals: {
      sockets: table?.sockets ?? null,
      byState: table ? states(table.byState) : null,
      otherRanges: table?.otherRanges ?? 0,
      tableEverySamples: table?.everySamples ?? null,
      listenOverflowsPerSec: net.tcp ? round(net.tcp.listenOverflowsPerSecond) : null,
      listenDropsPerSec: net.tcp ? round(net.tcp.listenDropsPerSecond) : null,
      syncookiesPerSec: net.tcp ? round(net.tcp.syncookiesPerSecond) : null,
      passiveOpensPerSec: net.tcp ? round(net.tcp.passiveOpensPerSecond) : null,
      newPerSec: fresh ? round(fresh.totalPerSecond) : null,
      newConnections: fresh
        ? { windowSeconds: round(fresh.seconds), inboundPerSec: roundOrNull(fresh.inboundPerSecond), passiveOpensPerSec: roundOrNull(fresh.passiveOpensPerSecond), unseenPerSec: roundOrNull(fresh.unseenPerSecond) }
        : null,
      newNote: fresh ? null : table ? 'one table read so far: nothing is known new until the next' : 'no table read yet',
      sockstat: net.sockstat,
    },
  };
}
