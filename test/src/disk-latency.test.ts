import { describe, expect, it } from 'vitest';
import { deviceLatency, deviceOfFilesystem, isSlow, trackDiskStats, type DeviceTrack } from '../../src/model/disk-latency.js';
import { parseDiskstats } from '../../collectors/disk/diskstats.js';
import type { DiskIoCounters } from '../../src/stream/disk-messages.js';

const dev = (writes: number, writeMs: number, t: number, extra: Partial<DiskIoCounters> = {}): DiskIoCounters => ({
  name: 'sdb', device: '8:16', reads: 0, readMs: 0, writes, writeMs, ioMs: t / 2, weightedMs: writeMs, inFlight: 0, ...extra,
});

/** Feeds `n` seconds of `iops` writes at `awaitMs` each. */
function feed(tracks: Map<string, DeviceTrack>, from: { t: number; w: number; ms: number }, n: number, iops: number, awaitMs: number) {
  for (let i = 0; i < n; i++) {
    from.t += 1000;
    from.w += iops;
    from.ms += iops * awaitMs;
    tracks = trackDiskStats(tracks, [dev(from.w, from.ms, from.t)], from.t);
  }
  return tracks;
}

describe('disk latency', () => {
  it('parses /proc/diskstats, leaving out devices that never did I/O', () => {
    const rows = parseDiskstats('   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0\n 254       0 vda 100 2 800 50 40 1 320 80 1 120 130 0 0 0 0 5 7\n');
    expect(rows).toEqual([{ name: 'vda', device: '254:0', reads: 100, readMs: 50, writes: 40, writeMs: 80, inFlight: 1, ioMs: 120, weightedMs: 130 }]);
  });

  it('await, IOPS and utilisation over the window; slow when far above its own baseline, and it stays slow', () => {
    const c = { t: 0, w: 0, ms: 0 };
    let tracks = trackDiskStats(new Map(), [dev(0, 0, 0)], 0);
    tracks = feed(tracks, c, 30, 100, 2);
    let l = deviceLatency('sdb', tracks)!;
    expect(l.writeAwaitMs).toBeCloseTo(2);
    expect(l.iops).toBeCloseTo(100);
    expect(l.baselineMs).toBeCloseTo(2);
    expect(l.slow).toBe(false);
    tracks = feed(tracks, c, 5, 20, 200);
    l = deviceLatency('sdb', tracks)!;
    expect(l.slow).toBe(true);
    tracks = feed(tracks, c, 60, 20, 200); // a minute later the baseline has not taken the slow intervals in
    expect(deviceLatency('sdb', tracks)!.slow).toBe(true);
    expect(deviceLatency('sdb', tracks)!.baselineMs).toBeCloseTo(2);
  });

  it('a busy device at its usual await is not slow; small absolute rises are not slow', () => {
    expect(isSlow(8, 2)).toBe(false); // 4x but only 6 ms above
    expect(isSlow(30, 2)).toBe(true);
    expect(isSlow(30, 10)).toBe(false);
    expect(isSlow(1500, null)).toBe(true);
    expect(isSlow(300, null)).toBe(false);
  });

  it('maps a filesystem to its device by number, else by its source name; stacked devices list what is under them', () => {
    let tracks = trackDiskStats(new Map(), [dev(1, 1, 0, { name: 'dm-0', device: '254:0', slaves: ['md0'] }), dev(1, 1, 0, { name: 'md0', device: '9:0', slaves: ['sda', 'sdb'] })], 0);
    tracks = trackDiskStats(tracks, [dev(2, 2, 1000, { name: 'dm-0', device: '254:0', slaves: ['md0'] }), dev(2, 2, 1000, { name: 'md0', device: '9:0', slaves: ['sda', 'sdb'] })], 1000);
    expect(deviceOfFilesystem(tracks, '254:0', '/dev/mapper/vg-root')).toBe('dm-0');
    expect(deviceOfFilesystem(tracks, '0:45', '/dev/md0')).toBe('md0');
    expect(deviceLatency('dm-0', tracks)!.slaves).toEqual(['md0', 'sda', 'sdb']);
  });
});
