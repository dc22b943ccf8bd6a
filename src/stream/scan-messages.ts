/** Drill-down messages of the stream: scan progress and results, and growth (re-exported by messages.ts). */

/** One child of a scanned directory, like a line of `du -x -d 1`. */
export interface DirChild {
  /** The name, decoded as UTF-8 (invalid bytes replaced); raw, sanitized at display. */
  readonly name: string;
  readonly isDir: boolean;
  /** Allocated bytes. */
  readonly bytes: number;
  readonly apparent: number;
  readonly files: number;
  readonly dirs: number;
  /** Unreadable directories met below it. */
  readonly errors: number;
  readonly mtime: number;
  /** Its inode (on the scan's device): what a delete or truncate of it locks. Absent in old recordings and demos. */
  readonly ino?: number;
}

/** Where a running scan is. */
export interface ScanProgress {
  readonly files: number;
  readonly bytes: number;
  readonly dir: string;
  readonly filesPerSec: number;
}

/** A scan's progress, result or failure, or the growth of a directory's children. */
export type ScanMessage =
  | { readonly kind: 'scan'; readonly t: number; readonly dir: string; readonly state: 'running'; readonly progress: ScanProgress }
  | { readonly kind: 'scan'; readonly t: number; readonly dir: string; readonly state: 'done'; readonly device: string; readonly children: readonly DirChild[]; readonly lock?: readonly string[] | null; readonly totalBytes: number; readonly errors: number; readonly elapsedMs: number }
  | { readonly kind: 'scan'; readonly t: number; readonly dir: string; readonly state: 'failed'; readonly error: string }
  | { readonly kind: 'growth'; readonly t: number; readonly dir: string; readonly watch: 'inotify' | 'polling'; readonly bytesPerSec: Readonly<Record<string, number>> };

/** What the console needs to drive the drill-down: live (DirService) or simulated (demo). */
export interface DirProvider {
  show(dir: string | null): void;
  rescan(dir: string): void;
  cancelScan(): void;
  release(): void;
}

