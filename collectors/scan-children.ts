/**
 * The scan's child processes (dir-scan-child.ts, embedded in the bundle as
 * text): spawned as soon as a scan starts, so their start-up overlaps the
 * main thread's reading of the top two levels, then fed batches of subtrees.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', __SITREP_SCAN_CHILD__!], { cwd: '/', stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' }));
}

type ChildMessage = { results?: Array<{ id: number; result: WalkResult }>; progress?: { files: number; bytes: number; dir: string } };

/**
 * Walks `tasks` on the children, in batches of several per child (so one that
 * drew big subtrees is not the last to finish, and one IPC round trip per
 * subtree does not cost more than the walk). Kills each child when it runs out.
 */
export function runOnChildren(children: readonly ChildProcess[], tasks: readonly ScanTask[], dev: number, on: { result(id: number, r: WalkResult): void; progress(p: { files: number; bytes: number; dir: string }): void }, cancelled: () => boolean): Promise<void> {
  let next = 0;
  const batchSize = Math.max(1, Math.ceil(tasks.length / (children.length * 8)));
  return Promise.all(children.map((w) => new Promise<void>((resolve, reject) => {
    let busy = false;
    const give = () => {
      if (next >= tasks.length || cancelled()) {
        busy = false;
        w.kill('SIGKILL');
        return resolve();
      }
      const batch = tasks.slice(next, next + batchSize);
      next += batch.length;
      busy = true;
      w.send(batch.map((t) => ({ id: t.id, path: t.path, dev })));
    };
    w.on('message', (m: ChildMessage) => {
      if (m.progress) return on.progress(m.progress);
      for (const { id, result } of m.results ?? []) on.result(id, result);
      give();
    });
    w.on('error', reject);
    w.on('exit', () => (busy && !cancelled() ? reject(new Error('a scan process ended before its walk')) : resolve()));
    give();
  }))).then(() => undefined);
}
