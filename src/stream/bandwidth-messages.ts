/**
 * Bandwidth per process and per remote range (issue 35), from the kernel's TCP
 * socket diagnostics (`ss -tinpH`: bytes_sent / bytes_received per socket).
 * A reading carries the bytes each (process, range) moved since the previous
 * reading (sockets seen both times: the difference; sockets new since: all of
 * theirs), and the time between: the model turns them into rates, and counts
 * the rest of the interfaces' bytes (UDP, sockets closed between readings) as
 * "other".
 */
import type { SocketOwner } from './net-messages.js';

/** Flows a reading lists at most (the busiest); the rest are summed in `rest*`. */
export const TALKERS_MAX = 64;

/** Bytes one process moved to and from one remote range. @min 0 */
export interface TalkerFlow {
  /** The socket's owner; null where ss named none (another namespace's, or a process gone). */
  readonly owner: SocketOwner | null;
  /** The process name ss gave (unsanitized). @maxLength 64 */
  readonly comm: string;
  /** The remote range (IPv4 /24, IPv6 /48). @maxLength 64 */
  readonly range: string;
  readonly sentBytes: number;
  readonly receivedBytes: number;
  /** Its TCP sockets. @max 1000000 */
  readonly sockets: number;
}

/** One reading of the socket diagnostics. @min 0 */
export interface BandwidthReading {
  /** Seconds since the previous reading; 0 at the first (nothing is counted then). @max 86400 */
  readonly seconds: number;
  /** @maxItems 64 */
  readonly flows: readonly TalkerFlow[];
  /** What the flows past the list moved. */
  readonly restSentBytes: number;
  readonly restReceivedBytes: number;
  /** TCP sockets the reading saw. */
  readonly sockets: number;
}
