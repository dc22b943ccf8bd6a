import { describe, expect, it } from 'vitest';
import { HOLD_MS, KernelHold, mergeByTime } from '../../../collectors/log/kernel-hold.js';
import type { LogEntry } from '../../../src/stream/messages.js';

const line = (t: number, message: string): LogEntry => ({ t, priority: 6, unit: 'sshd.service', pid: 1, message });
const kernel = (monoUsec: number, message: string): LogEntry => ({ t: 999_999, priority: 3, unit: '', pid: null, message, monoUsec });

describe('kernel records during the read-back', () => {
  it('are held while the window is read back, then let go once', () => {
    const hold = new KernelHold(true, 0);
    expect(hold.take([kernel(1, 'a')])).toBe(true);
    expect(hold.active).toBe(true);
    expect(hold.release().map((e) => e.message)).toEqual(['a']);
    expect(hold.active).toBe(false);
    expect(hold.take([kernel(2, 'b')])).toBe(false);
  });

  it('are not held without a read-back, and a stuck read-back holds them HOLD_MS at most', () => {
    expect(new KernelHold(false).take([kernel(1, 'a')])).toBe(false);
    const hold = new KernelHold(true, 0);
    expect(hold.due(HOLD_MS - 1)).toBe(false);
    expect(hold.due(HOLD_MS)).toBe(true);
  });

  it('join the read-back lines in time order, the kernel time from its monotonic clock', () => {
    const boot = 1_000_000;
    const lines = [line(1_000_100, 'j1'), line(1_000_300, 'j3'), line(1_000_500, 'j5')];
    const kmsg = [kernel(200_000, 'k2'), kernel(400_000, 'k4'), kernel(600_000, 'k6')];
    expect(mergeByTime(lines, kmsg, boot).map((e) => e.message)).toEqual(['j1', 'k2', 'j3', 'k4', 'j5', 'k6']);
    expect(mergeByTime([], kmsg, boot)).toHaveLength(3);
    expect(mergeByTime(lines, [], boot)).toHaveLength(3);
  });
});
