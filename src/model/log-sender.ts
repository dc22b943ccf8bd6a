/**
 * Whether a log line's sender is who its format claims (issue 28 item 6). Any
 * user can write "sshd[1]: Failed password for root from A port 22" with
 * `logger -t sshd`; only journald's trusted fields (_COMM, _EXE, _UID, set by
 * journald from the sending process, not by it) say who wrote it. A line in
 * sshd's format counts toward a range, and `b` proposes its source, only when
 * journald says sshd (its binary, as root) wrote it; a firewall line only when
 * it came from the kernel. A syslog file carries no such fields: its lines
 * count, and `b` says the source is unverified. Pure.
 */
import type { LogEntry } from '../stream/messages.js';
import { addressRanges, ipRanges } from './log-classify.js';
import { sourceOf, type SourceWriter } from './log-source-address.js';

/** sshd's binaries (as collectors/net/ssh-sessions.ts SSHD_BINARIES: the daemon, and OpenSSH 9.8's per-session binary). */
const SSHD_BINARIES: ReadonlySet<string> = new Set([
  '/usr/sbin/sshd', '/usr/bin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd',
  '/usr/lib/openssh/sshd-session', '/usr/libexec/openssh/sshd-session', '/usr/libexec/sshd-session', '/usr/lib/ssh/sshd-session',
]);
const SSHD_COMMS: ReadonlySet<string> = new Set(['sshd', 'sshd-session']);

/** What is known of a line's sender. */
export type SenderCheck =
  | { readonly state: 'verified' }
  /** A file line: nothing says who wrote it. */
  | { readonly state: 'unverified'; readonly reason: string }
  /** journald names another sender than the one the line's format claims. */
  | { readonly state: 'impostor'; readonly reason: string }
  /** No format whose writer matters (no source address, or another daemon's format). */
  | { readonly state: 'none' };

const NONE: SenderCheck = { state: 'none' };
const VERIFIED: SenderCheck = { state: 'verified' };

/** The writer a line claims: its format's, and sshd for a line tagged sshd whatever its text. */
function claimedWriter(entry: LogEntry, writer: SourceWriter | null): SourceWriter | null {
  if (writer === 'sshd' && entry.message.startsWith('pam_unix(') && !entry.message.startsWith('pam_unix(sshd')) return 'other';
  if (writer === 'kernel' || writer === 'sshd') return writer;
  const tag = entry.fields?.SYSLOG_IDENTIFIER ?? '';
  return SSHD_COMMS.has(tag) && writer !== null ? 'sshd' : writer;
}

/** Who journald says wrote it, in words. */
function senderWords(f: Readonly<Record<string, string>>): string {
  return `${f._COMM ?? '?'} (uid ${f._UID ?? '?'}${f._EXE ? `, ${f._EXE}` : ''})`;
}

/** Whether `entry`'s sender is who its format claims. */
export function lineSender(entry: LogEntry): SenderCheck {
  const source = sourceOf(entry.message);
  const writer = claimedWriter(entry, source?.writer ?? null);
  if (writer === null || writer === 'other') return NONE;
  if (entry.monoUsec !== undefined) return writer === 'kernel' ? VERIFIED : { state: 'impostor', reason: 'a kernel record in sshd\'s words' };
  const f = entry.fields ?? {};
  if (f._TRANSPORT === undefined) return { state: 'unverified', reason: 'a log file does not say which program wrote a line' };
  if (writer === 'kernel') {
    return f._TRANSPORT === 'kernel' ? VERIFIED : { state: 'impostor', reason: `this firewall line was not logged by the kernel: journald says ${senderWords(f)} wrote it` };
  }
  if (SSHD_COMMS.has(f._COMM ?? '') && f._UID === '0' && SSHD_BINARIES.has(f._EXE ?? '')) return VERIFIED;
  return { state: 'impostor', reason: `this line claims to be sshd's, but journald says ${senderWords(f)} wrote it` };
}

/** The ranges a line counts toward: its source's alone when the format is known, none when its sender is an impostor, else every address it names. */
export function countedRangesOf(entry: LogEntry): string[] {
  const source = sourceOf(entry.message);
  if (!source) return ipRanges(entry.message);
  if (lineSender(entry).state === 'impostor') return [];
  return addressRanges(source.address);
}
