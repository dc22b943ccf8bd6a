import { describe, expect, it } from 'vitest';
import { lsqSlope, pushPoint, secondsUntil, type RateWindow } from '../../src/model/fill-rate.js';
import { trackFilesystems, type FsTrack } from '../../src/model/disks.js';
import type { FilesystemSample } from '../../src/stream/messages.js';

const NOISE = 64 * 1024;
const MB = 1024 * 1024;

/** Feeds values sampled once a second and returns the rate after each. */
function rates(values: number[]): number[] {
  let w: RateWindow = [];
  return values.map((v, t) => {
    w = pushPoint(w, { t, v }, 10, NOISE);
    return lsqSlope(w) ?? 0;
  });
}

const cumulative = (deltas: number[]): number[] => deltas.reduce<number[]>((acc, d) => [...acc, (acc.at(-1) ?? 0) + d], []);

describe('fill rate', () => {
  it('is exact for a constant rate', () => {
    const r = rates(cumulative(Array(15).fill(100 * MB)));
    expect(r.at(-1)).toBeCloseTo(100 * MB);
  });

  it('reports freeing as a negative rate', () => {
    expect(rates(cumulative(Array(8).fill(-5 * MB))).at(-1)).toBeCloseTo(-5 * MB);
  });

  it('reacts within two samples to a writer starting', () => {
    const r = rates(cumulative([...Array(12).fill(0), ...Array(5).fill(20 * MB)]));
    // Sample 12 is the first with the writer; by sample 13 the rate is right.
    expect(r[13]).toBeCloseTo(20 * MB, -3);
  });

  it('keeps a partial first interval out of the rate', () => {
    const r = rates(cumulative([...Array(8).fill(0), 3 * MB, 20 * MB, 20 * MB]));
    expect(r[9]).toBeCloseTo(20 * MB, -3);
  });

  it('falls to zero within two samples of the writer stopping', () => {
    const r = rates(cumulative([...Array(12).fill(20 * MB), ...Array(5).fill(0)]));
    expect(Math.abs(r[13]!)).toBeLessThan(NOISE);
  });

  it('does not flap on bursty writes: alternating bursts average out', () => {
    const r = rates(cumulative(Array.from({ length: 30 }, (_, i) => (i % 2 ? 0 : 40 * MB))));
    for (const x of r.slice(12)) expect(x).toBeGreaterThan(15 * MB);
    for (const x of r.slice(12)) expect(x).toBeLessThan(25 * MB);
  });

  it('ignores noise below the floor', () => {
    const r = rates(cumulative(Array.from({ length: 20 }, (_, i) => (i % 3) * 4096)));
    expect(Math.abs(r.at(-1)!)).toBeLessThan(NOISE);
  });

  it('gives a time to full only while filling', () => {
    expect(secondsUntil(100, 10, 1)).toBe(10);
    expect(secondsUntil(100, -10, 1)).toBeNull();
    expect(secondsUntil(100, 0.5, 1)).toBeNull();
    expect(secondsUntil(100, null, 1)).toBeNull();
  });
});

describe('filesystem tracks', () => {
  const fs = (used: number, blocks = 1000): FilesystemSample => ({
    device: '7:0', source: '/dev/loop0', type: 'ext4', mountPoint: '/srv', otherMounts: [], responding: true,
    stat: { bsize: 1024 * 1024, blocks, bfree: blocks - used, bavail: blocks - used - 50, files: 100, ffree: 90 },
  });

  it('restarts the window when the filesystem is remounted with another size', () => {
    let tracks = new Map<string, FsTrack>();
    for (let s = 0; s < 5; s++) tracks = trackFilesystems(tracks, [fs(100 + s * 10)], s * 1000);
    expect(lsqSlope(tracks.get('7:0')!.usedBytes)).toBeCloseTo(10 * 1024 * 1024);
    tracks = trackFilesystems(tracks, [fs(5, 2000)], 5000);
    expect(tracks.get('7:0')!.usedBytes).toHaveLength(1);
    expect(lsqSlope(tracks.get('7:0')!.usedBytes)).toBeNull();
  });

  it('keeps the last counters while a filesystem is late, and drops unmounted ones', () => {
    let tracks = trackFilesystems(new Map(), [fs(100)], 0);
    tracks = trackFilesystems(tracks, [{ ...fs(100), stat: null, responding: false }], 1000);
    expect(tracks.get('7:0')!.stat?.blocks).toBe(1000);
    expect(tracks.get('7:0')!.responding).toBe(false);
    expect(trackFilesystems(tracks, [], 2000).size).toBe(0);
  });
});
