/**
 * The kernel's lines: placing a /dev/kmsg record in wall time, telling the
 * journal's (or a syslog file's) copy of a record sitrep read itself, and what
 * a kernel line reports beyond crashes and OOM kills (hung tasks, I/O errors,
 * filesystem errors and read-only remounts). Pure.
 */
import type { KernelLogFacts, LogEntry } from '../stream/messages.js';
import { logSender } from './log-classify.js';

/** An OOM kill with its victim. */
export interface OomKill {
  readonly t: number;
  readonly victim: string;
  readonly pid: number | null;
  readonly message: string;
  /** The victim's memory cgroup (the kernel's oom-kill line: task_memcg), or null when no line said. */
  readonly cgroup: string | null;
}

/** `entry` at its wall time: a /dev/kmsg record is placed by the boot time (`t` is only when it was read). */
export function placeKernel(entry: LogEntry, facts: KernelLogFacts | null): LogEntry {
  if (entry.monoUsec === undefined || !facts || facts.bootTime <= 0) return entry;
  return { ...entry, t: Math.round(facts.bootTime + entry.monoUsec / 1000) };
}

/**
 * Whether `entry` is another source's copy of a kernel record that /dev/kmsg
 * gives too, so it is not counted twice: a journal line of transport kernel from
 * this boot, written at or after the first µs /dev/kmsg covers; or a syslog
 * file's `kernel:` line from that time on (rsyslog's copy). Older copies are kept:
 * they are the only ones.
 */
export function isKernelCopy(entry: LogEntry, facts: KernelLogFacts | null): boolean {
  if (entry.monoUsec !== undefined || !facts?.source || facts.coveredFromUsec === null) return false;
  const f = entry.fields;
  if (f?._TRANSPORT === 'kernel') {
    const mono = Number(f._SOURCE_MONOTONIC_TIMESTAMP ?? NaN);
    return f._BOOT_ID === facts.bootId && Number.isFinite(mono) && mono >= facts.coveredFromUsec;
  }
  // a file's line: whole seconds, so a second of slack
  return f?.SYSLOG_IDENTIFIER === 'kernel' && f._TRANSPORT === undefined && entry.t >= facts.bootTime + facts.coveredFromUsec / 1000 - 1000;
}

/** What a kernel line reports besides crashes and OOM kills. */
export type KernelEventKind = 'hung task' | 'I/O error' | 'filesystem error' | 'read-only';

/** One such report: its kind and what it is about (a device, or a task). */
export interface KernelEvent {
  readonly kind: KernelEventKind;
  /** The device (sda, loop3) or the task (`kworker/0:1 (123)`). */
  readonly subject: string;
}

const HUNG = /\btask (\S{1,64}):(\d+) blocked for more than \d+ seconds/;
const IO_ERROR = /(?:^|\W)I\/O error,? (?:on )?dev ([\w.:-]{1,64})/;
const BUFFER_IO = /Buffer I\/O error on dev(?:ice)? ([\w.:-]{1,64})/;
const EXT_READONLY = /^EXT[234]-fs (?:error |warning )?\(device ([\w.:-]{1,64})\).*?Remounting filesystem read-only|^EXT[234]-fs \(([\w.:-]{1,64})\): Remounting filesystem read-only/;
const EXT_ERROR = /^EXT[234]-fs error \(device ([\w.:-]{1,64})\)/;
const XFS_SHUTDOWN = /^XFS \(([\w.:-]{1,64})\): .*(?:Shutting down filesystem|[Ff]ilesystem has been shut down)/;
const XFS_ERROR = /^XFS \(([\w.:-]{1,64})\): .*(?:[Cc]orruption|metadata I\/O error|Metadata corruption)/;
/** Every pattern needs one of these: one test rules out most lines. */
const MAYBE = /blocked for more than|I\/O error|EXT[234]-fs|XFS \(/;

/** What a kernel line reports, or null (lines not sent by the kernel never count). */
export function kernelEvent(entry: LogEntry): KernelEvent | null {
  const m = entry.message;
  if (!MAYBE.test(m) || (entry.fields?._TRANSPORT !== 'kernel' && logSender(entry) !== 'kernel')) return null;
  const hung = HUNG.exec(m);
  if (hung) return { kind: 'hung task', subject: `${hung[1]} (${hung[2]})` };
  const ro = EXT_READONLY.exec(m) ?? XFS_SHUTDOWN.exec(m);
  if (ro) return { kind: 'read-only', subject: (ro[1] ?? ro[2])! };
  const fs = EXT_ERROR.exec(m) ?? XFS_ERROR.exec(m);
  if (fs) return { kind: 'filesystem error', subject: fs[1]! };
  const io = IO_ERROR.exec(m) ?? BUFFER_IO.exec(m);
  if (io) return { kind: 'I/O error', subject: io[1]!.replace(/,$/, '') };
  return null;
}

/** The key a kernel event is counted under. */
export function kernelEventKey(event: KernelEvent): string {
  return `${event.kind}\u0000${event.subject}`;
}

/** A kernel event key's last report. */
export interface KernelEventInfo extends KernelEvent {
  readonly t: number;
  readonly message: string;
}

/** Two lines about one pid's OOM kill this close are one kill. */
const OOM_SAME_MS = 60_000;
/** OOM kills kept. */
export const MAX_OOMS = 50;

/**
 * `kept` with `fresh` added, one kill per victim: the kernel's oom-kill line
 * (which names the cgroup) and its "Killed process" line (victim, memory held)
 * become one, whichever comes first, and so do the journal's and /dev/kmsg's
 * copies. The last MAX_OOMS are kept.
 */
export function mergeOoms(kept: readonly OomKill[], fresh: readonly OomKill[]): OomKill[] {
  const out = [...kept];
  for (const o of fresh) {
    const i = out.findIndex((p) => p.pid === o.pid && Math.abs(p.t - o.t) < OOM_SAME_MS);
    if (i < 0) {
      out.push(o);
      continue;
    }
    const p = out[i]!;
    const killed = p.cgroup === null ? p : o;
    out[i] = { t: Math.min(p.t, o.t), pid: p.pid, victim: killed.victim, message: killed.message, cgroup: p.cgroup ?? o.cgroup };
  }
  return out.slice(-MAX_OOMS);
}
