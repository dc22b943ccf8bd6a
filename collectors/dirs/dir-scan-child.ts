/**
 * The scan child: a plain `node -e` process (this file is bundled as text into
 * sitrep) that walks the subtrees it is given and sends their totals back over
 * IPC. A process, not a worker thread, because the walk works from inside each
 * directory (dir-walk-relative.ts) and worker threads cannot chdir. Tasks come
 * in batches: one IPC round trip per subtree cost more than the walk itself. It stops
 * when sitrep kills it, or by itself within ~1,000 entries when sitrep is gone.
 */
import { walk, zeroTotals, type WalkResult } from './dir-walk.js';
import { walkRelative } from './dir-walk-relative.js';

const parent = process.ppid;
let checks = 0;
/** True once sitrep has gone (this process was handed to another parent). */
const orphaned = () => (++checks & 1023) === 0 && process.ppid !== parent;

process.on('disconnect', () => process.exit(0));
process.on('message', (batch: Array<{ id: number; path: Uint8Array; dev: number; maxDepth?: number; defer?: number[] }>) => {
  let last = 0;
  const progress = (files: number, bytes: number, dir: string) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    process.send?.({ progress: { files, bytes, dir } });
  };
  const results = batch.map((task) => {
    const bytes = Buffer.from(task.path);
    const text = bytes.toString('utf8');
    const defer = task.defer?.length ? new Set(task.defer) : undefined;
    let result: WalkResult;
    try {
      result = Buffer.from(text).equals(bytes) ? walkRelative(text, task.dev, progress, orphaned, task.maxDepth, defer) : walk(bytes, task.dev, progress, orphaned, task.maxDepth, defer);
    } catch {
      // Whatever a tree does to the walk (a stack it exhausts), the scan goes on: this subtree counts as unreadable.
      result = { ...zeroTotals(), errors: 1, linked: [] };
      process.chdir('/');
    }
    return { id: task.id, result };
  });
  if (process.ppid !== parent) process.exit(0);
  process.send?.({ results });
});
