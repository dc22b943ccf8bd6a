/**
 * Reads the kernel's network tables (issue 14): /proc/net/dev, snmp, netstat
 * and sockstat every sample; the socket tables tcp, tcp6, udp and udp6 when
 * due. No fork: everything is a /proc read. The rows go to the source, which
 * folds them by range (src/sources/net-fold.ts) before anything is recorded.
 */
import type { InterfaceCounters, SockstatCounters, SocketRow, TcpCounters } from '../../src/stream/net-messages.js';
import { parseNetDev, parseSnmp, parseSockstat, parseSocketTable } from './parse-net.js';
import { readLarge, readText } from '../proc/read-file.js';

/** Sockets per sample a table read may cost; past it the tables are read less often (once in ceil(sockets / this) samples). */
export const SOCKETS_PER_SAMPLE = 10_000;
/** The longest the tables go unread, in samples. */
export const MAX_TABLE_EVERY = 10;

/** What one read gives: counters always, rows when the tables were due. */
export interface NetReading {
  readonly interfaces: InterfaceCounters[];
  readonly tcp: TcpCounters | null;
  readonly sockstat: SockstatCounters | null;
  /** Every socket of the four tables, or null when they were not due. */
  readonly rows: SocketRow[] | null;
  /** The tables are read once in this many samples. */
  readonly everySamples: number;
}

/** Reads the network tables; keep one per source (it spaces out the socket tables' reads). */
export class NetReader {
  private count = 0;
  private every = 1;

  constructor(private readonly procRoot = '/proc') {}

  /** One reading. */
  read(): NetReading {
    const net = `${this.procRoot}/net`;
    const due = this.count++ % this.every === 0;
    let rows: SocketRow[] | null = null;
    if (due) {
      rows = [];
      for (const [file, proto] of [['tcp', 'tcp'], ['tcp6', 'tcp'], ['udp', 'udp'], ['udp6', 'udp']] as const) {
        const text = readLarge(`${net}/${file}`);
        if (text) for (const row of parseSocketTable(text, proto)) rows.push(row);
      }
      this.every = Math.min(MAX_TABLE_EVERY, Math.max(1, Math.ceil(rows.length / SOCKETS_PER_SAMPLE)));
      this.count = 1;
    }
    return { interfaces: parseNetDev(readText(`${net}/dev`) ?? ''), tcp: this.tcpCounters(net), sockstat: this.sockstat(net), rows, everySamples: this.every };
  }

  private tcpCounters(net: string): TcpCounters | null {
    const snmp = parseSnmp(readText(`${net}/snmp`) ?? '').Tcp;
    if (!snmp) return null;
    const ext = parseSnmp(readText(`${net}/netstat`) ?? '').TcpExt ?? {};
    return {
      listenOverflows: ext.ListenOverflows ?? 0,
      listenDrops: ext.ListenDrops ?? 0,
      syncookiesSent: ext.SyncookiesSent ?? 0,
      retransSegs: snmp.RetransSegs ?? 0,
      passiveOpens: snmp.PassiveOpens ?? 0,
      activeOpens: snmp.ActiveOpens ?? 0,
      estabResets: snmp.EstabResets ?? 0,
    };
  }

  private sockstat(net: string): SockstatCounters | null {
    const v4 = readText(`${net}/sockstat`);
    if (v4 === null) return null;
    const a = parseSockstat(v4);
    const b = parseSockstat(readText(`${net}/sockstat6`) ?? '');
    return {
      tcpInUse: (a.TCP?.inuse ?? 0) + (b.TCP6?.inuse ?? 0),
      tcpTimeWait: a.TCP?.tw ?? 0,
      tcpOrphan: a.TCP?.orphan ?? 0,
      udpInUse: (a.UDP?.inuse ?? 0) + (b.UDP6?.inuse ?? 0),
    };
  }
}
