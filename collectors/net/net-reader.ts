/**
 * Reads the kernel's network tables (issue 14): /proc/net/dev, snmp, netstat
 * and sockstat every sample; the socket tables tcp, tcp6, udp and udp6 when
 * the walk policy says so (issue 32: when a counter moved, when the pane is
 * looked at, or every WALK_EVERY_MS; walk-policy.ts). No fork: everything is
 * a /proc read. The rows go to the source, which folds them by range
 * (src/sources/net-fold.ts) before anything is recorded.
 */
import type { InterfaceCounters, SockstatCounters, SocketRow, TcpCounters } from '../../src/stream/net-messages.js';
import { parseNetDev, parseSnmp, parseSockstat, parseSocketTable } from './parse-net.js';
import { readLarge, readText } from '../proc/read-file.js';
import { walkSignals, WalkPolicy, type WalkReason } from './walk-policy.js';

export { MAX_TABLE_EVERY, SOCKETS_PER_SAMPLE } from './walk-policy.js';

/** What one read gives: counters always, rows when the tables were due. */
export interface NetReading {
  readonly interfaces: InterfaceCounters[];
  readonly tcp: TcpCounters | null;
  readonly sockstat: SockstatCounters | null;
  /** Every socket of the four tables, or null when they were not due. */
  readonly rows: SocketRow[] | null;
  /** The tables are read once in this many samples. */
  readonly everySamples: number;
  /** Why the tables were walked; null: not walked, and no counter a socket's birth or death moves has moved since they were. */
  readonly walk: WalkReason;
  /** Not walked, and no such counter moved since the last walk: no connection is new since it. */
  readonly quiet: boolean;
}

type Groups = Record<string, Record<string, number>>;

/** Reads the network tables; keep one per source (its policy spaces out the socket tables' reads). */
export class NetReader {
  private readonly policy: WalkPolicy;

  constructor(private readonly procRoot = '/proc', policy?: WalkPolicy) {
    this.policy = policy ?? new WalkPolicy();
  }

  /** One reading; `watched`: the Network pane is looked at (walk every sample). `now` in ms. */
  read(watched = false, now = performance.now()): NetReading {
    const net = `${this.procRoot}/net`;
    const snmp = parseSnmp(readText(`${net}/snmp`) ?? '');
    const netstat = parseSnmp(readText(`${net}/netstat`) ?? '');
    const v4Text = readText(`${net}/sockstat`);
    const v4 = parseSockstat(v4Text ?? '');
    const v6 = parseSockstat(readText(`${net}/sockstat6`) ?? '');
    const walk = this.policy.decide(walkSignals(snmp, netstat, v4, v6), watched, now);
    let rows: SocketRow[] | null = null;
    if (walk) {
      rows = [];
      for (const [file, proto] of [['tcp', 'tcp'], ['tcp6', 'tcp'], ['udp', 'udp'], ['udp6', 'udp']] as const) {
        const text = readLarge(`${net}/${file}`);
        if (text) for (const row of parseSocketTable(text, proto)) rows.push(row);
      }
      this.policy.walked(rows.length, now);
    }
    return {
      interfaces: parseNetDev(readText(`${net}/dev`) ?? ''),
      tcp: tcpCounters(snmp, netstat),
      sockstat: v4Text === null ? null : sockstat(v4, v6),
      rows,
      everySamples: this.policy.everySamples,
      walk,
      quiet: walk === null && this.policy.quiet,
    };
  }
}

function tcpCounters(snmp: Groups, netstat: Groups): TcpCounters | null {
  const tcp = snmp.Tcp;
  if (!tcp) return null;
  const ext = netstat.TcpExt ?? {};
  return {
    listenOverflows: ext.ListenOverflows ?? 0,
    listenDrops: ext.ListenDrops ?? 0,
    syncookiesSent: ext.SyncookiesSent ?? 0,
    retransSegs: tcp.RetransSegs ?? 0,
    passiveOpens: tcp.PassiveOpens ?? 0,
    activeOpens: tcp.ActiveOpens ?? 0,
    estabResets: tcp.EstabResets ?? 0,
  };
}

function sockstat(a: Groups, b: Groups): SockstatCounters {
  return {
    tcpInUse: (a.TCP?.inuse ?? 0) + (b.TCP6?.inuse ?? 0),
    tcpTimeWait: a.TCP?.tw ?? 0,
    tcpOrphan: a.TCP?.orphan ?? 0,
    udpInUse: (a.UDP?.inuse ?? 0) + (b.UDP6?.inuse ?? 0),
  };
}
