/**
 * Folds the socket tables' rows into what a sample carries (SocketTable):
 * exact counts by state and by remote range (named as the Log pane names them:
 * IPv4 /24, IPv6 /48), the connections new since the previous table, the
 * local ports each range reaches and who holds them, the listeners, and a
 * bounded list of connections of the busiest ranges. A flood's 50,000 rows
 * become a few hundred figures before anything is recorded.
 *
 * A connection is known by its protocol and both endpoints (net-identity.ts):
 * one first seen is new, in whatever state, so a connection that came and went
 * to TIME-WAIT between two walks is new too. Ranges are ranked by
 * live connections (ESTABLISHED and SYN-RECV), then new ones: TIME-WAIT never
 * ranks a range.
 *
 * Only connections that came in are ranked (issue 28 item 7): a TCP socket
 * whose local end is a port a socket listens on (that address, or any). The
 * others were opened from here, by a local process: any user can open 300 of
 * them to the admin's office, and they are listed apart (`outbound`), with the
 * processes that opened them, never ranked nor proposed for a block.
 */
import { addressRanges } from '../model/log-classify.js';
import type { ConnectionSample, ListenerSample, OutboundRange, RangeCount, SocketOwner, SocketRow, SocketTable, StateCount } from '../stream/net-messages.js';

import { NO_PREVIOUS, OPEN, Sightings, stageOf, UNSEEN, type SocketMemory } from './net-identity.js';
import { CONNECTION_RANGES, CONNECTIONS_PER_RANGE, LISTENERS_MAX, NET_RANGES, OUTBOUND_RANGES } from '../stream/net-messages.js';
import { compareText } from '../text/order.js';

export { CONNECTION_RANGES, CONNECTIONS_PER_RANGE, LISTENERS_MAX, NET_RANGES, OUTBOUND_RANGES };

/** What the next fold compares with: the previous table's connections (as large as one table). */
export type FoldMemory = SocketMemory;

interface Group {
  count: number;
  live: number;
  fresh: number;
  states: Map<string, number>;
  ports: Map<number, number>;
  owners: Map<string, SocketOwner>;
  rows: SocketRow[];
}

/** An outbound range being folded. */
interface Outbound {
  live: number;
  count: number;
  ports: Map<number, number>;
  owners: Map<string, SocketOwner>;
}

const unspecified = (address: string) => address === '0.0.0.0' || address === '::';
const isLive = (state: string) => state === 'ESTABLISHED' || state === 'SYN-RECV';

function stateCounts(states: Map<string, number>): StateCount[] {
  return [...states].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([state, count]) => ({ state, count }));
}

