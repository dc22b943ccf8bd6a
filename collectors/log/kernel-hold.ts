/**
 * Kernel records read from /dev/kmsg while the journal or a log file is still
 * being read back over the counting window: they are held, then merged into
 * the read-back's lines by time, so the tail reads oldest to newest and the
 * window's history cannot push the kernel's recent lines out of it.
 */
import type { LogEntry } from '../../src/stream/messages.js';
import { bootTimeNow } from './kmsg-follower.js';

/** At most this many kernel records wait (then they go as they are). */
export const MAX_HELD = 50_000;
/** At most this long: past the read-back's own bounds (5 s journal, 3 s file), a stuck read-back holds nothing back. */
export const HOLD_MS = 8_000;

/** Holds kernel records until the read-back ends, or HOLD_MS, or MAX_HELD. */
export class KernelHold {
  private readonly entries: LogEntry[] = [];
  private readonly until: number;
  private holding: boolean;

  constructor(holding: boolean, now = Date.now()) {
    this.holding = holding;
    this.until = now + HOLD_MS;
  }

  /** Takes `entries` while holding; false when they should go on now. */
  take(entries: readonly LogEntry[]): boolean {
    if (!this.holding || this.entries.length + entries.length > MAX_HELD) return false;
    for (const e of entries) this.entries.push(e);
    return true;
  }

  /** Whether records are being held (the read-back is still under way). */
  get active(): boolean {
    return this.holding;
  }

  /** Whether the hold has lasted long enough to let go on its own. */
  due(now = Date.now()): boolean {
    return this.holding && now >= this.until;
  }

  /** Stops holding; returns what was held, oldest first. */
  release(): LogEntry[] {
    this.holding = false;
    return this.entries.splice(0);
  }
}

/** When a line happened, in ms: a kernel record's from its monotonic µs, any other's own `t`. */
function whenOf(entry: LogEntry, bootTime: number): number {
  return entry.monoUsec === undefined ? entry.t : bootTime + entry.monoUsec / 1000;
}

/** `lines` and `kernel` (each oldest first) as one list in time order; a tie keeps `lines` first. */
export function mergeByTime(lines: readonly LogEntry[], kernel: readonly LogEntry[], bootTime = bootTimeNow()): LogEntry[] {
  const out: LogEntry[] = [];
  let i = 0;
  let k = 0;
  while (i < lines.length || k < kernel.length) {
    const takeLine = k >= kernel.length || (i < lines.length && whenOf(lines[i]!, bootTime) <= whenOf(kernel[k]!, bootTime));
    out.push(takeLine ? lines[i++]! : kernel[k++]!);
  }
  return out;
}
