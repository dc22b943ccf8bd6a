/** entryLine keeps each entry's line: what it returns is still made from the width, the scroll and the day of `now`; selectTopRanges ranks before it makes its rows. */
import { describe, expect, it } from 'vitest';
import { entryLine } from '../../src/panes/log-lines.js';
import { selectTopRanges } from '../../src/model/log-selectors.js';
import { initialLog, updateLog, type LogLine } from '../../src/model/log.js';

const T = new Date(2026, 11, 7, 10, 0, 1).getTime();
const line: LogLine = { seq: 1, t: T, priority: 6, unit: 'nginx.service', pid: 80, message: 'GET /index.html \x1b[31m200' };

describe('entryLine', () => {
  it('answers again what it made, and makes it anew for another width, scroll or day', () => {
    const first = entryLine(line, 60, T + 1000);
    expect(entryLine(line, 60, T + 5000)).toBe(first);
    expect(entryLine(line, 30, T + 5000)).toBe(entryLine({ ...line }, 30, T + 5000));
    expect(entryLine(line, 60, T + 5000, 3)).toBe(entryLine({ ...line }, 60, T + 5000, 3));
    const nextDay = entryLine(line, 60, T + 86_400_000);
    expect(nextDay).toBe(entryLine({ ...line }, 60, T + 86_400_000));
    expect(nextDay.startsWith('2026-12-07 10:00:01')).toBe(true);
    expect(entryLine(line, 60, T + 1000)).toBe(first);
  });
});

describe('selectTopRanges', () => {
  it('the `limit` busiest ranges, whole (per minute, private), count then name', () => {
    const entries = [...Array(30).keys()].flatMap((i) => Array.from({ length: 1 + (i % 7) }, (_, k) => ({ t: T + k, priority: 6, unit: '', pid: null, message: `Failed password for root from ${i % 2 ? '10' : '198'}.${i}.1.${k} port 22 ssh2` })));
    const log = updateLog(initialLog('x'), { kind: 'log', t: T + 100, source: 'x', entries });
    const all = selectTopRanges(log, T + 100, 1000);
    expect(all.length).toBe(30);
    expect(selectTopRanges(log, T + 100, 5)).toEqual(all.slice(0, 5));
    expect(all[0]).toEqual({ range: '10.13.1.0/24', count: 7, perMinute: 7, private: true });
  });
});
