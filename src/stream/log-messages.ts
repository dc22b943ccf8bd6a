/** Log messages of the stream: batches of journal or syslog entries (re-exported by messages.ts). */

/** One log entry, as read; every text is raw and goes through the sanitizer before display. */
export interface LogEntry {
  /** Wall clock, ms since the epoch. @time */
  readonly t: number;
  /** syslog priority 0 (emerg) … 7 (debug), or null when the source has none. @min 0 @max 7 */
  readonly priority: number | null;
  /** The systemd unit the line comes from, or '' (a syslog tag or command name is never a unit: see fields.SYSLOG_IDENTIFIER). */
  readonly unit: string;
  /** @min 0 @max 4194304 */
  readonly pid: number | null;
  readonly message: string;
  /** The few fields sitrep reads (UNIT, SYSLOG_IDENTIFIER, _COMM…). @maxItems 64 */
  readonly fields?: Readonly<Record<string, string>>;
  /** The raw journal entry (JSON, at most 16 KiB), for the line detail's full field list. @maxLength 65536 */
  readonly raw?: string;
  /** A record read from /dev/kmsg: when the kernel wrote it, in µs of its monotonic clock since boot (the model derives `t` from it and the batch's `kernel.bootTime`). @min 0 */
  readonly monoUsec?: number;
}

/** The kernel's own log (/dev/kmsg), read beside the journal or a syslog file. */
export interface KernelLogFacts {
  /** '/dev/kmsg' while it is read, null when it cannot be (then `problem` says why). */
  readonly source: string | null;
  readonly problem?: string;
  /** Wall clock (ms since the epoch) when the monotonic clock was 0: Date.now() minus CLOCK_MONOTONIC, measured at the batch. @time */
  readonly bootTime: number;
  /** /proc/sys/kernel/random/boot_id: a journal's kernel line of this boot carries it as _BOOT_ID. @maxLength 64 */
  readonly bootId: string;
  /** Every kernel record from this monotonic µs on is read from /dev/kmsg, so the journal's copy of it (_TRANSPORT=kernel) is not counted again; null until known. @min 0 */
  readonly coveredFromUsec: number | null;
}

/** How journald stores logs, from journald.conf and its drop-ins. */
export interface JournalStorage {
  /** Storage= (auto, volatile, persistent, none). */
  readonly storage: string;
  /** True when logs live only in RAM and are lost on reboot or crash. */
  readonly volatile: boolean;
  /** Where the journal is written now: /var/log/journal or /run/log/journal. */
  readonly storagePath: string | null;
}

/** A batch of new log entries from one source. */
export interface LogBatch {
  readonly kind: 'log';
  /** @time */
  readonly t: number;
  /** What is read: 'journald', 'journald (/mnt/rescue/var/log/journal)', '/var/log/syslog'; '' for nothing. */
  readonly source: string;
  /** What is missing, on the first batch: 'no journal files (…); following /var/log/syslog'. */
  readonly problem?: string;
  /** @maxItems 200000 */
  readonly entries: readonly LogEntry[];
  /** Journal storage facts, on the first batch and when they change. */
  readonly journal?: JournalStorage;
  /** The kernel log's facts: on the first batch, on every batch with kernel records, and when they change. */
  readonly kernel?: KernelLogFacts;
  /** How far back the read at start went: on the first batch (`reading`), and on the batch that ends it. */
  readonly readBack?: LogReadBack;
}

/**
 * The read-back at start: the source is read back over the whole counting
 * window (10 minutes), bounded in bytes and time, so counts start true.
 */
export interface LogReadBack {
  /** The window's start (10 minutes before sitrep started). @time */
  readonly since: number;
  /** True while the window is still being read. */
  readonly reading: boolean;
  /** When a bound stopped the read before `since`: the oldest time read (the counts miss what came before). @time */
  readonly reached: number | null;
  /** The bound that stopped it ('24 MiB', '5 s'), or ''. @maxLength 100 */
  readonly bound: string;
}
