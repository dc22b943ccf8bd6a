/**
 * When to walk the socket tables (issue 32). Reading /proc/net/tcp{,6} makes
 * the kernel walk its whole connection hash table: about 3.4 ms a read even
 * with two sockets, a third of sitrep's idle CPU when done every second. The
 * totals (sockstat, snmp, netstat) cost little and are read every sample; the
 * tables are walked only when
 * - a counter moved that a socket's birth, death, refusal or half-open state
 *   moves (`walkSignals`): a connection flood moves PassiveOpens and sockstat
 *   within the second; a SYN flood whose handshakes never complete moves
 *   nothing until the kernel retransmits its SYN-ACKs, 1 s after each SYN
 *   (TCPSynRetrans), or its queue overflows (ListenDrops, syncookies): so it
 *   shows within 2 s;
 * - the Network pane is looked at (focused, zoomed, or its connection list open);
 * - WALK_EVERY_MS passed since the last walk, for what no counter sees (a
 *   state change such as ESTABLISHED to CLOSE-WAIT, an accept queue drained).
 * Past SOCKETS_PER_SAMPLE sockets a walk is also spaced out, as before.
 */

/** Sockets per sample a table read may cost; past it the tables are read less often (once in ceil(sockets / this) samples). */
export const SOCKETS_PER_SAMPLE = 10_000;
/** The longest the tables go unread, in samples, when they are huge. */
export const MAX_TABLE_EVERY = 10;
/**
 * The longest the tables go unread on a quiet machine (ms): the same 10 s a
 * huge table may wait. Every counter-visible change walks at once, so what it
 * bounds is the age of what no counter sees; at 10 s the walk costs a tenth.
 */
export const WALK_EVERY_MS = 10_000;

/** Why a sample walks the tables, or null when it does not. */
export type WalkReason = 'first' | 'moved' | 'watched' | 'periodic' | 'no-counters' | null;

type Groups = Record<string, Record<string, number>>;

const SNMP_TCP = ['ActiveOpens', 'PassiveOpens', 'AttemptFails', 'EstabResets'] as const;
const NETSTAT = ['ListenOverflows', 'ListenDrops', 'SyncookiesSent', 'TCPReqQFullDrop', 'TCPReqQFullDoCookies', 'TCPSynRetrans'] as const;
const SOCKSTAT: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['TCP', ['inuse', 'orphan', 'tw', 'alloc']],
  ['UDP', ['inuse']],
  ['TCP6', ['inuse']],
  ['UDP6', ['inuse']],
];

/** The counters that move when a socket is born, dies, is refused or waits half-open; null without /proc/net/snmp. */
export function walkSignals(snmp: Groups, netstat: Groups, sockstat4: Groups, sockstat6: Groups): number[] | null {
  const tcp = snmp.Tcp;
  if (!tcp) return null;
  const ext = netstat.TcpExt ?? {};
  const out: number[] = [];
  for (const k of SNMP_TCP) out.push(tcp[k] ?? -1);
  for (const k of NETSTAT) out.push(ext[k] ?? -1);
  for (const [group, keys] of SOCKSTAT) {
    const g = sockstat4[group] ?? sockstat6[group] ?? {};
    for (const k of keys) out.push(g[k] ?? -1);
  }
  return out;
}

const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** Decides, sample by sample, whether the socket tables are walked; keep one per reader. */
export class WalkPolicy {
  private last: readonly number[] | null = null;
  private walkedAt: number | null = null;
  /** A change seen while a huge table's spacing held the walk back: walked at the next allowed sample. */
  private pending = false;
  private sinceWalk = 0;
  private every = 1;

  constructor(private readonly everyMs = WALK_EVERY_MS) {}

  /** The tables are read once in this many samples (more than 1 when huge). */
  get everySamples(): number {
    return this.every;
  }

  /** No counter has moved since the last walk (a sample not walked says nothing is new). */
  get quiet(): boolean {
    return !this.pending && this.walkedAt !== null;
  }

  /** Whether this sample walks, given its counters (`walkSignals`), whether the pane is looked at, and the time (ms). */
  decide(signals: readonly number[] | null, watched: boolean, now: number): WalkReason {
    const moved = signals !== null && this.last !== null && !same(signals, this.last);
    if (signals) this.last = signals;
    if (moved) this.pending = true;
    this.sinceWalk++;
    if (this.walkedAt !== null && this.sinceWalk < this.every) return null;
    if (this.walkedAt === null) return 'first';
    if (signals === null) return 'no-counters';
    if (this.pending) return 'moved';
    if (watched) return 'watched';
    // Samples come about an interval apart, a little late or early: half a second of slack.
    return now - this.walkedAt > this.everyMs - 500 ? 'periodic' : null;
  }

  /** Records a walk of `sockets` sockets at `now` (it sets the spacing of huge tables). */
  walked(sockets: number, now: number): void {
    this.walkedAt = now;
    this.pending = false;
    this.sinceWalk = 0;
    this.every = Math.min(MAX_TABLE_EVERY, Math.max(1, Math.ceil(sockets / SOCKETS_PER_SAMPLE)));
  }
}
