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
 * Parses /proc/<pid>/stat. The name sits between the first '(' and the last
 * ')', and may itself hold spaces, parentheses and any other byte.
 */
export function parsePidStat(text: string): PidStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is field 3 (state); field N is rest[N - 3].
  const f = (n: number): number => Number(rest[n - 3]) || 0;
  if (!Number.isInteger(pid) || rest.length < 22) return null;
  return {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '?',
    ppid: f(4),
    flags: f(9),
    utime: f(14),
    stime: f(15),
    threads: f(20),
    startTicks: f(22),
    rssPages: f(24),
  };
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
