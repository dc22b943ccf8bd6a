/** Every long-lived structure has a bound, enforced: the log model's key sets, the follower's lines. */
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../collectors/log/file-follower.js';
import { updateLog, type LogState } from '../../src/model/log.js';
import type { LogEntry } from '../../src/stream/messages.js';

describe('log model bounds', () => {
  it('keeps crash details and restart counters for at most 2000 units, the newest', () => {
    let log: LogState | null = null;
    for (let b = 0; b < 50; b++) {
      const entries: LogEntry[] = Array.from({ length: 100 }, (_, i) => {
        const n = b * 100 + i;
        return { t: 1_000_000 + n * 10, priority: 4, unit: 'init.scope', pid: 1, message: `svc-${n}.service: Main process exited, code=dumped, status=11/SEGV`, fields: { UNIT: `svc-${n}.service` } };
      });
      entries.push({ t: 1_000_000 + b * 1000, priority: 6, unit: 'init.scope', pid: 1, message: `r-${b}.service: Scheduled restart job, restart counter is at ${b}.`, fields: { UNIT: `r-${b}.service` } });
      log = updateLog(log, { kind: 'log', t: 1_000_000 + b * 1000, source: 'journald', entries });
    }
    expect(log!.crashInfo.size).toBeLessThanOrEqual(2000);
    expect(log!.crashInfo.has('svc-4999')).toBe(true); // the newest stays
    expect(log!.crashInfo.has('svc-0')).toBe(false);
    expect(log!.crashes.size).toBeLessThanOrEqual(2000);
  });
});

describe('the file follower splits lines without keeping its chunk alive', () => {
  it('decodes each line on its own, carries a partial line over, and bounds it', () => {
    const first = splitLines(Buffer.alloc(0), Buffer.from('one\ntwo\nthr'));
    expect(first.complete).toEqual(['one', 'two']);
    const second = splitLines(first.rest, Buffer.from('ee\n\u00e9t\u00e9\n'));
    expect(second.complete).toEqual(['three', 'été']);
    expect(second.rest.length).toBe(0);
    const huge = splitLines(Buffer.alloc(0), Buffer.alloc(600 * 1024, 0x61));
    expect(huge.complete).toEqual([]);
    expect(huge.rest.length).toBe(256 * 1024);
  });
});

describe('the heap watchdog', () => {
  it('warns past the level, at most once a minute', async () => {
    const { heapWarning, HEAP_WARN_BYTES } = await import('../../src/app/heap-watchdog.js');
    expect(heapWarning(HEAP_WARN_BYTES - 1, 0, null)).toBeNull();
    expect(heapWarning(HEAP_WARN_BYTES + 2 ** 20, 0, null)).toMatch(/^memory: sitrep's heap is at 385 MiB \(warning at 384\)/);
    expect(heapWarning(HEAP_WARN_BYTES * 2, 30_000, 0)).toBeNull();
    expect(heapWarning(HEAP_WARN_BYTES * 2, 61_000, 0)).not.toBeNull();
  });
});

describe('window counts', () => {
  it('hold at most 2,500 keys of 60 fixed buckets each, keep the busiest, and count only the last 10 minutes', async () => {
    const { addCounts, windowCount } = await import('../../src/model/window-count.js');
    let counts = addCounts(new Map(), Array.from({ length: 50 }, () => ['busy', 0] as const), 0);
    for (let batch = 0; batch < 100; batch++) {
      const t = batch * 10_000;
      counts = addCounts(counts, [...Array.from({ length: 200 }, (_, k) => [`k${batch}-${k}`, t] as const), ['busy', t]], t);
      expect(counts.size).toBeLessThanOrEqual(2500);
      expect([...counts.values()].every((b) => b.length === 120)).toBe(true);
    }
    const now = 99 * 10_000;
    expect(counts.has('busy')).toBe(true);
    // 50 at t=0 fell out of the window; one per batch over the last 60 buckets stays.
    expect(windowCount(counts.get('busy'), now, 600_000)).toBe(60);
    expect(windowCount(counts.get('busy'), now, 60_000)).toBe(6);
  });
});
