/**
 * Creates a file sitrep writes (a recording) so that no other user can steer
 * the write: never through a symlink (O_NOFOLLOW), never over an existing file
 * (O_EXCL), mode 0600, and never in a directory other users may write to
 * unless it is sticky (as /tmp), where O_EXCL then guarantees sitrep owns what
 * it opened; and never in a directory whose owner is neither root nor the user
 * running sitrep (that owner could replace the file).
 */
import { constants, lstatSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
const S_ISVTX = 0o1000;

/** Why creating `path` is refused, in words, or null. */
export function createRefusal(path: string): string | null {
  const dir = dirname(resolve(path));
  let st;
  try {
    st = statSync(dir);
  } catch (error) {
    return `cannot create ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (error as NodeJS.ErrnoException).code}`;
  }
  if (!st.isDirectory()) return `cannot create ${path}: ${dir} is not a directory`;
  const uid = process.getuid?.() ?? -1;
  // Other users may write here: the world, a group that is not ours, or an owner who is not us (nor root).
  const othersWrite = (st.mode & 0o002) !== 0 || ((st.mode & 0o020) !== 0 && st.gid !== (process.getgid?.() ?? -1)) || ((st.mode & 0o200) !== 0 && st.uid !== uid && st.uid !== 0);
  if (othersWrite && !(st.mode & S_ISVTX)) return `refused: ${dir} is writable by other users (and not sticky): record somewhere else`;
  // A directory's owner may rename or remove what is in it, sticky or not: only root's or ours (issue 28, item 14).
  if (st.uid !== uid && st.uid !== 0) return `refused: ${dir} belongs to uid ${st.uid}, who could replace what sitrep writes there: record somewhere else`;
  if (lstatSync(resolve(path), { throwIfNoEntry: false })) return `refused: ${path} already exists: choose a new name`;
  return null;
}

/** Opens a new private file for writing; throws an Error with a one-line message when refused. */
export function createPrivateFile(path: string): number {
  const refused = createRefusal(path);
  if (refused) throw new Error(refused);
  try {
    return openSync(resolve(path), FLAGS, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ELOOP') throw new Error(`refused: ${path} appeared while it was being created (or is a symlink): nothing written`);
    if (code === 'EACCES' || code === 'EPERM') throw new Error(`cannot create ${path}: permission denied`);
    throw new Error(`cannot create ${path}: ${code ?? (error as Error).message}`);
  }
}
