/** Drill-down messages of the stream: scan progress and results, and growth (re-exported by messages.ts). */

/** One child of a scanned directory, like a line of `du -x -d 1`. @min 0 */
export interface DirChild {
  /** The name, decoded as UTF-8 (invalid bytes replaced); raw, sanitized at display. @maxLength 4096 */
  readonly name: string;
  readonly isDir: boolean;
  /** Allocated bytes. */
  readonly bytes: number;
  readonly apparent: number;
  readonly files: number;
  readonly dirs: number;
  /** Unreadable directories met below it. */
  readonly errors: number;
  /** The newest mtime below it, ms since the epoch: any value a file's owner chose. @min -9007199254740991 */
  readonly mtime: number;
  /** Its inode (on the scan's device): what a delete or truncate of it locks. Absent in old recordings and demos. */
  readonly ino?: number;
  /** Directories below it deeper than the walk's bound (4,096 levels), counted but not entered. Absent when none. */
  readonly tooDeep?: number;
}

/** Where a running scan is. @min 0 */
export interface ScanProgress {
  readonly files: number;
  readonly bytes: number;
  readonly dir: string;
  readonly filesPerSec: number;
}

/** A scan under way. */
export interface ScanRunning {
  readonly kind: 'scan';
  readonly state: 'running';
  /** @time */
  readonly t: number;
  readonly dir: string;
  readonly progress: ScanProgress;
}

/** A finished scan: the children of `dir`, like `du -x -d 1`. @min 0 */
export interface ScanDone {
  readonly kind: 'scan';
  readonly state: 'done';
  /** @time */
  readonly t: number;
  readonly dir: string;
  readonly device: string;
  /** @maxItems 2000000 */
  readonly children: readonly DirChild[];
  /** The dev:ino of each directory from / down to `dir`, as the scan met them. @maxItems 4096 */
  readonly lock?: readonly string[] | null;
  readonly totalBytes: number;
  readonly errors: number;
  /** Directories deeper than the walk's bound (4,096 levels), counted but not entered. Absent when none, and in old recordings. */
  readonly tooDeep?: number;
  readonly elapsedMs: number;
  /** Used bytes of the directory's filesystem (statfs) as the scan started and as it ended: its baseline. Absent in old recordings and demos. */
  readonly usedBytesAtStart?: number | null;
  readonly usedBytesAtEnd?: number | null;
}

/** A scan that could not run. */
export interface ScanFailed {
  readonly kind: 'scan';
  readonly state: 'failed';
  /** @time */
  readonly t: number;
  readonly dir: string;
  readonly error: string;
}

/** The growth of the children of the directory in view. */
export interface GrowthMessage {
  readonly kind: 'growth';
  /** @time */
  readonly t: number;
  readonly dir: string;
  readonly watch: 'inotify' | 'polling';
  /** Bytes per second by child name. @maxItems 2000000 */
  readonly bytesPerSec: Readonly<Record<string, number>>;
  /** New entries (files and directories) per second by child name; children gaining none are left out. Absent in old recordings. @maxItems 2000000 */
  readonly entriesPerSec?: Readonly<Record<string, number>>;
}

/** A scan's progress, result or failure, or the growth of a directory's children. */
export type ScanMessage = ScanRunning | ScanDone | ScanFailed | GrowthMessage;

/** What the console needs to drive the drill-down: live (DirService) or simulated (demo). */
export interface DirProvider {
  show(dir: string | null): void;
  rescan(dir: string): void;
  cancelScan(): void;
  release(): void;
}

