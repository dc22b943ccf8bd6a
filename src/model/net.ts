/**
 * The network state (issue 14): per-interface and TCP counter rates from two
 * samples in a row, and the latest socket table with new connections per
 * second by range over the last table reads (at least NEW_WINDOW_MS when that
 * many are kept), reconciled with the kernel's PassiveOpens over the same
 * reads. Before a second table nothing is known to be new. Pure.
 */
import type { InterfaceCounters, NetSample, SockstatCounters, SocketTable, TcpCounters } from '../stream/net-messages.js';

/** One interface's rates. */
export interface InterfaceRate {
  readonly name: string;
  readonly rxBytesPerSecond: number;
  readonly txBytesPerSecond: number;
  readonly rxPacketsPerSecond: number;
  readonly dropsPerSecond: number;
  /** Drops since boot, in and out. */
  readonly drops: number;
}

/** The TCP counters as rates. */
export interface TcpRates {
  readonly listenOverflowsPerSecond: number;
  readonly listenDropsPerSecond: number;
  readonly syncookiesPerSecond: number;
  readonly retransPerSecond: number;
  readonly passiveOpensPerSecond: number;
}

/** New connections per second are taken over the table reads of about this long (ms). */
export const NEW_WINDOW_MS = 5000;
/** Table reads kept for it, at most. */
const MARKS_MAX = 64;

/** One table read, as the window of new connections keeps it. */
export interface TableMark {
  readonly at: number;
  /** New connections by range in this read (ranges with none left out). */
  readonly fresh: ReadonlyMap<string, number>;
  /** Inbound handshakes first seen in it (null in older recordings). */
  readonly opened: number | null;
  /** The kernel's PassiveOpens counter at this read (null without it). */
  readonly passiveOpens: number | null;
}

/** New connections over the window, or null before a second table read (nothing is new at the first). */
export interface NewConnections {
  readonly seconds: number;
  /** New per second by range, from every listed range's first sightings; a range not here had none. */
  readonly perSecond: ReadonlyMap<string, number>;
  /** All ranges' new per second, listed or not. */
  readonly totalPerSecond: number;
  /** Inbound connections seen new per second, and the kernel's PassiveOpens per second, over the same reads. */
  readonly inboundPerSecond: number | null;
  readonly passiveOpensPerSecond: number | null;
  /** Inbound connections that came and went between two reads (PassiveOpens beyond those seen), per second. */
  readonly unseenPerSecond: number | null;
}

/** What the Network pane and the snapshot read. */
export interface NetState {
  readonly at: number;
  readonly interfaces: readonly InterfaceRate[];
  readonly tcp: TcpRates | null;
  readonly sockstat: SockstatCounters | null;
  /** The latest socket table, or null before one was read. */
  readonly table: SocketTable | null;
  readonly tableAt: number | null;
  /** The table reads of the window, oldest first: the oldest gives only its time. */
  readonly marks: readonly TableMark[];
  /** New connections per second over the window; null until a second table. */
  readonly fresh: NewConnections | null;
  /** The raw counters of the last sample, for the next rates. */
  readonly raw: Pick<NetSample, 'interfaces' | 'tcp'>;
}

const rate = (now: number, before: number | undefined, seconds: number) => (before === undefined || seconds <= 0 || now < before ? 0 : (now - before) / seconds);

function interfaceRates(now: readonly InterfaceCounters[], before: readonly InterfaceCounters[], seconds: number): InterfaceRate[] {
  const old = new Map(before.map((i) => [i.name, i]));
  return now.map((i) => {
    const b = old.get(i.name);
    return {
      name: i.name,
      rxBytesPerSecond: rate(i.rxBytes, b?.rxBytes, seconds),
      txBytesPerSecond: rate(i.txBytes, b?.txBytes, seconds),
      rxPacketsPerSecond: rate(i.rxPackets, b?.rxPackets, seconds),
      dropsPerSecond: rate(i.rxDrops + i.txDrops, b ? b.rxDrops + b.txDrops : undefined, seconds),
      drops: i.rxDrops + i.txDrops,
    };
  });
}

