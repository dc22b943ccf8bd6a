/**
 * Drives the drill-down: scans the directory in view (worker threads), and
 * watches it (collectors/dirs/dir-watch.ts: bounded inotify watches, two levels
 * down) so the children that change show their growth in bytes and in new
 * entries per second.
 * Where the watch fails (inotify limits, permissions) it re-measures every few
 * seconds instead. Everything it learns goes out as stream messages, so
 * recordings carry it.
 */
import { scanDirectory, type ScanHandle } from '../../collectors/dirs/dir-scanner.js';
import { DirWatch, FLUSH_MS } from '../../collectors/dirs/dir-watch.js';
import { usedBytesOf } from '../../collectors/disk/fs-used.js';
import type { Message } from '../stream/messages.js';

/** Growth is the bytes added over this window, per second. */
const WINDOW_MS = 3000;
const POLL_MS = 4000;

export type { DirProvider } from '../stream/scan-messages.js';
import type { DirProvider } from '../stream/scan-messages.js';

/** What the service needs of a growth watch (collectors/dirs/dir-watch.ts, or a test's). */
export interface GrowthWatch {
  start(): boolean;
  stop(): void;
}

/** One directory in view at a time. */
export class DirService implements DirProvider {
  private current: string | null = null;
  private scan: ScanHandle | null = null;
  private watcher: GrowthWatch | null = null;
  /** Growth reports, every second while a directory is in view. */
  private timer: NodeJS.Timeout | null = null;
  /** Re-measuring, only when the watch failed. */
  private pollTimer: NodeJS.Timeout | null = null;
  /** [when, child, bytes added, entries added]: the last window's reports. */
  private added: Array<[number, string, number, number]> = [];
  private polled = new Map<string, { bytes: number; entries: number }>();
  private mode: 'inotify' | 'polling' = 'inotify';
  private since = 0;

  /** `makeWatch` builds the growth watch; tests inject one that fails to exercise the fallback. */
  constructor(
    private readonly emit: (m: Message) => void,
    private readonly cached: (dir: string) => boolean,
    private readonly makeWatch: (dir: string, onGrowth: (child: string, bytes: number, entries: number) => void, onError: () => void) => GrowthWatch = (dir, g, e) => new DirWatch(dir, g, e),
  ) {}

  /** Shows `dir` (scanning it unless cached), or nothing when null. */
  show(dir: string | null): void {
    if (dir === this.current) return;
    this.release();
    this.current = dir;
    if (!dir) return;
    if (!this.cached(dir)) this.rescan(dir);
    this.startWatch(dir);
  }

  /** Scans `dir` again (after a delete, or on request). */
  rescan(dir: string): void {
    this.scan?.cancel();
    const started = Date.now();
    let lastProgress = 0;
    const handle = scanDirectory(dir, {
      onProgress: (progress) => {
        const now = Date.now();
        if (now - lastProgress < 200) return;
        lastProgress = now;
        this.emit({ kind: 'scan', t: now, dir, state: 'running', progress });
      },
    });
    this.scan = handle;
    this.emit({ kind: 'scan', t: started, dir, state: 'running', progress: { files: 0, bytes: 0, dir, filesPerSec: 0 } });
    // The scan's own baseline: statfs as it starts and as it ends, not the last sample's (which can predate a delete).
    const usedAtStart = usedBytesOf(dir);
    void handle.done.then(async (r) => {
      const [start, end] = 'error' in r ? [null, null] : await Promise.all([usedAtStart, usedBytesOf(dir)]);
      if (this.scan !== handle) return;
      this.scan = null;
      if ('error' in r) this.emit({ kind: 'scan', t: Date.now(), dir, state: 'failed', error: r.error });
      else {
        const now = Date.now();
        this.emit({ kind: 'scan', t: now, dir, state: 'done', device: String(r.device), children: r.children, lock: r.lock, totalBytes: r.total.bytes, errors: r.total.errors, ...(r.total.tooDeep ? { tooDeep: r.total.tooDeep } : {}), elapsedMs: now - started, usedBytesAtStart: start, usedBytesAtEnd: end });
      }
    });
  }

  /** Esc during a scan. */
  cancelScan(): void {
    if (!this.scan || !this.current) return;
    this.scan.cancel();
    this.scan = null;
    this.emit({ kind: 'scan', t: Date.now(), dir: this.current, state: 'failed', error: 'scan cancelled (Esc)' });
  }

  private startWatch(dir: string): void {
    this.mode = 'inotify';
    // Growth is measured from the watch's first flush, which only takes the sizes of the files that changed.
    this.since = Date.now() + FLUSH_MS;
    const watcher = this.makeWatch(dir, (child, bytes, entries) => this.added.push([Date.now(), child, bytes, entries]), () => this.fallBack(dir));
    this.watcher = watcher;
    if (!watcher.start()) this.fallBack(dir);
    this.timer = setInterval(() => this.report(dir), 1000);
  }

  private fallBack(dir: string): void {
    if (this.mode === 'polling' || this.current !== dir) return;
    this.mode = 'polling';
    this.watcher?.stop();
    this.watcher = null;
    const poll = () => {
      if (this.current !== dir) return;
      void scanDirectory(dir, { workers: 1 }).done.then((r) => {
        if ('error' in r || this.current !== dir) return;
        const now = Date.now();
        for (const c of r.children) {
          const before = this.polled.get(c.name);
          const entries = c.files + c.dirs;
          if (before !== undefined && (c.bytes > before.bytes || entries > before.entries)) {
            this.added.push([now, c.name, Math.max(0, c.bytes - before.bytes), Math.max(0, entries - before.entries)]);
          }
          this.polled.set(c.name, { bytes: c.bytes, entries });
        }
      });
    };
    poll();
    // The report timer started with the watch goes on; only the re-measuring is added.
    this.pollTimer = setInterval(poll, POLL_MS);
  }

  private report(dir: string): void {
    const now = Date.now();
    const windowMs = this.mode === 'polling' ? POLL_MS * 2 : WINDOW_MS;
    this.added = this.added.filter(([t]) => now - t <= windowMs);
    const seconds = Math.max(1, Math.min(windowMs, now - this.since)) / 1000;
    const bytesPerSec: Record<string, number> = {};
    const entriesPerSec: Record<string, number> = {};
    for (const [, child, bytes, entries] of this.added) {
      bytesPerSec[child] = (bytesPerSec[child] ?? 0) + bytes / seconds;
      if (entries) entriesPerSec[child] = (entriesPerSec[child] ?? 0) + entries / seconds;
    }
    this.emit({ kind: 'growth', t: now, dir, watch: this.mode, bytesPerSec, entriesPerSec });
  }

  /** Stops the scan and the watch. */
  release(): void {
    this.scan?.cancel();
    this.scan = null;
    this.watcher?.stop();
    this.watcher = null;
    if (this.timer) clearInterval(this.timer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.timer = null;
    this.pollTimer = null;
    this.added = [];
    this.polled = new Map();
    this.current = null;
  }
}
