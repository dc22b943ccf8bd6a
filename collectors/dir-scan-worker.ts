/** The scan worker: walks the subtrees it is given and posts totals back (bundled as text into sitrep). */
import { parentPort } from 'node:worker_threads';
import { walk } from './dir-walk.js';

let cancelled = false;
parentPort?.on('message', (task: { id: number; path: Uint8Array; dev: number } | { cancel: true }) => {
  if ('cancel' in task) {
    cancelled = true;
    return;
  }
  let last = 0;
  const result = walk(Buffer.from(task.path), task.dev, (files, bytes, dir) => {
    const now = Date.now();
    if (now - last < 100) return;
    last = now;
    parentPort!.postMessage({ progress: { files, bytes, dir } });
  }, () => cancelled);
  parentPort!.postMessage({ id: task.id, result });
});
