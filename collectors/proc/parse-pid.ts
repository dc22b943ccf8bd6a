/** Pure parsers for per-process /proc files. */

/** The fields of /proc/<pid>/stat that sitrep uses. */
export interface PidStat {
  readonly pid: number;
  readonly comm: string;
  readonly state: string;
  readonly ppid: number;
  readonly flags: number;
  readonly utime: number;
  readonly stime: number;
  readonly threads: number;
  readonly startTicks: number;
  readonly rssPages: number;
}

/** PF_KTHREAD in the stat flags marks a kernel thread. */
export const PF_KTHREAD = 0x00200000;

/** The numeric fields read from /proc/<pid>/stat (field number → PidStat key); field 3 is the state. */
const NUMERIC_FIELDS: ReadonlyArray<readonly [number, 'ppid' | 'flags' | 'utime' | 'stime' | 'threads' | 'startTicks' | 'rssPages']> = [
  [4, 'ppid'], [9, 'flags'], [14, 'utime'], [15, 'stime'], [20, 'threads'], [22, 'startTicks'], [24, 'rssPages'],
];

/**
 * The value of the space-separated field of `text` from `start` to `end`, as
 * `Number(field) || 0` would give it, without making the field a string (with
 * thousands of processes, splitting each line was a tenth of what a sample
 * allocated).
 */
function fieldNumber(text: string, start: number, end: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === 45; // '-'
  if (negative) i++;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 10 && i === end - 1 && digits > 0) break; // the line's newline
    else return 0;
  }
  return digits === 0 ? 0 : negative ? -value || 0 : value;
}

/**
 * Parses /proc/<pid>/stat. The name sits between the first '(' and the last
 * ')', and may itself hold spaces, parentheses and any other byte.
 */
export function parsePidStat(text: string): PidStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  if (!Number.isInteger(pid)) return null;
  const values = { ppid: 0, flags: 0, utime: 0, stime: 0, threads: 0, startTicks: 0, rssPages: 0 };
  let state = '';
  let field = 3;
  let next = 0;
  let start = close + 2;
  for (let i = start; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 32) continue;
    if (field === 3) state = text.slice(start, i);
    else if (next < NUMERIC_FIELDS.length && NUMERIC_FIELDS[next]![0] === field) values[NUMERIC_FIELDS[next++]![1]] = fieldNumber(text, start, i);
    field++;
    start = i + 1;
  }
  // as many fields as the kernel writes up to rss (field 24)
  if (field - 3 < 22 || close + 2 > text.length) return null;
  return { pid, comm: text.slice(open + 1, close), state, ...values };
}

/** Turns /proc/<pid>/cmdline (NUL-separated) into one line. */
export function parseCmdline(text: string): string {
  return text.replace(/\0+$/, '').split('\0').join(' ');
}

/** Parses /etc/passwd into a uid to name map. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':');
    if (name && uid !== undefined && /^\d+$/.test(uid)) users.set(Number(uid), name);
  }
  return users;
}
