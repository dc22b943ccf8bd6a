/** The snapshot's block devices (issue 35): await, utilisation, queue, IOPS and "slow", from /proc/diskstats. */
import { deviceLatency, type DeviceLatency } from '../model/disk-latency.js';
import type { ModelState } from '../model/model.js';

const r2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

/** One device's figures as the snapshot gives them (JSON). */
export function latencyReport(l: DeviceLatency | null): Record<string, unknown> | null {
  if (!l) return null;
  return {
    name: l.name, device: l.device,
    readAwaitMs: r2(l.readAwaitMs), writeAwaitMs: r2(l.writeAwaitMs), awaitMs: r2(l.awaitMs),
    iops: r2(l.iops), utilization: r2(l.util), queueDepth: r2(l.queue),
    baselineAwaitMs: r2(l.baselineMs), slow: l.slow, slaves: l.slaves, windowSeconds: r2(l.seconds),
  };
}

/** Every block device that did I/O, busiest first; [] when the source has no diskstats. */
export function devicesReport(model: ModelState): Record<string, unknown>[] {
  const tracks = model.diskStats;
  if (!tracks) return [];
  return [...tracks.keys()]
    .map((name) => deviceLatency(name, tracks))
    .filter((l): l is DeviceLatency => l !== null)
    .sort((a, b) => b.util - a.util || b.iops - a.iops)
    .map((l) => latencyReport(l)!);
}
