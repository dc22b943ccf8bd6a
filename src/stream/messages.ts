/**
 * The message stream: every source (live, replay, demo) produces these, and the
 * model, the UI and the recorder consume them without knowing the source.
 * Samples carry raw counters only; rates are derived in the model.
 */

import type { NetSample } from './net-messages.js';
import type { DiskIoCounters } from './disk-messages.js';
import type { BandwidthReading } from './bandwidth-messages.js';
import type { ContainerInfo } from './container-messages.js';
import type { MemoryCounters } from './memory-messages.js';

/** Version of the stream format; readers reject versions they do not know. */
export const STREAM_VERSION = 1;

/**
 * First message of every stream: static facts about the host and the sampling.
 * The JSDoc tags on the fields (time, min, max, maxItems, maxLength) bound what
 * a recording may carry: src/build/gen-schema.mjs turns them into its validator.
 */
export interface StreamHeader {
  readonly kind: 'header';
  readonly format: 'sitrep-stream';
  /** @min 1 @max 1 */
  readonly version: number;
  readonly host: string;
  readonly kernel: string;
  /** The distribution (PRETTY_NAME of /etc/os-release), or null. */
  readonly os: string | null;
  /** @min 1 @max 4096 */
  readonly cores: number;
  /** Clock ticks per second (USER_HZ), the unit of every jiffies counter. @min 1 @max 100000 */
  readonly clockTicks: number;
  /** @min 512 @max 1073741824 */
  readonly pageSize: number;
  /** @min 10 @max 86400000 */
  readonly intervalMs: number;
  /** Wall clock, ms since the epoch. @time */
  readonly startedAt: number;
  /** Boot time, ms since the epoch, to turn process start ticks into times. @time */
  readonly bootTime: number;
}

/** Raw jiffies of one CPU line in /proc/stat. @min 0 */
export interface CpuTimes {
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly idle: number;
  readonly iowait: number;
  readonly irq: number;
  readonly softirq: number;
  readonly steal: number;
}

/** One pressure-stall line pair from /proc/pressure/<resource>: percentages. @min 0 @max 100 */
export interface PressureLine {
  readonly someAvg10: number;
  readonly fullAvg10: number | null;
}

/** PSI for the three resources; absent resources are null. */
export interface Pressure {
  readonly cpu: PressureLine | null;
  readonly io: PressureLine | null;
  readonly memory: PressureLine | null;
}

/** Memory figures from /proc/meminfo, in bytes. @min 0 */
export interface MemorySample {
  readonly total: number;
  readonly available: number;
  readonly free: number;
  readonly buffers: number;
  readonly cached: number;
  readonly swapTotal: number;
  readonly swapFree: number;
}

/** Raw I/O counters from /proc/<pid>/io (this process, its dead threads and reaped children). @min 0 */
export interface IoCounters {
  readonly rchar: number;
  readonly wchar: number;
  readonly readBytes: number;
  /** Bytes this process caused to be sent to the block layer: what fills disks. */
  readonly writeBytes: number;
  readonly cancelledWriteBytes: number;
  /**
   * write() calls made, failed ones included: rising while wchar stays flat
   * means every write fails (ENOSPC). Absent in old recordings.
   */
  readonly syscw?: number;
  /**
   * When these counters were read (ms since the epoch), when not with the
   * sample: a quiet process's io is re-read only every few samples
   * (collectors/proc/io-rotation.ts), and carried in between. @time
   */
  readonly at?: number;
}

/** A regular file a process has open for writing. @min 0 */
export interface OpenWrite {
  readonly fd: number;
  /** Path as the kernel shows it, ' (deleted)' suffix removed. Unsanitized. @maxLength 65536 */
  readonly path: string;
  readonly deleted: boolean;
  readonly sizeBytes: number;
  /** Allocated bytes (st_blocks * 512): what a deleted file still holds. */
  readonly allocatedBytes: number;
  /** 'major:minor' of the filesystem holding it. */
  readonly device: string;
  /** Its inode: with the device, what an action on it locks (absent in old recordings). */
  readonly inode?: number;
  /** The descriptor's file position (fdinfo `pos`): it moves only when this descriptor is written or sought. */
  readonly pos?: number;
}

