/** Reads /proc/diskstats (raw per-device I/O counters) and the device stacking under /sys/block. */
import { readdirSync } from 'node:fs';
import { DISK_STATS_MAX, type DiskIoCounters } from '../../src/stream/disk-messages.js';
import { readText } from '../proc/read-file.js';

/**
 * Parses /proc/diskstats: `major minor name reads merged sectors readMs writes
 * merged sectors writeMs inFlight ioMs weightedMs [discards… flushes…]`.
 * Devices that never completed an I/O (unused loop and ram devices) are left out.
 */
export function parseDiskstats(text: string): DiskIoCounters[] {
  const out: DiskIoCounters[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 14) continue;
    const n = f.map(Number);
    const reads = n[3]!;
    const writes = n[7]!;
    if (reads + writes === 0) continue;
    out.push({
      name: f[2]!.slice(0, 64), device: `${n[0]}:${n[1]}`,
      reads, readMs: n[6]!, writes, writeMs: n[10]!, inFlight: n[11]!, ioMs: n[12]!, weightedMs: n[13]!,
    });
  }
  out.sort((a, b) => b.reads + b.writes - (a.reads + a.writes));
  return out.slice(0, DISK_STATS_MAX);
}

/** Only stacked devices have slaves worth listing: device-mapper (LVM, dm-crypt) and md. */
function stacked(name: string): boolean {
  return name.startsWith('dm-') || name.startsWith('md');
}

/** Reads /proc/diskstats and, for dm and md devices, the devices under them. */
export function readDiskStats(procRoot = '/proc', sysBlock = '/sys/block'): DiskIoCounters[] {
  const rows = parseDiskstats(readText(`${procRoot}/diskstats`) ?? '');
  return rows.map((row) => {
    if (!stacked(row.name)) return row;
    try {
      return { ...row, slaves: readdirSync(`${sysBlock}/${row.name}/slaves`).slice(0, 64) };
    } catch {
      return row;
    }
  });
}
