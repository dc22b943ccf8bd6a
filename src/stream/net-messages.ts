/**
 * The network part of a sample (issue 14): raw interface and TCP counters
 * every sample, and the socket tables folded by remote range on the samples
 * that read them. Rates come from the model.
 */

/** Ranges a table lists (the rest are counted in otherRanges / otherSockets). */
export const NET_RANGES = 200;
/** Outbound ranges a table lists. */
export const OUTBOUND_RANGES = 32;
/** Ranges whose connections are listed, and how many each. */
export const CONNECTION_RANGES = 8;
export const CONNECTIONS_PER_RANGE = 128;
/** Listeners listed. */
export const LISTENERS_MAX = 1024;

/** A socket's two ends and its state: the fields a socket-table row and a listed connection share. */
export interface SocketEnds {
  readonly proto: 'tcp' | 'udp';
  /** @maxLength 64 */
  readonly localAddress: string;
  /** @min 0 @max 65535 */
  readonly localPort: number;
  /** @maxLength 64 */
  readonly remoteAddress: string;
  /** @min 0 @max 65535 */
  readonly remotePort: number;
  /** TCP state name (ESTABLISHED, LISTEN, …); UDP sockets give CLOSE or ESTABLISHED (connected). @maxLength 16 */
  readonly state: string;
}

/** One socket from a /proc/net socket table (the collector's row; not recorded as such). */
export interface SocketRow extends SocketEnds {
  /** For a listening TCP socket: its backlog (the most connections its accept queue holds). */
  readonly txQueue: number;
  /** For a listening TCP socket: connections waiting in its accept queue. */
  readonly rxQueue: number;
  readonly uid: number;
  /** The socket inode: the link `socket:[inode]` in /proc/<pid>/fd; 0 for SYN-RECV and TIME-WAIT. */
  readonly inode: number;
  /** TIME-WAIT only: clock ticks (1/100 s) until the kernel drops it (`tm->when`; the wait is 60 s, 6,000 ticks). */
  readonly timerTicks?: number;
}

/** One interface's raw counters from /proc/net/dev. @min 0 */
export interface InterfaceCounters {
  /** @maxLength 64 */
  readonly name: string;
  readonly rxBytes: number;
  readonly rxPackets: number;
  readonly rxDrops: number;
  readonly txBytes: number;
  readonly txPackets: number;
  readonly txDrops: number;
}

/** The kernel's TCP counters (cumulative) from /proc/net/snmp and /proc/net/netstat. @min 0 */
export interface TcpCounters {
  readonly listenOverflows: number;
  readonly listenDrops: number;
  readonly syncookiesSent: number;
  readonly retransSegs: number;
  readonly passiveOpens: number;
  readonly activeOpens: number;
  readonly estabResets: number;
}

/** Socket counts from /proc/net/sockstat (IPv4 and IPv6 summed). @min 0 */
export interface SockstatCounters {
  readonly tcpInUse: number;
  readonly tcpTimeWait: number;
  readonly tcpOrphan: number;
  readonly udpInUse: number;
}

/** Sockets in one state. */
export interface StateCount {
  /** @maxLength 16 */
  readonly state: string;
  /** @min 0 */
  readonly count: number;
}

/** A process holding a socket, by pid and start time. @min 0 */
export interface SocketOwner {
  readonly pid: number;
  readonly startTicks: number;
}

/** One remote range (IPv4 /24, IPv6 /48) and what its sockets do. */
export interface RangeCount {
  /** @maxLength 64 */
  readonly range: string;
  /** @maxItems 16 */
  readonly byState: readonly StateCount[];
  /** Connections not in the previous table (by protocol and both endpoints, in any state, TIME-WAIT too): new since then, 0 at the first table. @min 0 */
  readonly fresh: number;
  /** Local ports it reaches, busiest first, with their socket counts. @maxItems 8 */
  readonly ports: readonly { readonly port: number; readonly count: number }[];
  /** The processes holding its sockets or listening on its ports. @maxItems 8 */
  readonly owners: readonly SocketOwner[];
}

/** A remote range this host's own processes connect out to (never a listened port here): shown apart, never ranked nor proposed for a block. */
export interface OutboundRange {
  /** @maxLength 64 */
  readonly range: string;
  /** Live connections: ESTABLISHED and SYN-SENT. @min 0 */
  readonly live: number;
  /** Every socket of it, in any state. @min 0 */
  readonly sockets: number;
  /** Remote ports it is reached on, busiest first, with their socket counts. @maxItems 8 */
  readonly ports: readonly { readonly port: number; readonly count: number }[];
  /** The local processes that opened them. @maxItems 8 */
  readonly owners: readonly SocketOwner[];
}

/** A listening TCP socket. */
export interface ListenerSample {
  /** @maxLength 64 */
  readonly address: string;
  /** @min 0 @max 65535 */
  readonly port: number;
  /** Connections waiting in its accept queue. @min 0 */
  readonly queued: number;
  /** The most its accept queue holds. @min 0 */
  readonly backlog: number;
  readonly owner: SocketOwner | null;
}

/** One connection of a listed range (for Enter on the range). */
export interface ConnectionSample extends SocketEnds {
  /** @maxLength 64 */
  readonly range: string;
  readonly owner: SocketOwner | null;
}

/** The socket tables, folded: exact counts by state and range, a bounded list of connections. */
export interface SocketTable {
  /** Every socket the tables held. @min 0 */
  readonly sockets: number;
  /** @maxItems 16 */
  readonly byState: readonly StateCount[];
  /** The tables are read once in this many samples (more than 1 when they are huge). @min 1 @max 100 */
  readonly everySamples: number;
  /**
   * The busiest remote ranges connecting in (to a port a socket here listens
   * on; at most NET_RANGES): most live connections (ESTABLISHED, SYN-RECV)
   * first, then most new. @maxItems 256
   */
  readonly ranges: readonly RangeCount[];
  /** Ranges this host's processes connect out to (at most OUTBOUND_RANGES), most live first; absent in older recordings. @maxItems 64 */
  readonly outbound?: readonly OutboundRange[];
  /** Ranges past the list, and their sockets: counted, not listed. @min 0 */
  readonly otherRanges: number;
  /** @min 0 */
  readonly otherSockets: number;
  /** New connections of the ranges past the list (absent in older recordings). @min 0 */
  readonly otherFresh?: number;
  /** @maxItems 1024 */
  readonly listeners: readonly ListenerSample[];
  /**
   * Inbound TCP connections (to a listened port) whose completed handshake
   * this table saw first: what PassiveOpens counts, as far as the walks see.
   * Absent at the first table (nothing is new then) and in older recordings. @min 0
   */
  readonly opened?: number;
  /** The connections of the busiest ranges, a bounded number each. @maxItems 4096 */
  readonly connections: readonly ConnectionSample[];
}

/** The network part of a sample. */
export interface NetSample {
  /** @maxItems 1024 */
  readonly interfaces: readonly InterfaceCounters[];
  readonly tcp: TcpCounters | null;
  /** /proc/net/sockstat, exact every sample, also when the tables are read less often. */
  readonly sockstat: SockstatCounters | null;
  /** Present on samples that read the socket tables. */
  readonly table?: SocketTable;
  /**
   * Present (true) on a sample that did not read the socket tables because no
   * counter a connection's birth, death, refusal or half-open wait moves has
   * moved since the last read (issue 32): nothing is new since it.
   */
  readonly quiet?: boolean;
}
