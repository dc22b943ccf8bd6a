/**
 * The network state (issue 14): per-interface and TCP counter rates from two
 * samples in a row, and the latest socket table with the time since the one
 * before (new connections per second). Pure.
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

/** What the Network pane and the snapshot read. */
export interface NetState {
  readonly at: number;
  readonly interfaces: readonly InterfaceRate[];
  readonly tcp: TcpRates | null;
  readonly sockstat: SockstatCounters | null;
  /** The latest socket table, or null before one was read. */
  readonly table: SocketTable | null;
  readonly tableAt: number | null;
  /** Seconds between the last two table reads (0 after the first): `fresh` over this is new per second. */
  readonly tableSeconds: number;
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

/** The state after one sample's network part at time `t`. */
export function updateNet(state: NetState | null, net: NetSample, t: number): NetState {
  const seconds = state ? (t - state.at) / 1000 : 0;
  const table = net.table ?? state?.table ?? null;
  const tableAt = net.table ? t : (state?.tableAt ?? null);
  const tableSeconds = net.table ? (state?.tableAt != null ? (t - state.tableAt) / 1000 : 0) : (state?.tableSeconds ?? 0);
  return {
    at: t,
    interfaces: interfaceRates(net.interfaces, state?.raw.interfaces ?? [], seconds),
    tcp: tcpRates(net.tcp, state?.raw.tcp ?? null, seconds),
    sockstat: net.sockstat,
    table,
    tableAt,
    tableSeconds,
    raw: { interfaces: net.interfaces, tcp: net.tcp },
  };
}
