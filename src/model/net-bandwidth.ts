/**
 * Bandwidth per process, unit and remote range (issue 35): the socket
 * diagnostics' bytes per reading as rates, and "other" (UDP, sockets that
 * closed between two readings, headers) as what the interfaces (lo left out)
 * moved beyond them, so that the sum matches /proc/net/dev. Pure.
 */
import type { BandwidthReading, Sample } from '../stream/messages.js';
import type { SocketOwner } from '../stream/net-messages.js';

/** One (process, range) flow's rates. */
export interface FlowRate {
  readonly owner: SocketOwner | null;
  readonly comm: string;
  readonly range: string;
  readonly txPerSecond: number;
  readonly rxPerSecond: number;
  readonly sockets: number;
}

/** The latest rated reading. */
export interface BandwidthView {
  readonly at: number;
  readonly seconds: number;
  /** Busiest first. */
  readonly flows: readonly FlowRate[];
  /** The interfaces' bytes per second (lo left out) over the same interval. */
  readonly interfaceTx: number;
  readonly interfaceRx: number;
  /** What the interfaces moved beyond the TCP sockets seen: UDP, sockets closed between readings, headers. */
  readonly otherTx: number;
  readonly otherRx: number;
  readonly sockets: number;
}

/** What the model keeps: the interfaces' totals at the last reading, and the last rated reading. */
export interface BandwidthState {
  readonly ifAt: { readonly rx: number; readonly tx: number; readonly t: number } | null;
  readonly view: BandwidthView | null;
}

function ifTotals(sample: Sample): { rx: number; tx: number; t: number } | null {
  const interfaces = sample.net?.interfaces;
  if (!interfaces) return null;
  let rx = 0;
  let tx = 0;
  for (const i of interfaces) {
    if (i.name === 'lo') continue;
    rx += i.rxBytes;
    tx += i.txBytes;
  }
  return { rx, tx, t: sample.t };
}

/** Folds a sample that carries a reading; other samples leave the state as it is. */
export function updateBandwidth(state: BandwidthState | null, reading: BandwidthReading, sample: Sample): BandwidthState {
  const now = ifTotals(sample);
  const before = state?.ifAt ?? null;
  if (reading.seconds <= 0) return { ifAt: now, view: state?.view ?? null };
  const s = reading.seconds;
  const flows = reading.flows
    .map((f): FlowRate => ({ owner: f.owner, comm: f.comm, range: f.range, txPerSecond: f.sentBytes / s, rxPerSecond: f.receivedBytes / s, sockets: f.sockets }))
    .sort((a, b) => b.txPerSecond + b.rxPerSecond - (a.txPerSecond + a.rxPerSecond));
  const tcpTx = (reading.flows.reduce((n, f) => n + f.sentBytes, 0) + reading.restSentBytes) / s;
  const tcpRx = (reading.flows.reduce((n, f) => n + f.receivedBytes, 0) + reading.restReceivedBytes) / s;
  // The interfaces over their own interval (sample to sample), which differs from the dumps' by ss's start-up.
  const is = now && before ? (now.t - before.t) / 1000 : 0;
  const ifTx = now && before && is > 0 && now.tx >= before.tx ? (now.tx - before.tx) / is : tcpTx;
  const ifRx = now && before && is > 0 && now.rx >= before.rx ? (now.rx - before.rx) / is : tcpRx;
  return {
    ifAt: now,
    view: { at: sample.t, seconds: s, flows, interfaceTx: ifTx, interfaceRx: ifRx, otherTx: Math.max(0, ifTx - tcpTx), otherRx: Math.max(0, ifRx - tcpRx), sockets: reading.sockets },
  };
}
