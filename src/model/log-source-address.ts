/**
 * The client address of a log line, read from the formats that say which
 * address is the source: sshd ("... from A port N"), the kernel's firewall log
 * (SRC=A), Apache and nginx access logs (the first field), Apache's error log
 * ([client A]), postfix (connect from host[A]) and PAM's rhost=. Each pattern is
 * anchored where the daemon's own text is, so a user name or a request path
 * that carries an address can't choose the range: "Failed password for invalid
 * user 8.8.8.8 from 203.0.113.5 port 22 ssh2" gives 203.0.113.5. A line in no
 * known format gives null: the admin then picks from the addresses it names.
 */

import { addressRanges, ipRanges } from './log-classify.js';

const A = '([0-9a-fA-F:.]*[0-9a-fA-F])';
const USER = '(?:(?:invalid |authenticating |illegal )?user .* )?';
/** The formats, each with who writes it: a line's claim of its sender (log-sender.ts checks it). */
const FORMATS: ReadonlyArray<readonly [SourceWriter, RegExp]> = [
  // sshd: the address and port end the line (its own suffixes only after them).
  ['sshd', new RegExp(`^(?:Failed|Accepted) \\S+ for .* from ${A} port \\d+(?: ssh2)?(?:: \\S+ \\S+)?$`)],
  ['sshd', new RegExp(`^(?:Invalid|Illegal) user .* from ${A} port \\d+$`)],
  ['sshd', new RegExp(`^(?:Connection (?:closed|reset)|Disconnected from) (?:by )?${USER}${A} port \\d+(?: \\[preauth\\])?$`)],
  // sshd lines whose address follows a fixed prefix (the client's own text comes after it).
  ['sshd', new RegExp(`^(?:Received disconnect from|Connection from|Timeout before authentication for|banner exchange: Connection from) ${A} port \\d+`)],
  ['sshd', new RegExp(`^(?:Unable to negotiate with|error: kex_exchange_identification: .* from|Bad protocol version identification .* from) ${A} port \\d+`)],
  // PAM: rhost comes after fixed fields, before the user name.
  ['sshd', new RegExp(`^pam_unix\\([^)]*\\): authentication failure; logname=\\S* uid=\\d+ euid=\\d+ tty=\\S* ruser=\\S* rhost=${A}(?:\\s|$)`)],
  // The kernel's firewall log.
  ['kernel', new RegExp(`(?:^|\\s)SRC=${A} DST=`)],
  // Common and combined access logs (Apache, nginx): the client is the first field.
  ['other', new RegExp(`^${A} \\S+ \\S+ (?:\\[[^\\]]+\\] )?"`)],
  // Apache's error log.
  ['other', new RegExp(`^\\[[^\\]]*\\] \\[[^\\]]*\\] (?:\\[pid [^\\]]*\\] )?\\[client (\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-fA-F:]+)(?::\\d+)?\\]`)],
  // postfix smtpd.
  ['other', new RegExp(`^(?:dis)?connect from [^\\s\\[]+\\[${A}\\]`)],
  ['other', new RegExp(`^warning: [^\\s\\[]+\\[${A}\\]: SASL \\S+ authentication failed`)],
];

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Whether `text` is an IPv4 or IPv6 address. */
export function isAddress(text: string): boolean {
  const v4 = IPV4.exec(text);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255);
  if (!text.includes(':') || (text.match(/::/g) ?? []).length > 1) return false;
  const groups = text.split(':');
  return groups.length <= 8 && groups.every((g) => /^[0-9a-f]{0,4}$/i.test(g)) && (groups.length === 8 || text.includes('::'));
}

/** Cheap test before the patterns: no digit-dot-digit or hex-colon, no address. */
const MAYBE = /\d\.\d|[0-9a-f]:[0-9a-f:]/i;

/** Who writes a known format: sshd (and PAM inside it), the kernel's firewall log, or another daemon. */
export type SourceWriter = 'sshd' | 'kernel' | 'other';

/** The source address of a line in a known format and who that format's writer is, or null. */
export function sourceOf(message: string): { address: string; writer: SourceWriter } | null {
  if (!MAYBE.test(message)) return null;
  for (const [writer, format] of FORMATS) {
    const m = format.exec(message);
    if (m && isAddress(m[1]!)) return { address: m[1]!.replace(/^::ffff:(?=\d+\.)/i, ''), writer };
  }
  return null;
}

/** The source address of a line in a known format, or null. */
export function sourceAddress(message: string): string | null {
  return sourceOf(message)?.address ?? null;
}

/** The ranges a line counts toward: its source's alone when the format is known, else every address it names. */
export function countedRanges(message: string): string[] {
  const source = sourceAddress(message);
  return source ? addressRanges(source) : ipRanges(message);
}
