/**
 * When to walk the socket tables (issue 32). Reading /proc/net/tcp{,6} makes
 * the kernel walk its whole connection hash table: about 3.4 ms a read even
 * with two sockets, a third of sitrep's idle CPU when done every second. The
 * totals (sockstat, snmp, netstat) cost little and are read every sample; the
 * tables are walked only when
 * - a counter moved that a socket's birth, death, refusal or half-open state
 *   moves (`walkSignals`): a connection flood moves PassiveOpens and sockstat
 *   within the second; a SYN flood whose handshakes never complete moves
 *   no such counter until the kernel retransmits its SYN-ACKs, 1 s after each
 *   SYN (TCPSynRetrans), or its queue overflows (ListenDrops, syncookies): so
 *   it shows within 2 s; sooner when it is a surge of segments in (`surge`);
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

/**
 * Segments in per sample that walk the tables at once when they are also more
 * than SURGE_FACTOR times the usual (a moving average): a SYN flood moves no
 * other counter in its first second. An admin's SSH session stays under it.
 */
export const SURGE_MIN = 100;
/** How many times the usual segments in make a surge. */
export const SURGE_FACTOR = 4;

/** Why a sample walks the tables, or null when it does not. */
export type WalkReason = 'first' | 'moved' | 'surge' | 'watched' | 'periodic' | 'no-counters' | null;

/** The counters the policy reads: those that must not move on a quiet machine, and the segments in (Tcp InSegs). */
export interface WalkSignals {
  readonly counters: readonly number[];
  readonly inSegs: number;
}

type Groups = Record<string, Record<string, number>>;

const SNMP_TCP = ['ActiveOpens', 'PassiveOpens', 'AttemptFails', 'EstabResets'] as const;
const NETSTAT = ['ListenOverflows', 'ListenDrops', 'SyncookiesSent', 'TCPReqQFullDrop', 'TCPReqQFullDoCookies', 'TCPSynRetrans'] as const;
const SOCKSTAT: ReadonlyArray<readonly [string, readonly string[]]> = [
  // Not 'alloc' nor 'mem': they count every network namespace's sockets and memory, and move with any traffic.
  ['TCP', ['inuse', 'orphan', 'tw']],
  ['UDP', ['inuse']],
  ['TCP6', ['inuse']],
  ['UDP6', ['inuse']],
];

/** The counters that move when a socket is born, dies, is refused or waits half-open; null without /proc/net/snmp. */
export function walkSignals(snmp: Groups, netstat: Groups, sockstat4: Groups, sockstat6: Groups): WalkSignals | null {
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
  return { counters: out, inSegs: tcp.InSegs ?? 0 };
}

const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** Decides, sample by sample, whether the socket tables are walked; keep one per reader. */
export class WalkPolicy {
  private last: WalkSignals | null = null;
  /** Segments in per sample, a moving average (weight 1/5 to the newest). */
  private usualSegs: number | null = null;
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
  decide(signals: WalkSignals | null, watched: boolean, now: number): WalkReason {
    const last = this.last;
    const moved = signals !== null && last !== null && !same(signals.counters, last.counters);
    const segs = signals && last && signals.inSegs >= last.inSegs ? signals.inSegs - last.inSegs : null;
    const surge = segs !== null && this.usualSegs !== null && segs >= SURGE_MIN && segs > SURGE_FACTOR * this.usualSegs;
    if (segs !== null) this.usualSegs = this.usualSegs === null ? segs : this.usualSegs + (segs - this.usualSegs) / 5;
    if (signals) this.last = signals;
    if (moved || surge) this.pending = true;
    this.sinceWalk++;
    if (this.walkedAt !== null && this.sinceWalk < this.every) return null;
    if (this.walkedAt === null) return 'first';
    if (signals === null) return 'no-counters';
    if (this.pending) return surge && !moved ? 'surge' : 'moved';
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
