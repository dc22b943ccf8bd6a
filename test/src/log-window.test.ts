/** What the 10-minute counts cover after the read-back at start, and a snapshot that waits for it. */
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../src/report/snapshot.js';
import { updateLog } from '../../src/model/log.js';
import { countWindow } from '../../src/model/log-selectors.js';
import { summaryLines } from '../../src/panes/log-lines.js';
import type { LogBatch, LogEntry, Source } from '../../src/stream/messages.js';
import { header, sample } from '../support/samples.js';

const MIN = 60_000;
const start = 1_800_000_000_000;
const batch = (t: number, over: Partial<LogBatch> = {}): LogBatch => ({ kind: 'log', t, source: '/var/log/auth.log', entries: [], ...over });

describe('countWindow', () => {
  it('says the window is being read, then whole', () => {
    const reading = updateLog(null, batch(start, { readBack: { since: start - 10 * MIN, reading: true, reached: null, bound: '' } }));
    expect(countWindow(reading, start)).toMatchObject({ label: '10m (reading back…)', partial: true });
    const done = updateLog(reading, batch(start + 500, { readBack: { since: start - 10 * MIN, reading: false, reached: null, bound: '' } }));
    expect(countWindow(done, start + 500)).toEqual({ label: '10m', since: start + 500 - 10 * MIN, partial: false });
  });

  it('says how much was readable when a bound cut the read, until the window has passed the cut', () => {
    const cut = updateLog(null, batch(start, { readBack: { since: start - 10 * MIN, reading: false, reached: start - 4 * MIN - 5000, bound: '24 MiB' } }));
    expect(countWindow(cut, start)).toEqual({ label: '10m (only the last 4m were readable)', since: start - 4 * MIN - 5000, partial: true });
    expect(summaryLines(cut, 120).map((l) => l.text.trim())).toContain('counts over 10m (only the last 4m were readable): the read at start stopped at 24 MiB');
    expect(countWindow(cut, start + 2 * MIN).label).toBe('10m (only the last 6m were readable)');
    expect(countWindow(cut, start + 6 * MIN).label).toBe('10m');
    const seconds = updateLog(null, batch(start, { readBack: { since: start - 10 * MIN, reading: false, reached: start - 40_000, bound: '5 s' } }));
    expect(countWindow(seconds, start).label).toBe('10m (only the last 40s were readable)');
  });

  it('is plain 10m for a source that says nothing (a demo, an old recording)', () => {
    expect(countWindow(updateLog(null, batch(start)), start)).toMatchObject({ label: '10m', partial: false });
  });
});

describe('takeSnapshot and the read-back', () => {
  it('waits past its window for the read-back, and counts what it brought', async () => {
    const entries: LogEntry[] = Array.from({ length: 3000 }, (_, i) => ({ t: Date.now() - 8 * MIN + i * 160, priority: null, unit: '', pid: 7, message: `Failed password for root from 203.0.113.${1 + (i % 200)} port 22 ssh2`, fields: { SYSLOG_IDENTIFIER: 'sshd' } }));
    let timer: NodeJS.Timeout | undefined;
    const source: Source = {
      start(emit) {
        emit(header());
        emit(batch(Date.now(), { readBack: { since: Date.now() - 10 * MIN, reading: true, reached: null, bound: '' } }));
        emit(sample(0, 0, 0));
        emit(sample(1, 10, 90));
        timer = setTimeout(() => emit(batch(Date.now(), { entries, readBack: { since: Date.now() - 10 * MIN, reading: false, reached: null, bound: '' } })), 300);
      },
      stop() {
        clearTimeout(timer);
      },
    };
    const report = (await takeSnapshot(source, 10)) as { log: { ipRanges: Array<{ range: string; count: number }>; window: { label: string } } };
    expect(report.log.ipRanges[0]).toMatchObject({ range: '203.0.113.0/24', count: 3000 });
    expect(report.log.window.label).toBe('10m');
  });
});
