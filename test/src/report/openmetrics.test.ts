import { describe, expect, it } from 'vitest';
import { labelText, labelValue, METRICS_TOP, openMetrics } from '../../../src/report/openmetrics.js';
import { snapshotReport } from '../../../src/report/snapshot.js';
import { demoMessagesTo } from '../../../demo/demo-source.js';
import { initialModel, reduce } from '../../../src/model/model.js';

const demoReport = (name: 'crash-loop' | 'disk-fill', seconds: number) => snapshotReport(demoMessagesTo(name, seconds).reduce(reduce, initialModel(600)), { elapsedSeconds: seconds }) as Record<string, any>;
const sample = (text: string, name: string, label: string) => text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(label));

describe('OpenMetrics text', () => {
  it('names the filling filesystem, its time to full and the unit writing, in base units', () => {
    const text = openMetrics(demoReport('disk-fill', 40));
    const full = sample(text, 'sitrep_filesystem_seconds_to_full', 'mountpoint="/srv"');
    expect(Number(full!.split(' ').at(-1))).toBeGreaterThan(0);
    expect(Number(full!.split(' ').at(-1))).toBeLessThan(Infinity);
    expect(sample(text, 'sitrep_writer_write_bytes_per_second', 'group="apache2')).toMatch(/ \d+(\.\d+)?(e\+\d+)?$/);
    expect(text).toMatch(/^# TYPE sitrep_filesystem_seconds_to_full gauge$/m);
    expect(text.endsWith('# EOF\n')).toBe(true);
  });

  it('counts crashes and restarts per unit, and says the journal is volatile', () => {
    const text = openMetrics(demoReport('crash-loop', 60));
    expect(sample(text, 'sitrep_unit_crashes_recent', 'unit="php8.2-fpm.service"')).toMatch(/ [1-9]\d*$/);
    expect(text).toMatch(/^# TYPE sitrep_unit_restarts_total counter$/m);
    expect(sample(text, 'sitrep_unit_restarts_total', 'php8.2-fpm')).toMatch(/ [1-9]\d*$/);
    expect(text).toMatch(/^sitrep_journal_volatile 1$/m);
    expect(sample(text, 'sitrep_network_range_connections', 'range="203.0.113.0/24"')).toBeDefined();
  });

  it('writes +Inf for a filesystem not filling, and leaves out one never measured', () => {
    const report = { version: 1, time: '2026-12-03T00:00:00Z', host: { name: 'h' }, filesystems: [
      { mount: '/a', source: '/dev/a', type: 'ext4', sizeBytes: 10, availBytes: 5, reservedBytes: 1, fillRateBytesPerSec: 0, secondsToFull: null, secondsToFullRoot: null, inodes: null, deletedOpenBytes: 0, responding: true },
      { mount: '/hung', source: 'nfs:/x', type: 'nfs', sizeBytes: null, availBytes: null, reservedBytes: null, fillRateBytesPerSec: null, secondsToFull: null, secondsToFullRoot: null, inodes: null, deletedOpenBytes: 0, responding: false },
    ] };
    const text = openMetrics(report);
    expect(sample(text, 'sitrep_filesystem_seconds_to_full', '/a')).toMatch(/ \+Inf$/);
    expect(sample(text, 'sitrep_filesystem_seconds_to_full', '/hung')).toBeUndefined();
    expect(sample(text, 'sitrep_filesystem_responding', '/hung')).toMatch(/ 0$/);
  });

  it('keeps label values unique: escapes controls instead of dropping them (issue 28 item 16)', () => {
    const values = ['/mnt/ab', '/mnt/a\tb', '/mnt/a\u0001b', '/mnt/a\\x09b', '/mnt/a\\\tb', '/mnt/a\u200bb', `/x/${'y'.repeat(300)}1`, `/x/${'y'.repeat(300)}2`, `/x/${'y'.repeat(253)}`];
    const labels = values.map(labelText);
    expect(new Set(labels).size).toBe(values.length);
    expect(labelText('/mnt/a\tb')).toBe('/mnt/a\\x09b');
    for (const l of labels) {
      expect(l).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f]/);
      expect(l.length).toBeLessThanOrEqual(257);
    }
  });

  it('escapes hostile label values and bounds the lists', () => {
    expect(labelValue('a"b\\c\nd\u001b[31m\u009b\u202ee')).toBe('a\\"b\\\\\\\\c\\\\x0ad\\\\x1b[31m\\\\x9b\\\\u202ee');
    const groups = Array.from({ length: 50 }, (_, i) => ({ name: `u${i}.service`, kind: 'unit', writeBytesPerSec: 100 + i }));
    const text = openMetrics({ version: 1, time: '2026-12-03T00:00:00Z', host: { name: 'x\ny' }, groups, log: { crashes: [{ unit: 'evil"\u001b]0;pwn\u0007', count10m: 2 }], oomKills: [], ipRanges: [], volatile: null } });
    expect(text.split('\n').filter((l) => l.startsWith('sitrep_writer_write_bytes_per_second{'))).toHaveLength(METRICS_TOP);
     
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('sitrep_unit_crashes_recent{unit="evil\\"\\\\x1b]0;pwn\\\\x07"} 2');
    expect(text).toContain('host="x\\\\x0ay"');
    expect(text).not.toMatch(/^sitrep_journal_volatile/m);
  });
});
