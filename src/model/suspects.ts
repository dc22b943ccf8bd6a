/**
 * Who filled a full filesystem, and who creates files on one whose inodes are
 * running out, when their writes do not show as a growing open file: a writer
 * that filled the disk and keeps retrying writes nothing now (its writes fail),
 * one that stopped writes nothing at all, and a creator of small files closes
 * each one. Pure.
 */
import type { WorkDir } from '../stream/messages.js';
import type { FilesystemView } from './disk-selectors.js';
import { MIN_INODE_RATE } from './disk-selectors.js';
import type { WriterRow, WrittenFile } from './writers.js';

/** Why a process is a suspect of a full filesystem, with the evidence. */
export interface Suspect {
  readonly mount: string;
  readonly device: string;
  /** Its write() calls rose while nothing was written: its writes fail now. */
  readonly blocked: boolean;
  /** Block writes in its life (cancelled ones left out), its reaped children's included. */
  readonly lifetimeWriteBytes: number;
  /** What it wrote here at most: its lifetime writes, or the space its open files here take, the smaller. */
  readonly wroteHereBytes: number;
  /** Its files open for writing on that filesystem, largest first. */
  readonly files: readonly WrittenFile[];
}

/** A directory on a filesystem whose inode use rises, where a process that writes works. */
export interface Creating extends WorkDir {
  readonly mount: string;
}

/** Whether ordinary users can no longer create or grow files there: no space, or no inode. */
export const isFull = (fs: FilesystemView): boolean => fs.known && (fs.usersFull || fs.inodes?.free === 0);

/** The full filesystem `row` has files open for writing on (the one it holds most of), as a suspect; else null. */
export function suspectOf(row: WriterRow, full: ReadonlyMap<string, FilesystemView>): Suspect | null {
  let best: Suspect | null = null;
  for (const fs of full.values()) {
    const files = row.files.filter((f) => f.device === fs.device && !f.deleted).sort((a, b) => b.allocatedBytes - a.allocatedBytes);
    if (files.length === 0) continue;
    const held = files.reduce((s, f) => s + f.allocatedBytes, 0);
    const wroteHereBytes = Math.min(row.writeBytesTotal, held);
    if (best && best.wroteHereBytes >= wroteHereBytes) continue;
    best = { mount: fs.mountPoint, device: fs.device, blocked: row.blocked, lifetimeWriteBytes: row.writeBytesTotal, wroteHereBytes, files };
  }
  return best;
}

/**
 * Where a writer with no growing open file creates files: its cwd or an open
 * directory on a filesystem whose inode use is rising. Null when it writes
 * nothing or none of its directories is on such a filesystem.
 */
export function creatingIn(row: WriterRow, byDevice: ReadonlyMap<string, FilesystemView>): Creating | null {
  if (row.writeRate < 1 && row.wcharRate < 1) return null;
  for (const dir of row.dirs) {
    const fs = byDevice.get(dir.device);
    if (fs?.inodes && (fs.inodes.fillRate ?? 0) >= MIN_INODE_RATE) return { ...dir, mount: fs.mountPoint };
  }
  return null;
}
