/**
 * Reads the TCP socket diagnostics on the Network pane's clock (issue 35) and
 * folds them into a BandwidthReading: bytes per (process, remote range) since
 * the previous reading. Every READ_EVERY_MS normally, every sample while the
 * Network pane is focused, and not at all while the interfaces are quiet (no
 * fork on an idle machine).
 */
import { readSocketBytes, type SocketBytes } from '../../collectors/net/socket-diag.js';
import { addressRanges } from '../model/log-classify.js';
import { TALKERS_MAX, type BandwidthReading, type TalkerFlow } from '../stream/bandwidth-messages.js';
import type { InterfaceCounters } from '../stream/net-messages.js';

/** Unfocused, the sockets are read at most this often. */
export const READ_EVERY_MS = 5000;
/** Focused, at most this often (about every sample). */
export const FOCUSED_EVERY_MS = 900;
/** Below this many bytes per second on the interfaces (lo left out) there is nothing to attribute: no reading. */
export const QUIET_BYTES_PER_SEC = 16 * 1024;
/** A reading this long after the previous one only primes the counters (its rates would span the quiet time). */
export const STALE_MS = 15_000;

const loopback = (address: string) => address.startsWith('127.') || address === '::1' || address === 'localhost';

/** Bytes in and out of every interface but lo. */
export function interfaceBytes(interfaces: readonly InterfaceCounters[]): number {
  return interfaces.reduce((n, i) => (i.name === 'lo' ? n : n + i.rxBytes + i.txBytes), 0);
}

/** Folds one read of the sockets against the previous (by both endpoints); `startOf` gives a pid's start ticks. */
export function foldTalkers(
  sockets: readonly SocketBytes[],
  previous: ReadonlyMap<string, SocketBytes> | null,
  seconds: number,
  startOf: (pid: number) => number | null,
): BandwidthReading {
  const flows = new Map<string, { pid: number | null; comm: string; range: string; sent: number; received: number; sockets: number }>();
  let count = 0;
  for (const s of sockets) {
    if (loopback(s.remoteAddress)) continue;
    count++;
    const before = previous?.get(`${s.local} ${s.remote}`);
    const fresh = !before || before.sent > s.sent || before.received > s.received;
    const sent = previous === null ? 0 : fresh ? s.sent : s.sent - before.sent;
    const received = previous === null ? 0 : fresh ? s.received : s.received - before.received;
    const range = addressRanges(s.remoteAddress)[0] ?? s.remoteAddress;
    const key = `${s.pid ?? '-'} ${range}`;
    const flow = flows.get(key) ?? { pid: s.pid, comm: s.comm, range, sent: 0, received: 0, sockets: 0 };
    flow.sent += sent;
    flow.received += received;
    flow.sockets++;
    flows.set(key, flow);
  }
  const ranked = [...flows.values()].sort((a, b) => b.sent + b.received - (a.sent + a.received));
  const listed = ranked.slice(0, TALKERS_MAX).map((f): TalkerFlow => {
    const start = f.pid === null ? null : startOf(f.pid);
    return { owner: f.pid !== null && start !== null ? { pid: f.pid, startTicks: start } : null, comm: f.comm, range: f.range, sentBytes: f.sent, receivedBytes: f.received, sockets: f.sockets };
  });
  const rest = ranked.slice(TALKERS_MAX);
  return {
    seconds, flows: listed, sockets: count,
    restSentBytes: rest.reduce((n, f) => n + f.sent, 0), restReceivedBytes: rest.reduce((n, f) => n + f.received, 0),
  };
}

/** The socket reader and its clock; one per live source. */
export class BandwidthFeed {
  private previous: Map<string, SocketBytes> | null = null;
  private readAt: number | null = null;
  private bytesAtRead = 0;
  private bytesNow = 0;
  private focused = false;

  constructor(private readonly read: () => Promise<SocketBytes[]> = () => readSocketBytes()) {}

  /** The Network pane gained or lost the focus: read every sample while it has it. */
  setFocused(focused: boolean): void {
    this.focused = focused;
  }

  /** The interfaces' counters of the latest sample (for the quiet check). */
  noteInterfaces(interfaces: readonly InterfaceCounters[]): void {
    this.bytesNow = interfaceBytes(interfaces);
  }

  private priming = false;

  /**
   * The first reading has no rates, only the base for the next one: it is
   * taken beside the first samples and never waited for, so the first data
   * frame does not wait for ss (a fork and an exec). True while unprimed:
   * the sample then takes no reading.
   */
  primeAside(): boolean {
    if (this.readAt !== null) return false;
    if (!this.priming) {
      this.priming = true;
      this.take(0, () => null).then(() => (this.priming = false), () => (this.priming = false));
    }
    return true;
  }

  /** Whether a reading is due at `now` (ms). */
  due(now: number): boolean {
    if (this.readAt === null) return true;
    const elapsed = now - this.readAt;
    if (elapsed < (this.focused ? FOCUSED_EVERY_MS : READ_EVERY_MS)) return false;
    return this.focused || this.bytesNow - this.bytesAtRead >= (QUIET_BYTES_PER_SEC * elapsed) / 1000;
  }

  /** Reads the sockets now and folds them; a stale previous reading only primes (seconds 0). */
  async take(_due: number, startOf: (pid: number) => number | null): Promise<BandwidthReading> {
    const sockets = await this.read();
    // The time of the dump itself (ss's start-up, a fork and an exec, varies by tens of ms under load).
    const now = Date.now();
    const stale = this.readAt === null || now - this.readAt > STALE_MS;
    const reading = foldTalkers(sockets, stale ? null : this.previous, stale ? 0 : (now - this.readAt!) / 1000, startOf);
    // Bound: one reading's sockets.
    this.previous = new Map(sockets.map((s) => [`${s.local} ${s.remote}`, s]));
    this.readAt = now;
    this.bytesAtRead = this.bytesNow;
    return reading;
  }
}
