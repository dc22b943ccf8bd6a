/**
 * What `recorder install` refuses to run as root (issue 28, item 12): a unit
 * whose ExecStart names a file another user could change. The node binary and
 * the bundle (their real paths, as the unit names them) and every directory
 * above them must be root's and writable by no one else (no write bit for
 * others, nor for a group other than root's). Sticky directories (/tmp) are
 * refused too: their owner, or any user through a name not yet taken, is not root.
 */
import { lstatSync } from 'node:fs';

/** Why the file at the absolute, resolved `path` may not be started by a root service, or null. */
export function rootExecRefusal(path: string, what: string): string | null {
  const parts = path.split('/').filter(Boolean);
  let here = '';
  for (let i = 0; i <= parts.length; i++) {
    here = i === 0 ? '/' : `${here === '/' ? '' : here}/${parts[i - 1]}`;
    const st = lstatSync(here, { throwIfNoEntry: false });
    if (!st) return `refused: ${what} ${path}: ${here} cannot be read`;
    if (st.isSymbolicLink()) return `refused: ${what} ${path}: ${here} is a symlink`;
    const whose = st.uid !== 0 ? `belongs to uid ${st.uid}` : (st.mode & 0o002) !== 0 ? 'is writable by every user' : (st.mode & 0o020) !== 0 && st.gid !== 0 ? `is writable by group ${st.gid}` : null;
    if (whose) return `refused: ${what} ${path}: ${here} ${whose}, and the unit would run it as root. Copy sitrep into a root-owned place (e.g. /usr/local/lib/sitrep) and install from there`;
  }
  return null;
}