/** A directory a process works in: its cwd or an open directory descriptor. @min 0 */
export interface WorkDir {
  /** Unsanitized. @maxLength 65536 */
  readonly path: string;
  /** 'major:minor' of the filesystem holding it. */
  readonly device: string;
  readonly cwd: boolean;
}

/** Raw counters of one process at one instant. @min 0 */
export interface ProcessSample {
  /** @max 4194304 */
  readonly pid: number;
  /** @max 4194304 */
  readonly ppid: number;
  /** Start time in clock ticks after boot: with pid, the process identity. */
  readonly startTicks: number;
  /** Unsanitized: names are attacker-controlled. */
  readonly comm: string;
  /** Unsanitized command line, NULs turned into spaces; '' for kernel threads. */
  readonly cmdline: string;
  readonly user: string;
  readonly state: string;
  /** utime + stime, in clock ticks. */
  readonly cpuTicks: number;
  readonly rssBytes: number;
  readonly threads: number;
  readonly kernelThread: boolean;
  /** I/O counters; null where /proc/<pid>/io is unreadable, absent where not collected. */
  readonly io?: IoCounters | null;
  /** The cgroup path (v2 unified, else the systemd v1 hierarchy), e.g. /system.slice/apache2.service. */
  readonly cgroup?: string;
  /** Files open for writing; only collected for processes that are writing. @maxItems 65536 */
  readonly openWrites?: readonly OpenWrite[];
  /** Its cwd and open directories; only collected with openWrites for the busiest writers. @maxItems 64 */
  readonly dirs?: readonly WorkDir[];
  /**
   * When state, cpuTicks, RSS and threads were read, when the reader carried
   * them from an earlier sample (a quiet process among thousands,
   * collectors/proc/stat-rotation.ts); absent when read in this sample. @time
   */
  readonly readAt?: number;
}

/** Raw statfs(2) counters of one filesystem. @min 0 */
export interface StatfsCounters {
  /** Fundamental block size in bytes. */
  readonly bsize: number;
  readonly blocks: number;
  /** Free blocks, including those reserved for root. */
  readonly bfree: number;
  /** Free blocks available to unprivileged users. */
  readonly bavail: number;
  readonly files: number;
  readonly ffree: number;
}

/** One filesystem (bind and duplicate mounts folded into one) at one instant. */
export interface FilesystemSample {
  /** Device number 'major:minor': the identity of the filesystem. */
  readonly device: string;
  /** Mount source, e.g. /dev/vda1 or server:/export. Unsanitized. */
  readonly source: string;
  readonly type: string;
  /** The main mount point (unescaped, unsanitized). */
  readonly mountPoint: string;
  /** Other places the same filesystem is mounted. @maxItems 10000 */
  readonly otherMounts: readonly string[];
  /** False while a statfs call has been outstanding longer than the limit. */
  readonly responding: boolean;
  /** The counters, or null when this sample has none (hung or late). */
  readonly stat: StatfsCounters | null;
}

/** A periodic sample: raw counters read at one instant. */
export interface Sample {
  readonly kind: 'sample';
  /** Wall clock, ms since the epoch. @time */
  readonly t: number;
  readonly cpuTotal: CpuTimes;
  /** @maxItems 4096 */
  readonly cpuCores: readonly CpuTimes[];
  /** @min 0 @max 1000000 */
  readonly load: readonly [number, number, number];
  readonly pressure: Pressure | null;
  readonly memory: MemorySample;
  /** @maxItems 200000 */
  readonly processes: readonly ProcessSample[];
  /** Real filesystems; absent where the source does not collect them. @maxItems 10000 */
  readonly filesystems?: readonly FilesystemSample[];
  /** Cumulative bytes written per cgroup (v2 io.stat wbytes), where the kernel accounts them. */
  readonly cgroupWrites?: readonly CgroupWrites[];
  /** Files deleted but still open, from a full scan; present only on samples that scanned. */
  readonly deletedOpen?: readonly DeletedOpen[];
  /** The service manager and its units; present on samples that carry a fresh reading. */
  readonly services?: ServicesSample;
  /** Interfaces, TCP counters and (on the samples that read them) the socket tables; absent where not collected. */
  readonly net?: NetSample;
  /** Block-device counters from /proc/diskstats; absent where not collected. @maxItems 256 */
  readonly diskStats?: readonly DiskIoCounters[];
  /** TCP bytes per process and range since the previous reading (`ss -tinpH`), on the samples that read them. */
  readonly bandwidth?: BandwidthReading;
  /** The containers of this sample's processes that a runtime names (issue 35); absent where none. @maxItems 1024 */
  readonly containers?: readonly ContainerInfo[];
  /** Memory counters beyond `memory` (the Memory pane); absent in older recordings and where not collected. */
  readonly memoryDetail?: MemoryCounters;
}

