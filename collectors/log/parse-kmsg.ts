/**
 * Pure parser of the kernel's log records as /dev/kmsg gives them, one per read:
 * `prio,seq,usec,flags[,…];text\n` then optional continuation lines (` KEY=value\n`).
 * The kernel escapes every byte below 0x20, from 0x7f up, and the backslash as `\xNN`;
 * the text is unescaped here (as journald does) and stays raw: the sanitizer bounds it for display.
 */
import type { LogEntry } from '../../src/stream/messages.js';
import { MAX_MESSAGE } from './parse-journal.js';

/** One kernel log record. */
export interface KmsgRecord {
  /** syslog level 0 (emerg) … 7 (debug). */
  readonly level: number;
  /** syslog facility: 0 is the kernel; others were written into /dev/kmsg by a user-space process. */
  readonly facility: number;
  readonly seq: number;
  /** When it was written: µs of the kernel's monotonic clock since boot. */
  readonly usec: number;
  /** The text, unescaped (at most MAX_MESSAGE characters). */
  readonly text: string;
  /** Continuation lines (`SUBSYSTEM=block`, `DEVICE=b7:0`), at most 8. */
  readonly dict: Readonly<Record<string, string>>;
}

/** A record longer than this (after unescaping) is cut; the kernel's own limit is about 1 KiB of text. */
const MAX_BYTES = 4 * MAX_MESSAGE;
const HEADER = /^(\d{1,4}),(\d{1,20}),(\d{1,20}),[^;]*;/;

/** `text` with the kernel's `\xNN` escapes turned back into bytes, decoded as UTF-8 (invalid bytes replaced). */
export function unescapeKmsg(text: string): string {
  if (!text.includes('\\x')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length && bytes.length < MAX_BYTES; i++) {
    const hex = text[i] === '\\' && text[i + 1] === 'x' ? /^[0-9a-fA-F]{2}$/.exec(text.slice(i + 2, i + 4)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 3;
    } else for (const b of Buffer.from(text[i]!, 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** One record as read from /dev/kmsg, or null when it is not one. */
export function parseKmsgRecord(record: string): KmsgRecord | null {
  const header = HEADER.exec(record);
  if (!header) return null;
  const prio = Number(header[1]);
  const seq = Number(header[2]);
  const usec = Number(header[3]);
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(usec)) return null;
  const [first = '', ...rest] = record.slice(header[0].length, header[0].length + MAX_BYTES).split('\n');
  const dict: Record<string, string> = {};
  for (const line of rest.slice(0, 8)) {
    const kv = /^ ([A-Z_][A-Z0-9_]{0,63})=(.*)$/.exec(line);
    if (kv) dict[kv[1]!] = unescapeKmsg(kv[2]!).slice(0, 256);
  }
  return { level: prio & 7, facility: prio >> 3, seq, usec, text: unescapeKmsg(first).slice(0, MAX_MESSAGE), dict };
}

const IDENT = /^([^:\s[]{1,64})(?:\[(\d{1,10})\])?: ?/;

/**
 * A record as a log entry. The kernel's own lines are sent by 'kernel'; a line
 * a process wrote into /dev/kmsg (systemd before journald runs) names its sender
 * the way journald does (`ident[pid]: ` taken off the text). `t` is when it was
 * read; the model places it at `monoUsec` with the batch's boot time.
 */
export function kmsgEntry(record: KmsgRecord, readAt: number): LogEntry {
  const fields: Record<string, string> = { _TRANSPORT: 'kernel', SYSLOG_FACILITY: String(record.facility) };
  for (const [k, v] of Object.entries(record.dict)) fields[`_KERNEL_${k}`] = v;
  let message = record.text;
  let pid: number | null = null;
  if (record.facility === 0) fields.SYSLOG_IDENTIFIER = 'kernel';
  else {
    const ident = IDENT.exec(message);
    if (ident) {
      fields.SYSLOG_IDENTIFIER = ident[1]!;
      pid = ident[2] ? Number(ident[2]) : null;
      message = message.slice(ident[0].length);
    }
  }
  return { t: readAt, priority: record.level, unit: '', pid: pid && pid <= 4_194_304 ? pid : null, message, fields, monoUsec: record.usec };
}
