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

/**
 * The value of the space-separated field of `bytes` from `start` to `end`, as
 * `Number(field) || 0` would give it, without making the field a string (with
 * thousands of processes, splitting each line was a tenth of what a sample
 * allocated).
 */
function fieldNumber(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 45; // '-'
  if (negative) i++;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 10 && i === end - 1 && digits > 0) break; // the line's newline
    else return 0;
  }
  return digits === 0 ? 0 : negative ? -value || 0 : value;
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** `bytes[start, end)` as UTF-8 (invalid bytes become U+FFFD); `previous` itself when it is the same ASCII text (no new string). */
function decodeName(bytes: Uint8Array, start: number, end: number, previous: string | undefined): string {
  if (previous !== undefined && previous.length === end - start) {
    let i = start;
    while (i < end && bytes[i]! < 0x80 && bytes[i] === previous.charCodeAt(i - start)) i++;
    if (i === end) return previous;
  }
  // one byte: V8's table of one-character strings, nothing allocated
  if (end - start === 1 && bytes[start]! < 0x80) return String.fromCharCode(bytes[start]!);
  return utf8.decode(bytes.subarray(start, end));
}

/** The pid before the name: digits read in place, anything else as `Number(text.trim())` would read it. */
function leadingPid(bytes: Uint8Array, open: number): number {
  let value = 0;
  let i = 0;
  for (; i < open && i < 10; i++) {
    const c = bytes[i]!;
    if (c === 32 && i === open - 1 && i > 0) return value; // "1061 ("
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
  }
  return i === open && i > 0 ? value : Number(utf8.decode(bytes.subarray(0, open)).trim());
}

/**
 * Parses /proc/<pid>/stat from the first `length` bytes of `bytes` (read into
 * a kept buffer: no string of the whole line is made). The name sits between
 * the first '(' and the last ')' (bytes UTF-8 never uses inside a character),
 * and may itself hold spaces, parentheses and any other byte. `previousComm`,
 * this pid's name last time, is returned as the name when unchanged, so a
 * steady process costs no new string.
 */
export function parsePidStatBytes(bytes: Uint8Array, length: number, previousComm?: string): PidStat | null {
  let open = -1;
  let close = -1;
  for (let i = 0; i < length; i++) {
    const c = bytes[i];
    if (c === 40 && open < 0) open = i; // '('
    else if (c === 41) close = i; // ')'
  }
  if (open < 0 || close < open) return null;
  const pid = leadingPid(bytes, open);
  if (!Number.isInteger(pid)) return null;
  let ppid = 0, flags = 0, utime = 0, stime = 0, threads = 0, startTicks = 0, rssPages = 0;
  let state = '';
  let field = 3;
  let start = close + 2;
  for (let i = start; i <= length; i++) {
    if (i < length && bytes[i] !== 32) continue;
    switch (field) {
      case 3: state = decodeName(bytes, start, i, undefined); break;
      case 4: ppid = fieldNumber(bytes, start, i); break;
      case 9: flags = fieldNumber(bytes, start, i); break;
      case 14: utime = fieldNumber(bytes, start, i); break;
      case 15: stime = fieldNumber(bytes, start, i); break;
      case 20: threads = fieldNumber(bytes, start, i); break;
      case 22: startTicks = fieldNumber(bytes, start, i); break;
      case 24: rssPages = fieldNumber(bytes, start, i); break;
    }
    field++;
    start = i + 1;
  }
  // as many fields as the kernel writes up to rss (field 24)
  if (field - 3 < 22 || close + 2 > length) return null;
  return { pid, comm: decodeName(bytes, open + 1, close, previousComm), state, ppid, flags, utime, stime, threads, startTicks, rssPages };
}

/** Parses /proc/<pid>/stat text (parsePidStatBytes over its UTF-8). */
export function parsePidStat(text: string): PidStat | null {
  const bytes = encoder.encode(text);
  return parsePidStatBytes(bytes, bytes.length);
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
