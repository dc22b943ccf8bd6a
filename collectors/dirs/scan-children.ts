/**
 * The scan's child processes (dir-scan-child.ts, embedded in the bundle as
 * text): spawned as soon as a scan starts, so their start-up overlaps the
 * main thread's reading of the top two levels, then fed batches of subtrees.
 */
import type { ChildProcess } from 'node:child_process';
import type { WalkResult } from './dir-walk.js';

declare const __SITREP_SCAN_CHILD__: string | undefined;

/** A subtree to walk. */
export interface ScanTask {
  readonly id: number;
  readonly path: Buffer;
}

/** Whether this build can run scan children (only the bundle carries their code). */
export const canSpawnScanChildren = (): boolean => typeof __SITREP_SCAN_CHILD__ === 'string';

/**
 * Starts `count` scan children: argv, never a shell; no stdio but the IPC
 * channel, so nothing they print reaches the screen; in /, so a console started
 * in a directory deleted since still scans (every walk starts by full path).
 */
export function spawnScanChildren(count: number): ChildProcess[] {
  if (!canSpawnScanChildren()) return [];
  // node:child_process is loaded here, when a scan starts, not at every start (the entry bundle holds this module for snapshot --dir).
  const { spawn } = process.getBuiltinModule('node:child_process');
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', __SITREP_SCAN_CHILD__!], { cwd: '/', stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' }));
}

type ChildMessage = { results?: Array<{ id: number; result: WalkResult }>; progress?: { files: number; bytes: number; dir: string } };

/**
 * The subtrees still to walk, shared by the children and, in a snapshot, the
 * main thread. Batches shrink as the queue empties (a quarter of what is left
 * per walker), so no walker is handed a big last share while the others idle.
 */
export class TaskQueue {
  private next = 0;
  constructor(private readonly tasks: readonly ScanTask[], private readonly walkers: number) {}
  /** Up to `most` tasks, fewer as the queue runs out; empty when none are left. */
  take(most = Infinity): ScanTask[] {
    const left = this.tasks.length - this.next;
    const size = Math.min(most, Math.max(1, Math.ceil(left / (this.walkers * 4))));
    const batch = this.tasks.slice(this.next, this.next + size);
    this.next += batch.length;
    return batch;
  }
}

/**
 * Walks the queue's tasks on the children. Each child holds two batches (the
 * one it walks and the next, already in its pipe), so it never waits for this
 * thread between batches, even while this thread walks a subtree itself.
 * Kills each child when it runs out.
 */
export function runOnChildren(children: readonly ChildProcess[], queue: TaskQueue, dev: number, maxDepth: number, defer: readonly number[], on: { result(id: number, r: WalkResult): void; progress(p: { files: number; bytes: number; dir: string }): void }, cancelled: () => boolean): Promise<void> {
  return Promise.all(children.map((w) => new Promise<void>((resolve, reject) => {
    let inFlight = 0;
    const give = (): boolean => {
      const batch = cancelled() ? [] : queue.take();
      if (batch.length === 0) return false;
      inFlight++;
      w.send(batch.map((t) => ({ id: t.id, path: t.path, dev, maxDepth, ...(defer.length ? { defer } : {}) })));
      return true;
    };
    const finish = () => {
      w.kill('SIGKILL');
      resolve();
    };
    w.on('message', (m: ChildMessage) => {
      if (m.progress) return on.progress(m.progress);
      for (const { id, result } of m.results ?? []) on.result(id, result);
      inFlight--;
      if (!give() && inFlight === 0) finish();
    });
    w.on('error', reject);
    w.on('exit', () => (inFlight > 0 && !cancelled() ? reject(new Error('a scan process ended before its walk')) : resolve()));
    if (!give()) return finish();
    give();
  }))).then(() => undefined);
}
