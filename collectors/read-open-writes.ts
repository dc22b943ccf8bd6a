/** Lists the regular files a process has open for writing, from /proc/<pid>/fd and fdinfo. */
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import type { OpenWrite } from '../src/messages.js';
import { fdinfoWrites } from './parse-io.js';
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

/** Files open for writing by `pid` (at most `limit`); [] when the process is gone or unreadable. */
export function readOpenWrites(pid: number, procRoot = '/proc', limit = 64): OpenWrite[] {
  return readOpenFiles(pid, procRoot, limit, (target, info) => fdinfoWrites(info));
}

/** Regular files `pid` holds open although they are deleted, whatever the access mode. */
export function readDeletedOpen(pid: number, procRoot = '/proc', limit = 64): OpenWrite[] {
  return readOpenFiles(pid, procRoot, limit, (target) => target.endsWith(DELETED), false);
}

function readOpenFiles(
  pid: number,
  procRoot: string,
  limit: number,
  keep: (target: string, fdinfo: string) => boolean,
  needsFdinfo = true,
): OpenWrite[] {
  let fds: string[];
  try {
    fds = readdirSync(`${procRoot}/${pid}/fd`);
  } catch {
    return [];
  }
  const out: OpenWrite[] = [];
  for (const fd of fds) {
    if (out.length >= limit) break;
    const link = `${procRoot}/${pid}/fd/${fd}`;
    let target: string;
    try {
      target = readlinkSync(link, { encoding: 'buffer' }).toString('utf8');
    } catch {
      continue;
    }
    if (!target.startsWith('/')) continue;
    const info = needsFdinfo ? readText(`${procRoot}/${pid}/fdinfo/${fd}`) : '';
    if (info === null || !keep(target, info)) continue;
    try {
      const st = statSync(link);
      if (!st.isFile()) continue;
      const deleted = target.endsWith(DELETED);
      out.push({
        fd: Number(fd),
        path: deleted ? target.slice(0, -DELETED.length) : target,
        deleted,
        sizeBytes: st.size,
        allocatedBytes: st.blocks * 512,
        device: deviceName(st.dev),
      });
    } catch {
      // Closed between readdir and stat: normal.
    }
  }
  return out;
}
