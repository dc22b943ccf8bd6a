/**
 * Block-device I/O counters (issue 35): one line of /proc/diskstats per device
 * that has done I/O, raw. Await, utilisation, queue depth and IOPS come from
 * the model (src/model/disk-latency.ts).
 */

/** Devices a sample carries at most (the busiest by completed I/Os first). */
export const DISK_STATS_MAX = 256;

/** Raw counters of one block device at one instant. @min 0 */
export interface DiskIoCounters {
  /** Kernel name, e.g. sda, vda1, loop3, dm-0. Unsanitized. @maxLength 64 */
  readonly name: string;
  /** 'major:minor': the same as a filesystem's device when it sits directly on this one. @maxLength 24 */
  readonly device: string;
  readonly reads: number;
  /** Milliseconds spent by all reads (their awaits added up). */
  readonly readMs: number;
  readonly writes: number;
  readonly writeMs: number;
  /** Milliseconds the device had at least one I/O in flight (io_ticks: utilisation). */
  readonly ioMs: number;
  /** Weighted milliseconds doing I/O (time_in_queue: the average queue depth). */
  readonly weightedMs: number;
  /** I/Os in flight now. */
  readonly inFlight: number;
  /** Devices this one is built on (/sys/block/NAME/slaves: LVM, dm-crypt, md). @maxItems 64 */
  readonly slaves?: readonly string[];
}
