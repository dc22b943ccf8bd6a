/**
 * Live connections grouped by remote range (issue 14's model, first piece;
 * not yet fed by a sampler): IPv4 /24 and IPv6 /48 (IPv4-mapped addresses
 * arrive already folded into IPv4), with connections by state, new
 * connections per second, and the local ports they reach; and each listening
 * socket's accept-queue fill. Pure.
 *
 * New connections are sockets with an inode the previous table did not have
 * (TIME-WAIT sockets have none, so only live ones count). A connection opened
 * and closed between two samples is not seen here; the kernel's PassiveOpens
 * counter has the exact total, but not by range.
 */
import type { SocketRow } from '../stream/net-messages.js';
import { addressRanges, isPrivateRange } from './log-classify.js';

/** Local ports listed per range: the busiest. */
export const PORTS_PER_RANGE = 5;

/** One remote range. */
export interface RangeRow {
  readonly range: string;
  readonly connections: number;
  /** Sockets by TCP state (ESTABLISHED, SYN-RECV, TIME-WAIT …). */
  readonly byState: Readonly<Record<string, number>>;
  readonly newPerSecond: number;
  /** The local ports it reaches, busiest first (at most PORTS_PER_RANGE). */
  readonly localPorts: readonly number[];
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
  readonly inode: number;
}

/** What one table gives, and the inodes to compare the next table with. */
export interface NetSummary {
  readonly ranges: readonly RangeRow[];
  readonly listening: readonly ListenRow[];
  readonly inodes: ReadonlySet<number>;
}

const isUnspecified = (address: string) => address === '0.0.0.0' || address === '::';

/** Groups `rows` by remote range, busiest first; `previous` is the last summary's inodes (null at the first table), `seconds` the time since it. */
export function summarizeSockets(rows: readonly SocketRow[], previous: ReadonlySet<number> | null, seconds: number): NetSummary {
  const inodes = new Set<number>();
  const groups = new Map<string, { connections: number; byState: Record<string, number>; fresh: number; ports: Map<number, number> }>();
  const listening: ListenRow[] = [];
  for (const row of rows) {
    if (row.inode > 0) inodes.add(row.inode);
    if (row.state === 'LISTEN') {
      listening.push({ address: row.localAddress, port: row.localPort, queued: row.rxQueue, backlog: row.txQueue, fill: row.txQueue > 0 ? Math.min(1, row.rxQueue / row.txQueue) : 0, inode: row.inode });
      continue;
    }
    if (isUnspecified(row.remoteAddress)) continue;
    const range = addressRanges(row.remoteAddress)[0];
    if (!range) continue;
    const g = groups.get(range) ?? { connections: 0, byState: {}, fresh: 0, ports: new Map<number, number>() };
    g.connections++;
    g.byState[row.state] = (g.byState[row.state] ?? 0) + 1;
    if (previous && row.inode > 0 && !previous.has(row.inode)) g.fresh++;
    g.ports.set(row.localPort, (g.ports.get(row.localPort) ?? 0) + 1);
    groups.set(range, g);
  }
  const ranges = [...groups].map(([range, g]): RangeRow => ({
    range,
    connections: g.connections,
    byState: g.byState,
    newPerSecond: previous && seconds > 0 ? g.fresh / seconds : 0,
    localPorts: [...g.ports].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, PORTS_PER_RANGE).map(([port]) => port),
    private: isPrivateRange(range),
  }));
  ranges.sort((a, b) => Number(a.private) - Number(b.private) || b.connections - a.connections || a.range.localeCompare(b.range));
  listening.sort((a, b) => b.fill - a.fill || a.port - b.port);
  return { ranges, listening, inodes };
}