/** Which service manager runs here, and the units worth knowing about. */
export interface ServicesSample {
  readonly manager: 'systemd' | 'openrc' | 'sysv' | 'none';
  /** Why service actions are off ("no systemd: PID 1 is init"), or null. */
  readonly unavailable: string | null;
  /** Loaded services, plus the scopes and services processes run in (systemd only). @maxItems 100000 */
  readonly units: readonly UnitSample[];
}

/** One unit as `systemctl show` reports it. */
export interface UnitSample {
  readonly id: string;
  readonly description: string;
  readonly loadState: string;
  readonly activeState: string;
  readonly subState: string;
  /** systemd's Result= (success, exit-code, signal, core-dump…). */
  readonly result: string;
  /** @min 0 */
  readonly nRestarts: number;
  /** The Restart= policy (no, always, on-failure…). */
  readonly restart: string;
  /** 0 when the unit has no main process. @min 0 @max 4194304 */
  readonly mainPid: number;
}

/** Block-layer bytes written by every process that ever ran in a cgroup. */
export interface CgroupWrites {
  /** The same path as ProcessSample.cgroup. */
  readonly cgroup: string;
  /** @min 0 */
  readonly writeBytes: number;
}

/** The deleted-but-open files of one process. */
export interface DeletedOpen {
  /** @min 0 @max 4194304 */
  readonly pid: number;
  /** @min 0 */
  readonly startTicks: number;
  /** @maxItems 65536 */
  readonly files: readonly OpenWrite[];
}

/** Something that happened once: a note, a collector error, an action result. */
export interface StreamEvent {
  readonly kind: 'event';
  /** @time */
  readonly t: number;
  readonly type: 'note' | 'error';
  readonly text: string;
  /** An action's audit entry (the trail), when the event is an action's outcome or refusal. */
  readonly audit?: AuditEntry;
}

import type { AuditEntry } from './audit-messages.js';
export type { AuditEntry, AuditOutcome } from './audit-messages.js';
export type { DiskIoCounters } from './disk-messages.js';
export type { BandwidthReading, TalkerFlow } from './bandwidth-messages.js';
export type { ContainerInfo } from './container-messages.js';
export type { JournalStorage, KernelLogFacts, LogBatch, LogEntry, LogReadBack } from './log-messages.js';
export type { DirChild, DirProvider, ScanMessage, ScanProgress } from './scan-messages.js';
export type { CgroupMemory, CgroupMemoryEvents, MemoryCounters, MemoryPsi, ProcessMemory, SmapsRollup } from './memory-messages.js';
export type { BlockDevice, HardwareFacts, HardwareMessage, MemoryModule, NetInterface } from './hardware-messages.js';
import type { ScanMessage } from './scan-messages.js';
import type { LogBatch } from './log-messages.js';
import type { HardwareMessage } from './hardware-messages.js';

/** Any message of the stream. */
export type Message = StreamHeader | Sample | StreamEvent | LogBatch | ScanMessage | HardwareMessage;

/** A producer of messages: live collectors, a recording, a demo simulator. */
export interface Source {
  /** Begin producing; `emit` receives messages in order, the header first. */
  start(emit: (message: Message) => void): void;
  /** Stop producing and release every resource (timers, child processes). */
  stop(): void;
}

/** The client address of an SSH session here; `own` when it is sitrep's own session (never blocked either way). */
export interface SshClient {
  readonly address: string;
  readonly own: boolean;
}

/** An address `b` must never cut this host off from: its own, its default gateway's, or a DNS server's. */
export interface GuardedAddress {
  readonly address: string;
  readonly what: 'an address of this host' | 'the default gateway' | 'a DNS server';
}
