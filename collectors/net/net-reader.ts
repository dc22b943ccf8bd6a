/**
 * Reads the kernel's network tables (issue 14): /proc/net/dev, snmp, netstat
 * and sockstat every sample; the socket tables tcp, tcp6, udp and udp6 when
 * due. No fork: everything is a /proc read. The rows go to the source, which
 * folds them by range (src/sources/net-fold.ts) before anything is recorded.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { InterfaceCounters, SockstatCounters, SocketRow, TcpCounters } from '../../src/stream/net-messages.js';
import { parseNetDev, parseSnmp, parseSockstat, parseSocketTable } from './parse-net.js';
import { readText } from '../proc/read-processes.js';

/** Sockets per sample a table read may cost; past it the tables are read less often (once in ceil(sockets / this) samples). */
export const SOCKETS_PER_SAMPLE = 10_000;
/** The longest the tables go unread, in samples. */
export const MAX_TABLE_EVERY = 10;
/** The most a table file is read (about 200,000 sockets); the rest is left unread and the counters stay exact. */
const TABLE_MAX_BYTES = 32 * 1024 * 1024;

let big = Buffer.alloc(1024 * 1024);

/** A /proc file of any size up to TABLE_MAX_BYTES, or null when it is absent. The buffer grows and is kept. */
function readLarge(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    let length = 0;
    for (;;) {
      if (length === big.length) {
        if (big.length >= TABLE_MAX_BYTES) break;
        const grown = Buffer.alloc(Math.min(TABLE_MAX_BYTES, big.length * 2));
        big.copy(grown, 0, 0, length);
        big = grown;
      }
      const n = readSync(fd, big, length, big.length - length, null);
      if (n <= 0) break;
      length += n;
    }
    return big.toString('latin1', 0, length);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

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
