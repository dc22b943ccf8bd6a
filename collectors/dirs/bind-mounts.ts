/**
 * Bind mounts inside a scanned directory (issue 28 item 18): a directory of
 * the scanned filesystem mounted again below it is the same directory reached
 * twice (one device, one inode), and was counted twice. Its inode is found
 * here, from /proc/self/mountinfo, so the walks leave it for the scan to count
 * once.
 */
import { lstatSync } from 'node:fs';
import { readText } from '../proc/read-processes.js';

/** A mountinfo field with its octal escapes (\040 for a space…) decoded, as bytes. */
function unescape(field: string): Buffer {
  return Buffer.from(field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))), 'latin1');
}

/** The mount points in mountinfo text strictly below `dir` (bytes, as the kernel names them). */
export function mountPointsBelow(mountinfo: string, dir: Buffer): Buffer[] {
  const prefix = Buffer.concat([dir, dir[dir.length - 1] === 0x2f ? Buffer.alloc(0) : Buffer.from('/')]);
  const out: Buffer[] = [];
  for (const line of mountinfo.split('\n')) {
    const field = line.split(' ')[4];
    if (!field) continue;
    const point = unescape(field);
    if (point.length > prefix.length && point.subarray(0, prefix.length).equals(prefix)) out.push(point);
  }
  return out;
}

/** Inodes of the directories of device `dev` mounted again below `dir`: each is walked once, wherever it is met first. */
export function bindRootInodes(dir: string, dev: number, procRoot = '/proc'): Set<number> {
  const out = new Set<number>();
  for (const point of mountPointsBelow(readText(`${procRoot}/self/mountinfo`) ?? '', Buffer.from(dir))) {
    const st = lstatSync(point, { throwIfNoEntry: false });
    if (st && st.isDirectory() && st.dev === dev) out.add(st.ino);
  }
  return out;
}
