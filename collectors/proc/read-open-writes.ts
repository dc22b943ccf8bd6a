/** Lists the regular files a process has open for writing, from /proc/<pid>/fd and fdinfo. */
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import type { OpenWrite, WorkDir } from '../../src/stream/messages.js';
import { fdinfoDirectory, fdinfoPos, fdinfoWrites } from './parse-io.js';
import { readText } from './read-processes.js';

/** 'major:minor' of a Linux dev_t. */
export function deviceName(dev: number): string {
  const high = Math.floor(dev / 2 ** 32);
  const low = dev % 2 ** 32;
  const major = ((low >>> 8) & 0xfff) | ((high & 0xfffff000) >>> 0);
  const minor = (low & 0xff) | ((low >>> 12) & 0xfff00);
  return `${major}:${minor}`;
}

const DELETED = ' (deleted)';

/** Shown for a descriptor whose path is longer than PATH_MAX (readlink fails with ENAMETOOLONG). */
export const LONG_PATH = '(path longer than 4096 bytes)';

/** Directories kept per process (its cwd, then open directory descriptors). */
export const DIRS_MAX = 16;

/**
 * Files open for writing by `pid` (at most `limit`); [] when the process is
 * gone or unreadable. With `dirs`, its cwd and the directories it holds open
 * (O_DIRECTORY, seen in the fdinfo already read) are added to it, at most
 * DIRS_MAX: a process creating many small files closes each one, and its
 * directories are what ties it to the filesystem.
 */
export function readOpenWrites(pid: number, procRoot = '/proc', limit = 64, dirs?: WorkDir[]): OpenWrite[] {
  if (dirs) {
    const cwd = readDir(`${procRoot}/${pid}/cwd`, true);
    if (cwd) dirs.push(cwd);
  }
  return readOpenFiles(pid, procRoot, limit, (target, info) => {
    if (dirs && dirs.length < DIRS_MAX && fdinfoDirectory(info)) {
      const dir = readDir(`${procRoot}/${pid}/fd/${target.fd}`, false);
      if (dir && !dirs.some((d) => d.path === dir.path)) dirs.push(dir);
      return false;
    }
    return fdinfoWrites(info);
  });
}

/** A directory link (/proc/<pid>/cwd or fd/N) as a WorkDir, or null. */
function readDir(link: string, cwd: boolean): WorkDir | null {
  try {
    const path = readlinkSync(link, { encoding: 'buffer' }).toString('utf8');
    if (!path.startsWith('/')) return null;
    const st = statSync(link);
    return st.isDirectory() ? { path, device: deviceName(st.dev), cwd } : null;
  } catch {
    return null;
  }
}

/**
 * Regular files `pid` holds open although they are deleted, whatever the access
 * mode. The kernel marks an unlinked file's path with ' (deleted)'; that makes
 * it a candidate, and fstat's nlink of 0 decides (any file may be called
 * 'x (deleted)'). A path past PATH_MAX has no name to mark: fstat decides.
 */
export function readDeletedOpen(pid: number, procRoot = '/proc', limit = 64, onSocket?: (inode: number) => void): OpenWrite[] {
  const candidate = ({ path }: { path: string }) => path.endsWith(DELETED) || path === LONG_PATH;
  return readOpenFiles(pid, procRoot, limit, candidate, false, onSocket).filter((f) => f.deleted);
}

/** The inode of a `socket:[N]` link target, or -1: read in place (a regexp match made an array and two strings per socket, every descriptor of every process once a scan cycle). */
export function socketInode(target: string): number {
  const end = target.length - 1;
  if (end < 9 || !target.startsWith('socket:[') || target.charCodeAt(end) !== 93) return -1; // ']'
  let inode = 0;
  for (let i = 8; i < end; i++) {
    const c = target.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    inode = inode * 10 + (c - 48);
  }
  return inode;
}

/** readlinkSync's options, made once. */
const AS_BUFFER = { encoding: 'buffer' } as const;

/**
 * Where a descriptor points: its path, LONG_PATH past PATH_MAX, or null (a
 * pipe, gone; a socket, whose inode goes to `onSocket`: the Network pane's
 * owners come from this same walk).
 */
function linkTarget(link: string, onSocket?: (inode: number) => void): string | null {
  try {
    const target = readlinkSync(link, AS_BUFFER).toString('utf8');
    if (target.charCodeAt(0) === 47) return target; // '/'
    const inode = onSocket ? socketInode(target) : -1;
    if (inode >= 0) onSocket!(inode);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENAMETOOLONG' ? LONG_PATH : null;
  }
}

function readOpenFiles(
  pid: number,
  procRoot: string,
  limit: number,
  keep: (target: { path: string; fd: string }, fdinfo: string) => boolean,
  needsFdinfo = true,
  onSocket?: (inode: number) => void,
): OpenWrite[] {
  let fds: string[];
  try {
    fds = readdirSync(`${procRoot}/${pid}/fd`);
  } catch {
    return [];
  }
  const out: OpenWrite[] = [];
  for (const fd of fds) {
    // Past the limit, only the sockets are still wanted.
    if (out.length >= limit && !onSocket) break;
    const link = `${procRoot}/${pid}/fd/${fd}`;
    const target = linkTarget(link, onSocket);
    if (out.length >= limit) continue;
    if (target === null) continue;
    const info = needsFdinfo ? readText(`${procRoot}/${pid}/fdinfo/${fd}`) : '';
    if (info === null || !keep({ path: target, fd }, info)) continue;
    const pos = needsFdinfo ? fdinfoPos(info) : null;
    try {
      // stat through the descriptor itself: it works whatever the path's length.
      const st = statSync(link);
      if (!st.isFile()) continue;
      const deleted = st.nlink === 0;
      out.push({
        fd: Number(fd),
        path: target === LONG_PATH ? `${LONG_PATH.slice(0, -1)}, inode ${st.ino})` : deleted && target.endsWith(DELETED) ? target.slice(0, -DELETED.length) : target,
        deleted,
        sizeBytes: st.size,
        allocatedBytes: st.blocks * 512,
        device: deviceName(st.dev),
        inode: st.ino,
        ...(pos === null ? {} : { pos }),
      });
    } catch {
      // Closed between readdir and stat: normal.
    }
  }
  return out;
}
