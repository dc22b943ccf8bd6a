/** What a log line says: a crash, an OOM kill, a restart loop, and which IP ranges it names. Pure. */
import type { LogEntry } from '../stream/messages.js';

/** A crash, OOM kill or restart the line reports. */
export type LogSignal =
  | { readonly kind: 'crash'; readonly unit: string; readonly family: 'exit' | 'result' | 'process'; readonly pid?: number }
  | { readonly kind: 'oom'; readonly victim: string; readonly pid: number | null; readonly cgroup?: string }
  | { readonly kind: 'restart'; readonly unit: string; readonly counter: number };

const UNIT_PREFIX = /^([\w@.:\\-]+\.(?:service|scope|socket|mount|timer)): /;
const MAIN_EXIT = /Main process exited, code=(?:killed|dumped)/;
const FAILED_RESULT = /Failed with result '(?:core-dump|signal|watchdog|exit-code|oom-kill)'/;
const SEGFAULT_OF = /(?:^|\s)([\w.@-]+)\[(\d+)\]: segfault at/;
const PROCESS_CRASH = /segfault|core dumped|terminated by signal|dumped core/i;
// "Out of memory: Killed process" (the whole machine) and "Memory cgroup out of memory: Killed process" (a cgroup's limit)
const OOM_KILLED = /[Oo]ut of memory: Killed process (\d+) \(([^)]*)\)/;
// oom-kill:constraint=…,task_memcg=/a/b,task=COMM,pid=N,uid=N: read from the end, so a cgroup or command named ",task=x,pid=1" cannot choose the pid
const OOM_KILL = /oom-kill:.*?(?:task_memcg=(.*),)?task=(.*),pid=(\d+),uid=\d+$/;
const RESTART = /Scheduled restart job, restart counter is at (\d+)/;

/** The unit a systemd message is about (its UNIT field or "x.service: " prefix), else the entry's own. */
function subjectUnit(entry: LogEntry): string {
  return entry.fields?.UNIT ?? UNIT_PREFIX.exec(entry.message)?.[1] ?? entry.unit;
}

/** Who sent a line: its syslog identifier, else its command, else its unit. */
export function logSender(entry: LogEntry): string {
  return entry.fields?.SYSLOG_IDENTIFIER ?? entry.fields?._COMM ?? entry.unit;
}

/** Every pattern below needs one of these words: one test rules out most lines (a flood's 20,000 a second) instead of seven. */
const MAYBE_SIGNAL = /restart counter|Out of memory|oom-kill|Main process exited|Failed with result|segfault|core dumped|terminated by signal|dumped core/i;

/** Classifies one entry. */
export function classify(entry: LogEntry): LogSignal | null {
  const m = entry.message;
  if (!MAYBE_SIGNAL.test(m)) return null;
  const restart = RESTART.exec(m);
  if (restart) return { kind: 'restart', unit: subjectUnit(entry), counter: Number(restart[1]) };
  const oom = OOM_KILLED.exec(m);
  if (oom) return { kind: 'oom', victim: oom[2]!, pid: Number(oom[1]) };
  const oomKill = OOM_KILL.exec(m);
  if (oomKill) return { kind: 'oom', victim: oomKill[2]!, pid: Number(oomKill[3]), cgroup: oomKill[1] ?? '' };
  if (MAIN_EXIT.test(m)) return { kind: 'crash', unit: subjectUnit(entry), family: 'exit' };
  if (FAILED_RESULT.test(m)) return { kind: 'crash', unit: subjectUnit(entry), family: 'result' };
  const of = SEGFAULT_OF.exec(m);
  if (of) return { kind: 'crash', unit: of[1]!, family: 'process', pid: Number(of[2]) };
  if (PROCESS_CRASH.test(m)) return { kind: 'crash', unit: entry.unit || logSender(entry), family: 'process' };
  return null;
}

/** The name a crash is counted under: php-fpm.service and a kernel line about php-fpm meet. */
export function crashKey(unit: string): string {
  return unit.replace(/\.service$/, '') || '?';
}

const IPV4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/g;
const IPV6 = /(?<![\w:])((?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}|(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:?){0,6})(?![\w:])/gi;

/** The first three 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Prefix48(text: string): string[] | null {
  if ((text.match(/::/g) ?? []).length > 1) return null;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':').filter(Boolean) : [];
  if (tail === null && h.length !== 8) return null;
  if (h.length + t.length > 8 || [...h, ...t].some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.slice(0, 3).map((g) => parseInt(g, 16).toString(16));
}

/** The range of one IPv4 address's octets: its /24, or null when it is not a routable-looking address. */
function v4Range(a: string, b: string, c: string, d: string): string | null {
  const [x, y, z, w] = [Number(a), Number(b), Number(c), Number(d)];
  return x <= 255 && y <= 255 && z <= 255 && w <= 255 && x !== 0 ? `${x}.${y}.${z}.0/24` : null;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The ranges of one address (a line's known source): its /24 or /48 alone, at the cost of one match. */
export function addressRanges(address: string): string[] {
  const v4 = DOTTED.exec(address);
  if (!v4) return ipRanges(address);
  const range = v4Range(v4[1]!, v4[2]!, v4[3]!, v4[4]!);
  return range ? [range] : [];
}

/** The source ranges a line names: IPv4 /24 and IPv6 /48, each once. */
export function ipRanges(message: string): string[] {
  const out = new Set<string>();
  for (const m of message.matchAll(IPV4)) {
    const range = v4Range(m[1]!, m[2]!, m[3]!, m[4]!);
    if (range) out.add(range);
  }
  if (message.includes(':')) {
    for (const m of message.matchAll(IPV6)) {
      const p = ipv6Prefix48(m[1]!.replace(/:$/, m[1]!.endsWith('::') ? ':' : ''));
      if (p && p.some((g) => g !== '0')) out.add(`${p.join(':')}::/48`);
    }
  }
  return [...out];
}

/** Whether a range is private, loopback or link-local (marked, and never the top concern). */
export function isPrivateRange(range: string): boolean {
  if (range.includes(':')) return /^(f[cd][0-9a-f]{0,2}|fe[89ab][0-9a-f]):/i.test(range) || range.startsWith('0:0:0');
  const [a, b] = range.split('.').map(Number) as [number, number];
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}
