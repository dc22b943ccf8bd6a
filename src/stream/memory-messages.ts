/**
 * Raw memory counters carried by a sample (issue 31): the /proc/meminfo and
 * /proc/vmstat figures the Memory pane needs beyond MemorySample, memory PSI
 * with avg60, the memory cgroups that have a limit, and the RSS split of a
 * bounded set of processes. Cumulative counters only; rates are the model's.
 */

/** /proc/pressure/memory: percentages. @min 0 @max 100 */
export interface MemoryPsi {
  readonly someAvg10: number;
  readonly someAvg60: number;
  readonly fullAvg10: number;
  readonly fullAvg60: number;
}

/** cgroup v2 memory.events counters (cumulative). @min 0 */
export interface CgroupMemoryEvents {
  readonly high: number;
  readonly max: number;
  readonly oom: number;
  readonly oomKill: number;
}

/** One memory cgroup with a limit. */
export interface CgroupMemory {
  /** Its path under the memory hierarchy, e.g. /system.slice/app.service. Unsanitized. @maxLength 4096 */
  readonly path: string;
  /** @min 1 @max 2 */
  readonly version: number;
  /** memory.usage_in_bytes (v1) or memory.current (v2). @min 0 */
  readonly usage: number;
  /** memory.limit_in_bytes (v1) or memory.max (v2). @min 0 */
  readonly limit: number;
  /** v2 memory.events, or null (v1, unreadable). */
  readonly events: CgroupMemoryEvents | null;
}

/** RssAnon, RssFile, RssShmem and VmSwap of one process, from /proc/PID/status, in bytes. @min 0 */
export interface ProcessMemory {
  /** @max 4194304 */
  readonly pid: number;
  readonly startTicks: number;
  readonly anon: number;
  readonly file: number;
  readonly shmem: number;
  readonly swap: number;
  /** /proc/PID/smaps_rollup's Rss, Pss, Swap and Anonymous (bytes), read for the fastest growers only; absent otherwise. */
  readonly rollup?: SmapsRollup;
}

/** The figures of /proc/PID/smaps_rollup the process detail shows, in bytes. @min 0 */
export interface SmapsRollup {
  readonly rss: number;
  readonly pss: number;
  readonly swap: number;
  readonly anonymous: number;
}

/** The memory part of a sample. @min 0 */
export interface MemoryCounters {
  /** /proc/meminfo Dirty, Writeback, SReclaimable and Shmem, in bytes. */
  readonly dirty: number;
  readonly writeback: number;
  readonly reclaimable: number;
  readonly shmem: number;
  /** /proc/vmstat pswpin, pswpout (pages) and pgmajfault, cumulative. */
  readonly pswpin: number;
  readonly pswpout: number;
  readonly pgmajfault: number;
  /** Memory PSI, or null where the kernel has none. */
  readonly psi: MemoryPsi | null;
  /** Memory cgroups with a limit, bounded. @maxItems 4096 */
  readonly cgroups: readonly CgroupMemory[];
  /** The RSS split of the largest and fastest-growing processes, bounded. @maxItems 4096 */
  readonly processes: readonly ProcessMemory[];
}