function tcpRates(now: TcpCounters | null, before: TcpCounters | null, seconds: number): TcpRates | null {
  if (!now) return null;
  return {
    listenOverflowsPerSecond: rate(now.listenOverflows, before?.listenOverflows, seconds),
    listenDropsPerSecond: rate(now.listenDrops, before?.listenDrops, seconds),
    syncookiesPerSecond: rate(now.syncookiesSent, before?.syncookiesSent, seconds),
    retransPerSecond: rate(now.retransSegs, before?.retransSegs, seconds),
    passiveOpensPerSecond: rate(now.passiveOpens, before?.passiveOpens, seconds),
  };
}

function markOf(table: SocketTable, t: number, tcp: TcpCounters | null): TableMark {
  const fresh = new Map<string, number>();
  for (const r of table.ranges) if (r.fresh > 0) fresh.set(r.range, r.fresh);
  const others = table.otherFresh ?? 0;
  if (others > 0) fresh.set('', others);
  return { at: t, fresh, opened: table.opened ?? null, passiveOpens: tcp?.passiveOpens ?? null };
}

/** The window after a new table read: the latest reads spanning NEW_WINDOW_MS, plus the one before them as the base. */
function nextMarks(marks: readonly TableMark[], mark: TableMark): TableMark[] {
  const out = [...marks.filter((m) => m.at < mark.at), mark];
  while (out.length > 2 && (mark.at - out[1]!.at >= NEW_WINDOW_MS || out.length > MARKS_MAX)) out.shift();
  return out;
}

function newConnections(marks: readonly TableMark[]): NewConnections | null {
  if (marks.length < 2) return null;
  const base = marks[0]!;
  const last = marks[marks.length - 1]!;
  const seconds = (last.at - base.at) / 1000;
  if (seconds <= 0) return null;
  const counts = new Map<string, number>();
  let opened: number | null = 0;
  for (const m of marks.slice(1)) {
    for (const [range, n] of m.fresh) counts.set(range, (counts.get(range) ?? 0) + n);
    opened = opened === null || m.opened === null ? null : opened + m.opened;
  }
  let total = 0;
  const perSecond = new Map<string, number>();
  for (const [range, n] of counts) {
    total += n;
    if (range !== '') perSecond.set(range, n / seconds);
  }
  const passive = base.passiveOpens !== null && last.passiveOpens !== null && last.passiveOpens >= base.passiveOpens ? last.passiveOpens - base.passiveOpens : null;
  return {
    seconds,
    perSecond,
    totalPerSecond: total / seconds,
    inboundPerSecond: opened === null ? null : opened / seconds,
    passiveOpensPerSecond: passive === null ? null : passive / seconds,
    unseenPerSecond: passive === null || opened === null ? null : Math.max(0, passive - opened) / seconds,
  };
}

/** The state after one sample's network part at time `t`. */
export function updateNet(state: NetState | null, net: NetSample, t: number): NetState {
  const seconds = state ? (t - state.at) / 1000 : 0;
  const table = net.table ?? state?.table ?? null;
  const tableAt = net.table ? t : (state?.tableAt ?? null);
  // A quiet sample (issue 32: the tables not walked, no counter moved) is a read that saw nothing new.
  const quiet = !net.table && net.quiet === true && table !== null;
  const mark = net.table ? markOf(net.table, t, net.tcp) : quiet ? { at: t, fresh: new Map<string, number>(), opened: 0, passiveOpens: net.tcp?.passiveOpens ?? null } : null;
  const marks = mark ? nextMarks(state?.marks ?? [], mark) : (state?.marks ?? []);
  return {
    at: t,
    interfaces: interfaceRates(net.interfaces, state?.raw.interfaces ?? [], seconds),
    tcp: tcpRates(net.tcp, state?.raw.tcp ?? null, seconds),
    sockstat: net.sockstat,
    table,
    tableAt,
    marks,
    fresh: mark ? newConnections(marks) : (state?.fresh ?? null),
    raw: { interfaces: net.interfaces, tcp: net.tcp },
  };
}
