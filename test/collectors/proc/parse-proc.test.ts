import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLoadavg, parseMeminfo, parsePressure, parseProcStat } from '../../../collectors/proc/parse-proc.js';

describe('parseProcStat', () => {
  it('reads total and per-core jiffies and the boot time from a captured file', () => {
    const s = parseProcStat(readFileSync('test/fixtures/proc/stat.txt', 'utf8'));
    expect(s.cores.length).toBeGreaterThan(0);
    expect(s.total.idle).toBeGreaterThan(0);
    expect(s.bootTime).toBeGreaterThan(1_000_000_000);
  });

  it('handles old kernels without steal and skips unknown lines', () => {
    const s = parseProcStat('cpu  10 0 5 100 1 0 0\ncpu0 10 0 5 100 1 0 0\nintr 5\nbtime 1700000000\n');
    expect(s.total).toEqual({ user: 10, nice: 0, system: 5, idle: 100, iowait: 1, irq: 0, softirq: 0, steal: 0 });
    expect(s.cores).toHaveLength(1);
    expect(s.bootTime).toBe(1_700_000_000);
  });
});

describe('parseMeminfo', () => {
  it('reads a captured file in bytes', () => {
    const m = parseMeminfo(readFileSync('test/fixtures/proc/meminfo.txt', 'utf8'));
    expect(m.total).toBeGreaterThan(m.available);
    expect(m.total % 1024).toBe(0);
  });

  it('estimates available on kernels without MemAvailable', () => {
    const m = parseMeminfo('MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 10 kB\nCached: 200 kB\n');
    expect(m.available).toBe(310 * 1024);
  });
});

describe('parseLoadavg and parsePressure', () => {
  it('reads the three load averages', () => {
    expect(parseLoadavg('0.52 0.40 0.31 1/234 5678\n')).toEqual([0.52, 0.4, 0.31]);
  });

  it('reads some and full avg10', () => {
    const text = 'some avg10=1.28 avg60=1.49 avg300=0.43 total=1636735\nfull avg10=0.50 avg60=0.00 avg300=0.00 total=0\n';
    expect(parsePressure(text)).toEqual({ someAvg10: 1.28, fullAvg10: 0.5 });
  });

  it('has no full line for cpu on older kernels', () => {
    expect(parsePressure('some avg10=2.00 avg60=0 avg300=0 total=1\n')).toEqual({ someAvg10: 2, fullAvg10: null });
    expect(parsePressure('')).toBeNull();
  });
});

describe('parseOsRelease', () => {
  it('reads PRETTY_NAME, quoted or not', async () => {
    const { parseOsRelease } = await import('../../../collectors/hardware/host-facts.js');
    expect(parseOsRelease('NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(parseOsRelease('PRETTY_NAME=Alpine\n')).toBe('Alpine');
    expect(parseOsRelease('')).toBeNull();
  });
});
