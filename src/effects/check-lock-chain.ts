/**
 * Checks a drill-down target against its lock (PathLock, taken by
 * collectors/dirs/read-lock-chain.ts when the row was shown) without following
 * anything a user could have swapped in: from '/', each directory is opened
 * relative to the one above it (through /proc/self/fd/N, Node having no
 * openat) with O_NOFOLLOW, and its device and inode compared with the lock.
 * What comes back is an open descriptor of the verified parent, so the action
 * works relative to it, never by the path string again.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync } from 'node:fs';
import type { PathLock } from './intents.js';
import { REFUSALS } from './refusals.js';

/** Said when what an action locked is no longer what its path leads to. */
export const CHANGED = REFUSALS.changed;

const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/** The verified parent: its descriptor, owner, and the target's name in it. */
export interface LockedParent {
  readonly fd: number;
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

const idOf = (st: { dev: number; ino: number }) => `${st.dev}:${st.ino}`;

/** A path below the verified parent's descriptor, resolved by the kernel from that directory. */
export const under = (fd: number, name: string) => `/proc/self/fd/${fd}/${name}`;

/** Opens the parent of `path` along its lock, or says why not (CHANGED when anything differs). */
export function openLockedParent(path: string, lock: PathLock | null): LockedParent | { refused: string } {
  if (!lock) return { refused: 'this row was not locked when shown (a recording, or a path reached through a symlink): nothing done' };
  const parts = path.split('/').filter(Boolean);
  const name = parts.pop();
  if (!name || name === '.' || name === '..' || lock.chain.length !== parts.length + 1) return { refused: CHANGED };
  let fd = -1;
  try {
    fd = openSync('/', DIR_FLAGS);
    if (idOf(fstatSync(fd)) !== lock.chain[0]) throw new Error('changed');
    for (let i = 0; i < parts.length; i++) {
      const next = openSync(under(fd, parts[i]!), DIR_FLAGS);
      closeSync(fd);
      fd = next;
      if (idOf(fstatSync(fd)) !== lock.chain[i + 1]) throw new Error('changed');
    }
    const target = lstatSync(under(fd, name));
    if (idOf(target) !== lock.target) throw new Error('changed');
    const parent = fstatSync(fd);
    return { fd, name, uid: parent.uid, gid: parent.gid };
  } catch (error) {
    if (fd >= 0) closeSync(fd);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return { refused: REFUSALS.notRoot };
    return { refused: CHANGED };
  }
}
