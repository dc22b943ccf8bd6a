/** `sitrep snapshot --json --dir PATH`: the children of PATH as `du -x -d 1` sees them, with growth when a duration is given. */
import { scanDirectory } from '../../collectors/dirs/dir-scanner.js';
import type { DirChild } from '../stream/messages.js';
import { tooDeepNote } from '../model/dirs.js';

type Scan = { device: number; children: DirChild[]; total: { bytes: number; apparent: number; files: number; errors: number; tooDeep: number } };

async function scanOnce(dir: string): Promise<Scan | { error: string }> {
  return scanDirectory(dir, { mainWalks: true }).done;
}

/** The report, or a one-line error. */
export async function dirSnapshot(dir: string, durationMs: number | null): Promise<Record<string, unknown> | { error: string }> {
  const started = performance.now();
  const first = await scanOnce(dir);
  if ('error' in first) return first;
  const scanMs = performance.now() - started;
  let growth: Map<string, number> | null = null;
  if (durationMs !== null) {
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, durationMs));
    const second = await scanOnce(dir);
    if ('error' in second) return second;
    const seconds = (performance.now() - t0) / 1000;
    const before = new Map(first.children.map((c) => [c.name, c.bytes]));
    growth = new Map(second.children.map((c) => [c.name, (c.bytes - (before.get(c.name) ?? 0)) / seconds]));
    first.children = second.children;
  }
  const children = [...first.children].sort((a, b) => b.bytes - a.bytes);
  return {
    version: 1,
    dir,
    time: new Date().toISOString(),
    scanSeconds: Math.round(scanMs) / 1000,
    totalBytes: first.total.bytes,
    /** Directories deeper than the walk's bound (4,096 levels), counted but not entered. */
    tooDeep: first.total.tooDeep,
    note: first.total.tooDeep ? tooDeepNote(first.total.tooDeep) : null,
    children: children.map((c) => ({
      name: c.name,
      type: c.isDir ? 'dir' : 'file',
      sizeBytes: c.bytes,
      apparentBytes: c.apparent,
      files: c.files,
      dirs: c.dirs,
      growthBytesPerSec: growth ? Math.round(growth.get(c.name) ?? 0) : null,
      errors: c.errors,
      tooDeep: c.tooDeep ?? 0,
      modified: c.mtime ? new Date(c.mtime).toISOString() : null,
    })),
  };
}
