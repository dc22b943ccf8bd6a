/** Pure parsers for the memory files: meminfo extras, vmstat, memory PSI, cgroup files and /proc/PID/status. */
import type { CgroupMemoryEvents, MemoryPsi, SmapsRollup } from '../../src/stream/memory-messages.js';

/** `key value` lines (meminfo's "Key:   123 kB", vmstat's "key 123", memory.stat, memory.events) as numbers. */
export function parseKeyed(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([\w()]+):?\s+(\d+)(\s+kB)?\s*$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]) * (m[3] ? 1024 : 1));
  }
  return out;
}

/**
 * The number after `key` at a line start (`key:` in meminfo, `key ` in
 * vmstat), times 1024 when `kb`; 0 when absent. Found by indexOf: these files
 * are read every second and only a few of their lines are wanted.
 */
function field(text: string, key: string, kb: boolean): number {
  const at = text.startsWith(key) ? 0 : text.indexOf(`\n${key}`) + 1;
  if (at <= 0 && !text.startsWith(key)) return 0;
  const m = /^[: ]\s*(\d+)/.exec(text.slice(at + key.length, at + key.length + 32));
  return m ? Number(m[1]) * (kb ? 1024 : 1) : 0;
}

/** Dirty, Writeback, SReclaimable and Shmem of /proc/meminfo, in bytes. */
export function parseMeminfoExtras(text: string): { dirty: number; writeback: number; reclaimable: number; shmem: number } {
  return { dirty: field(text, 'Dirty', true), writeback: field(text, 'Writeback', true), reclaimable: field(text, 'SReclaimable', true), shmem: field(text, 'Shmem', true) };
}

/** pswpin, pswpout and pgmajfault of /proc/vmstat (cumulative). */
export function parseVmstat(text: string): { pswpin: number; pswpout: number; pgmajfault: number } {
  return { pswpin: field(text, 'pswpin', false), pswpout: field(text, 'pswpout', false), pgmajfault: field(text, 'pgmajfault', false) };
}

/** The PSI lines, compiled once (the file is read every second). */
const PSI_LINE = { some: /^some avg10=([\d.]+) avg60=([\d.]+)/m, full: /^full avg10=([\d.]+) avg60=([\d.]+)/m } as const;

/** /proc/pressure/memory with avg10 and avg60 of some and full, or null when it does not parse. */
export function parseMemoryPsi(text: string): MemoryPsi | null {
  const line = (kind: 'some' | 'full') => {
    const m = PSI_LINE[kind].exec(text);
    return m ? [Number(m[1]), Number(m[2])] as const : null;
  };
  const some = line('some');
  if (!some) return null;
  const full = line('full') ?? [0, 0];
  const pct = (n: number) => (Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0);
  return { someAvg10: pct(some[0]), someAvg60: pct(some[1]), fullAvg10: pct(full[0]), fullAvg60: pct(full[1]) };
}

/** A cgroup limit file: v2 `max` or v1's huge "no limit" value are null; junk is null. */
export function parseLimit(text: string | null): number | null {
  if (text === null) return null;
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  // v1 writes PAGE_COUNTER_MAX * page size (about 2^63) for "no limit"
  return Number.isSafeInteger(n) && n < 2 ** 60 ? n : null;
}

/** A counter file (memory.current, memory.usage_in_bytes), or null. */
export function parseCounter(text: string | null): number | null {
  if (text === null) return null;
  const s = text.trim();
  return /^\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : null;
}

/** cgroup v2 memory.events, or null when unreadable. */
export function parseMemoryEvents(text: string | null): CgroupMemoryEvents | null {
  if (text === null) return null;
  const e = parseKeyed(text);
  if (e.size === 0) return null;
  return { high: e.get('high') ?? 0, max: e.get('max') ?? 0, oom: e.get('oom') ?? 0, oomKill: e.get('oom_kill') ?? 0 };
}

/** RssAnon, RssFile, RssShmem and VmSwap of /proc/PID/status, in bytes; null when RssAnon is missing (a kernel thread, a gone process). */
export function parseStatusMemory(text: string | null): { anon: number; file: number; shmem: number; swap: number } | null {
  if (text === null) return null;
  const get = (key: string): number | null => {
    const i = text.indexOf(`\n${key}:`);
    if (i < 0) return null;
    const m = /^\s+(\d+) kB/.exec(text.slice(i + key.length + 2, i + key.length + 40));
    return m ? Number(m[1]) * 1024 : null;
  };
  const anon = get('RssAnon');
  if (anon === null) return null;
  return { anon, file: get('RssFile') ?? 0, shmem: get('RssShmem') ?? 0, swap: get('VmSwap') ?? 0 };
}

/** Rss, Pss, Swap and Anonymous of /proc/PID/smaps_rollup, in bytes; null when unreadable or without Rss. */
export function parseSmapsRollup(text: string | null): SmapsRollup | null {
  if (text === null) return null;
  const kb = parseKeyed(text);
  const rss = kb.get('Rss');
  if (rss === undefined) return null;
  return { rss, pss: kb.get('Pss') ?? 0, swap: kb.get('Swap') ?? 0, anonymous: kb.get('Anonymous') ?? 0 };
}
