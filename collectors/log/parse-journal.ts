/** Pure parsers for log sources: journalctl's JSON lines, syslog lines, journald.conf. */
import type { LogEntry } from '../../src/stream/messages.js';

/** A message longer than this is cut (the sanitizer bounds display further). */
export const MAX_MESSAGE = 4096;
/** The fields kept on every entry; the rest stay in `raw`, parsed again when a line is opened. */
/** _COMM, _EXE and _UID are journald's own (trusted) fields: they say who really sent a line (src/model/log-sender.ts). */
const KEPT_FIELDS = ['UNIT', 'SYSLOG_IDENTIFIER', '_SYSTEMD_UNIT', '_COMM', '_EXE', '_UID', '_TRANSPORT', '_HOSTNAME', 'SYSLOG_FACILITY'];
/** Kept on the kernel's lines too: the model matches them with the records it read from /dev/kmsg itself. */
const KERNEL_FIELDS = ['_BOOT_ID', '_SOURCE_MONOTONIC_TIMESTAMP'];
/** The raw entry kept for the line detail, at most this long. */
export const MAX_RAW = 16_384;

/** A journal field's value: a string, or an array of bytes for binary data (decoded, invalid UTF-8 replaced). */
function fieldText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return Buffer.from(value as number[]).toString('utf8');
  if (Array.isArray(value)) return value.map(fieldText).filter((v) => v !== null).join(' ');
  return null;
}

/**
 * When the event happened, in µs: the source's own realtime stamp, else the
 * reception time moved back by the kernel's delay (kernel messages read from
 * the ring buffer at boot arrive long after they were written).
 */
function eventMicros(text: (key: string) => string | null): number {
  const received = Number(text('__REALTIME_TIMESTAMP') ?? NaN);
  const source = Number(text('_SOURCE_REALTIME_TIMESTAMP') ?? NaN);
  if (source > 0) return source;
  const mono = Number(text('__MONOTONIC_TIMESTAMP') ?? NaN);
  const sourceMono = Number(text('_SOURCE_MONOTONIC_TIMESTAMP') ?? NaN);
  if (received > 0 && mono > 0 && sourceMono >= 0 && sourceMono <= mono) return received - (mono - sourceMono);
  return received;
}

/** One `journalctl -o json` line as an entry, or null when it is not an entry. */
export function parseJournalLine(line: string): LogEntry | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const text = (key: string): string | null => fieldText(o[key]);
  const message = (text('MESSAGE') ?? '').slice(0, MAX_MESSAGE);
  const micros = eventMicros(text);
  const priority = Number(text('PRIORITY') ?? NaN);
  const pid = Number(text('_PID') ?? NaN);
  const fields: Record<string, string> = {};
  for (const key of o._TRANSPORT === 'kernel' ? [...KEPT_FIELDS, ...KERNEL_FIELDS] : KEPT_FIELDS) {
    const v = o[key];
    if (typeof v === 'string') fields[key] = v.slice(0, 256);
  }
  return {
    t: Number.isFinite(micros) && micros > 0 ? Math.floor(micros / 1000) : Date.now(),
    priority: Number.isInteger(priority) && priority >= 0 && priority <= 7 ? priority : null,
    unit: text('_SYSTEMD_UNIT') ?? '',
    pid: Number.isInteger(pid) && pid > 0 ? pid : null,
    message,
    fields,
    raw: line.length <= MAX_RAW ? line : undefined,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const BSD = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\S+) ([^:[\s]+)(?:\[(\d+)\])?: ?(.*)$/s;
const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?) (\S+) ([^:[\s]+)(?:\[(\d+)\])?: ?(.*)$/s;

/** Guesses a priority from a plain syslog line's words (files carry none). */
export function guessPriority(message: string): number | null {
  if (/\b(panic|emerg)/i.test(message)) return 0;
  if (/\b(crit|critical|fatal|segfault|core dumped|out of memory)/i.test(message)) return 2;
  if (/\b(error|err|failed|failure)\b/i.test(message)) return 3;
  if (/\bwarn(ing)?\b/i.test(message)) return 4;
  return null;
}

/** One syslog file line (BSD or ISO timestamps); unparsed lines keep their text. */
export function parseSyslogLine(line: string, now = Date.now()): LogEntry {
  const text = line.slice(0, MAX_MESSAGE);
  const iso = ISO.exec(text);
  if (iso) {
    const t = Date.parse(iso[1]!);
    return { t: Number.isFinite(t) ? t : now, priority: guessPriority(iso[5]!), unit: '', pid: iso[4] ? Number(iso[4]) : null, message: iso[5]!, fields: { SYSLOG_IDENTIFIER: iso[3]! } };
  }
  const bsd = BSD.exec(text);
  if (bsd) {
    const year = new Date(now).getFullYear();
    const t = new Date(year, MONTHS.indexOf(bsd[1]!), Number(bsd[2]), Number(bsd[3]), Number(bsd[4]), Number(bsd[5])).getTime();
    return { t: t > now + 86_400_000 ? new Date(t).setFullYear(year - 1) : t, priority: guessPriority(bsd[9]!), unit: '', pid: bsd[8] ? Number(bsd[8]) : null, message: bsd[9]!, fields: { SYSLOG_IDENTIFIER: bsd[7]! } };
  }
  return { t: now, priority: guessPriority(text), unit: '', pid: null, message: text };
}

/** The last Storage= of journald.conf texts given in precedence order (main file, then drop-ins). */
export function storageSetting(texts: readonly string[]): string {
  let storage = 'auto';
  for (const text of texts) {
    let section = '';
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('[')) section = line;
      const m = /^Storage\s*=\s*(\S+)/.exec(line);
      if (m && section === '[Journal]') storage = m[1]!.toLowerCase();
    }
  }
  return storage;
}