/** Folds one table read; `previous` is null at the first (nothing is new then), `elapsedMs` the time since it (null: unknown). */
export function foldSockets(
  rows: readonly SocketRow[],
  previous: FoldMemory | null,
  ownerOf: (inode: number) => SocketOwner | null,
  everySamples: number,
  elapsedMs: number | null = null,
): { readonly table: SocketTable; readonly memory: FoldMemory } {
  const sightings = new Sightings<Group>(previous, elapsedMs);
  /** Local ports of connections whose handshake was first seen complete: inbound where a listener holds the port. */
  const openedOn = new Map<number, number>();
  const note = (g: Group, row: SocketRow, before: number) => {
    if (before === NO_PREVIOUS) return;
    if (before === UNSEEN) g.fresh++;
    if (before !== OPEN && stageOf(row) === OPEN && row.proto === 'tcp') openedOn.set(row.localPort, (openedOn.get(row.localPort) ?? 0) + 1);
  };
  const states = new Map<string, number>();
  const groups = new Map<string, Group>();
  const listeners: ListenerSample[] = [];
  const listenerOwner = new Map<number, SocketOwner>();
  const listenerPorts = new Set<number>();
  /** 'address port' of each TCP listener, and the ports listened on any address. */
  const listening = new Set<string>();
  const listeningAny = new Set<number>();
  for (const row of rows) {
    if (row.state !== 'LISTEN') continue;
    listening.add(`${row.localAddress} ${row.localPort}`);
    if (unspecified(row.localAddress)) listeningAny.add(row.localPort);
  }
  const inbound = (row: SocketRow) => row.proto === 'tcp' && (listeningAny.has(row.localPort) || listening.has(`${row.localAddress} ${row.localPort}`) || listening.has(`${row.localAddress.replace(/^::ffff:/, '')} ${row.localPort}`));
  const outbound = new Map<string, Outbound>();
  for (const row of rows) {
    states.set(row.state, (states.get(row.state) ?? 0) + 1);
    if (row.state === 'LISTEN') {
      listenerPorts.add(row.localPort);
      const owner = ownerOf(row.inode);
      if (owner) listenerOwner.set(row.localPort, owner);
      if (listeners.length < LISTENERS_MAX) listeners.push({ address: row.localAddress, port: row.localPort, queued: row.rxQueue, backlog: row.txQueue, owner });
      continue;
    }
    if (unspecified(row.remoteAddress)) continue;
    if (!inbound(row)) {
      noteOutbound(outbound, row, ownerOf);
      continue;
    }
    const range = addressRanges(row.remoteAddress)[0];
    if (!range) continue;
    let g = groups.get(range);
    if (!g) groups.set(range, (g = { count: 0, live: 0, fresh: 0, states: new Map(), ports: new Map(), owners: new Map(), rows: [] }));
    g.count++;
    if (isLive(row.state)) g.live++;
    g.states.set(row.state, (g.states.get(row.state) ?? 0) + 1);
    g.ports.set(row.localPort, (g.ports.get(row.localPort) ?? 0) + 1);
    const before = sightings.see(row, g);
    if (before !== null) note(g, row, before);
    const owner = row.inode > 0 ? ownerOf(row.inode) : null;
    if (owner && g.owners.size < 8) g.owners.set(`${owner.pid}:${owner.startTicks}`, owner);
    if (g.rows.length < CONNECTIONS_PER_RANGE) g.rows.push(row);
  }
  for (const { row, tag, before } of sightings.settle()) note(tag, row, before);
  const sorted = [...groups].sort((a, b) => b[1].live - a[1].live || b[1].fresh - a[1].fresh || b[1].count - a[1].count || compareText(a[0], b[0]));
  let opened = 0;
  for (const [port, n] of openedOn) if (listenerPorts.has(port)) opened += n;
  const listed = sorted.slice(0, NET_RANGES);
  const ranges = listed.map(([range, g]): RangeCount => rangeCount(range, g, listenerOwner));
  const connections: ConnectionSample[] = [];
  for (const [range, g] of listed.slice(0, CONNECTION_RANGES)) {
    for (const r of g.rows) {
      const owner = (r.inode > 0 ? ownerOf(r.inode) : null) ?? (r.proto === 'tcp' ? (listenerOwner.get(r.localPort) ?? null) : null);
      connections.push({ range, proto: r.proto, localAddress: r.localAddress, localPort: r.localPort, remoteAddress: r.remoteAddress, remotePort: r.remotePort, state: r.state, owner });
    }
  }
  const rest = sorted.slice(NET_RANGES);
  listeners.sort((a, b) => a.port - b.port || compareText(a.address, b.address));
  return {
    table: {
      sockets: rows.length,
      byState: stateCounts(states),
      everySamples,
      ranges,
      otherRanges: rest.length,
      otherSockets: rest.reduce((n, [, g]) => n + g.count, 0),
      otherFresh: rest.reduce((n, [, g]) => n + g.fresh, 0),
      listeners,
      connections,
      outbound: outboundRanges(outbound),
      ...(previous ? { opened } : {}),
    },
    memory: sightings.memory(),
  };
}

/** One range's figures: its busiest ports, and who holds its sockets or listens on those ports. */
function rangeCount(range: string, g: Group, listenerOwner: ReadonlyMap<number, SocketOwner>): RangeCount {
  const ports = [...g.ports].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 8);
  const owners = new Map(g.owners);
  for (const [port] of ports) {
    const owner = listenerOwner.get(port);
    if (owner && owners.size < 8) owners.set(`${owner.pid}:${owner.startTicks}`, owner);
  }
  return { range, byState: stateCounts(g.states), fresh: g.fresh, ports: ports.map(([port, count]) => ({ port, count })), owners: [...owners.values()] };
}

/** Counts a connection opened from here toward its remote range, with the local process behind it. */
function noteOutbound(outbound: Map<string, Outbound>, row: SocketRow, ownerOf: (inode: number) => SocketOwner | null): void {
  const range = addressRanges(row.remoteAddress)[0];
  if (!range) return;
  let o = outbound.get(range);
  if (!o) outbound.set(range, (o = { live: 0, count: 0, ports: new Map(), owners: new Map() }));
  o.count++;
  if (row.state === 'ESTABLISHED' || row.state === 'SYN-SENT') o.live++;
  o.ports.set(row.remotePort, (o.ports.get(row.remotePort) ?? 0) + 1);
  const owner = row.inode > 0 && o.owners.size < 8 ? ownerOf(row.inode) : null;
  if (owner) o.owners.set(`${owner.pid}:${owner.startTicks}`, owner);
}

/** The outbound ranges, most live first, bounded. */
function outboundRanges(outbound: ReadonlyMap<string, Outbound>): OutboundRange[] {
  return [...outbound]
    .sort((a, b) => b[1].live - a[1].live || b[1].count - a[1].count || compareText(a[0], b[0]))
    .slice(0, OUTBOUND_RANGES)
    .map(([range, o]) => ({
      range,
      live: o.live,
      sockets: o.count,
      ports: [...o.ports].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 8).map(([port, count]) => ({ port, count })),
      owners: [...o.owners.values()],
    }));
}
