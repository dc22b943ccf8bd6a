/**
 * Opens a store directory once, the way the drill-down actions open a path
 * (src/effects/check-lock-chain.ts): from '/', each component relative to the
 * one above it, with O_NOFOLLOW, and each directory on the way owned by root
 * or by the user running sitrep. A user who owns a parent cannot swap the
 * store for a symlink or for a directory of theirs (issue 28, item 11).
 *
 * Node has no openat: everything after the walk goes through
 * `/proc/self/fd/N/<name>` (`under`), which the kernel resolves from the held
 * descriptor itself, not from the path string (the magic link jumps to the
 * directory the descriptor holds, even if it was renamed or its parent
 * swapped since). The last component is created and opened with O_NOFOLLOW,
 * and segments with O_CREAT|O_EXCL|O_NOFOLLOW (private-file.ts), so a name
 * below the descriptor is never followed either.
 */
import { closeSync, constants, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';

const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/** A name below a held directory descriptor, resolved by the kernel from that directory. */
const under = (fd: number, name: string) => `/proc/self/fd/${fd}/${name}`;

/** A store opened: its descriptor, and the path that reaches it through the descriptor. */
export interface StoreDir {
  readonly fd: number;
  /** `/proc/self/fd/N`: joins with a name to reach an entry of the held directory. */
  readonly path: string;
}

/** Opens the store `dir` (creating what is missing, 0700, with `create`), or says why not. */
export function openStoreDir(dir: string, create: boolean): StoreDir | { refused: string } {
  const parts = resolve(dir).split('/').filter(Boolean);
  const uid = process.getuid?.() ?? 0;
  let fd = -1;
  let here = '';
  try {
    fd = openSync('/', DIR_FLAGS);
    for (const [i, part] of parts.entries()) {
      here += `/${part}`;
      const last = i === parts.length - 1;
      let next: number;
      try {
        next = openSync(under(fd, part), DIR_FLAGS);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // O_NOFOLLOW|O_DIRECTORY on a symlink fails with ENOTDIR: say which it was.
        if (code === 'ENOTDIR' || code === 'ELOOP') throw Object.assign(new Error(code), { code: lstatSync(under(fd, part), { throwIfNoEntry: false })?.isSymbolicLink() ? 'ELOOP' : 'ENOTDIR' });
        if (code !== 'ENOENT' || !create) throw error;
        mkdirSync(under(fd, part), { mode: 0o700 });
        next = openSync(under(fd, part), DIR_FLAGS);
      }
      closeSync(fd);
      fd = next;
      const st = fstatSync(fd);
      if (last && st.uid !== uid) return close(fd, `refused: the store ${dir} belongs to uid ${st.uid}, not to you`);
      if (!last && st.uid !== 0 && st.uid !== uid) return close(fd, `refused: ${here}, above the store ${dir}, belongs to uid ${st.uid}: a store is opened only through directories of root or yours`);
      if (last && (st.mode & 0o077) !== 0 && create) fchmodSync(fd, 0o700);
    }
    if (parts.length === 0) return close(fd, 'refused: / is not a store');
    return { fd, path: `/proc/self/fd/${fd}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = here === resolve(dir) ? `the store ${dir}` : `${here}, above the store ${dir},`;
    if (code === 'ELOOP') return close(fd, `refused: ${what} is a symlink`);
    if (code === 'ENOTDIR') return close(fd, `refused: ${what} is not a directory`);
    if (code === 'ENOENT') return close(fd, `no store at ${dir}`);
    return close(fd, `cannot ${create ? 'create' : 'open'} the store ${dir}: ${code ?? (error as Error).message}`);
  }
}

function close(fd: number, refused: string): { refused: string } {
  if (fd >= 0) closeSync(fd);
  return { refused };
}
