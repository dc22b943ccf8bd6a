/**
 * Selectors of the Network pane and the snapshot: remote ranges with their
 * states, new connections per second, ports and units; listeners and their
 * accept-queue fill; one range's connections. Ranges rank by live connections
 * (ESTABLISHED and SYN-RECV), then new per second; TIME-WAIT is counted apart
 * and never ranks one. Private, loopback and link-local ranges are marked and
 * sort last. Pure, memoized per state.
 */
import type { SocketOwner, StateCount } from '../stream/net-messages.js';
import { isPrivateRange } from './log-classify.js';
import { groupOf } from './groups.js';
import { memoBesidesLog } from './memo.js';
import type { ModelState } from './model.js';
import { processKey, type ProcessRow } from './processes.js';
import { compareText } from '../text/order.js';

/** Local ports listed per range: the busiest. */
export const PORTS_PER_RANGE = 5;

/** A socket's process as the pane names it. */
export interface OwnerName {
  readonly pid: number;
  readonly startTicks: number;
  readonly comm: string;
  /** Its unit or container; null when it runs in neither, or is gone. */
  readonly unit: string | null;
}

/** One remote range. */
export interface RangeRow {
  readonly range: string;
  /** Live connections: ESTABLISHED and SYN-RECV. */
  readonly connections: number;
  /** Sockets in TIME-WAIT: closed connections, shown apart. */
  readonly timeWait: number;
  /** Every socket of the range, in any state. */
  readonly sockets: number;
  /** Sockets by state, most first. */
  readonly byState: readonly StateCount[];
  /** New connections per second over the last table reads; null before a second read (nothing is known new at the first). */
  readonly newPerSecond: number | null;
  /** The local ports it reaches, busiest first. */
  readonly localPorts: readonly number[];
  /** The units it reaches (of the processes holding its sockets or listening on its ports). */
  readonly units: readonly string[];
  readonly owners: readonly OwnerName[];
  /** Private, loopback or link-local: marked, never the top concern. */
  readonly private: boolean;
}

/** A listening socket and how full its accept queue is. */
export interface ListenRow {
  readonly address: string;
  readonly port: number;
  readonly queued: number;
  readonly backlog: number;
  /** queued / backlog, 0…1 (0 when the backlog is unknown). */
  readonly fill: number;
  readonly owner: OwnerName | null;
}

/** One connection of a range, for Enter. */
export interface ConnectionRow {
  readonly proto: string;
  readonly local: string;
  readonly remote: string;
  readonly state: string;
  readonly owner: OwnerName | null;
}

const processIndex = memoBesidesLog((model: ModelState, _arg: null) => new Map<string, ProcessRow>(model.processes.map((p) => [processKey(p.pid, p.startTicks), p])));

/** The pid, command and unit of a socket owner. */
export function ownerName(model: ModelState, owner: SocketOwner | null): OwnerName | null {
  if (!owner) return null;
  const p = processIndex(model, null).get(processKey(owner.pid, owner.startTicks));
  if (!p) return { pid: owner.pid, startTicks: owner.startTicks, comm: '?', unit: null };
  const group = groupOf(p.cgroup);
  return { pid: p.pid, startTicks: p.startTicks, comm: p.comm, unit: group.kind === 'cgroup' ? null : group.name };
}

/** Ranges by live connections, then new per second; public ones first. */
export const selectRanges = memoBesidesLog((model: ModelState, _arg: null): RangeRow[] => {
  const net = model.net;
  if (!net?.table) return [];
  const fresh = net.fresh;
  const rows = net.table.ranges.map((r): RangeRow => {
    const owners = r.owners.map((o) => ownerName(model, o)!);
    return {
      range: r.range,
      connections: countOf(r.byState, 'ESTABLISHED') + countOf(r.byState, 'SYN-RECV'),
      timeWait: countOf(r.byState, 'TIME-WAIT'),
      sockets: r.byState.reduce((n, s) => n + s.count, 0),
      byState: r.byState,
      newPerSecond: fresh ? (fresh.perSecond.get(r.range) ?? 0) : null,
      localPorts: r.ports.slice(0, PORTS_PER_RANGE).map((p) => p.port),
      units: [...new Set(owners.map((o) => o.unit).filter((u): u is string => u !== null))],
      owners,
      private: isPrivateRange(r.range),
    };
  });
  return rows.sort((a, b) => Number(a.private) - Number(b.private) || b.connections - a.connections || (b.newPerSecond ?? 0) - (a.newPerSecond ?? 0) || b.sockets - a.sockets || compareText(a.range, b.range));
});

/** A range this host's processes connect out to: listed apart, never ranked nor blocked. */
export interface OutboundRow {
  readonly range: string;
  readonly live: number;
  readonly sockets: number;
  /** Remote ports, busiest first. */
  readonly remotePorts: readonly number[];
  /** The local processes that opened them. */
  readonly owners: readonly OwnerName[];
}

/** Outbound ranges, most live first (as the collector listed them). */
export const selectOutbound = memoBesidesLog((model: ModelState, _arg: null): OutboundRow[] =>
  (model.net?.table?.outbound ?? []).map((o) => ({ range: o.range, live: o.live, sockets: o.sockets, remotePorts: o.ports.slice(0, PORTS_PER_RANGE).map((p) => p.port), owners: o.owners.map((w) => ownerName(model, w)!) })),
);

/** Listeners, fullest accept queue first. */
export const selectListeners = memoBesidesLog((model: ModelState, _arg: null): ListenRow[] => {
  const listeners = model.net?.table?.listeners ?? [];
  return listeners
    .map((l): ListenRow => ({ address: l.address, port: l.port, queued: l.queued, backlog: l.backlog, fill: l.backlog > 0 ? Math.min(1, l.queued / l.backlog) : 0, owner: ownerName(model, l.owner) }))
    .sort((a, b) => b.fill - a.fill || b.queued - a.queued || a.port - b.port);
});

const hostPort = (address: string, port: number) => (address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);

/** The listed connections of `range` (at most the collector's bound per range). */
export const selectConnections = memoBesidesLog((model: ModelState, range: string | null): ConnectionRow[] =>
  (model.net?.table?.connections ?? [])
    .filter((c) => c.range === range)
    .map((c) => ({ proto: c.proto, local: hostPort(c.localAddress, c.localPort), remote: hostPort(c.remoteAddress, c.remotePort), state: c.state, owner: ownerName(model, c.owner) })),
);

/** The count of `state` in a list of state counts. */
export function countOf(states: readonly StateCount[], state: string): number {
  return states.find((s) => s.state === state)?.count ?? 0;
}
