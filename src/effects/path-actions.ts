/**
 * Drill-down actions: delete a file or directory (never across filesystems,
 * never a mount point or what holds one) and truncate a file. Each reports the
 * space actually freed, from statfs before and after (a delete the inodes too); when deleting frees
 * nothing because a process still holds the file, it says who.
 */
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readFileSync, readdirSync, readlinkSync, statfsSync } from 'node:fs';
import type { PathLock } from './intents.js';
import { CHANGED, openLockedParent, under } from './check-lock-chain.js';
import { parseMountinfo } from '../../collectors/disk/parse-mountinfo.js';
import { formatSize } from './format-size.js';
import type { ActionOutcome } from './intents.js';
import type { CommandRunner } from './service-actions.js';
import { REFUSALS } from './refusals.js';
import { groupDigits } from '../text/order.js';

/** Free bytes and free inodes of the filesystem holding `path` (statfs), or null. */
function freeSpace(path: string): { bytes: number; inodes: number } | null {
  try {
    const s = statfsSync(path);
    return { bytes: s.bfree * s.bsize, inodes: s.ffree };
  } catch {
    return null;
  }
}

/** 'freed 11.6 MiB and 2,932 inodes' from statfs before and after ('freed ?' when unknown; inodes only when some were). */
export function freedText(before: { bytes: number; inodes: number } | null, after: { bytes: number; inodes: number } | null): string {
  if (!before || !after) return 'freed ?';
  const inodes = after.inodes - before.inodes;
  return `freed ${formatSize(Math.max(0, after.bytes - before.bytes))}${inodes > 0 ? ` and ${groupDigits(inodes)} ${inodes === 1 ? 'inode' : 'inodes'}` : ''}`;
}

/** Mount points at or below `path`, from /proc/self/mountinfo. */
function mountsAt(path: string): string[] {
  const text = readFileSync('/proc/self/mountinfo', 'utf8');
  return parseMountinfo(text).map((m) => m.mountPoint).filter((m) => m === path || m.startsWith(`${path}/`));
}

/** Processes holding `path` open after it was deleted: "pid (comm)". */
function holders(path: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `${path} (deleted)`) {
          out.push(`${pid} (${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()})`);
          break;
        }
      } catch {
        // gone
      }
    }
  }
  return out;
}

const parentDir = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';

/**
 * rm -r --one-file-system on a locked target, refusing mount points; reports
 * the space freed. rm works relative to the verified parent directory (its
 * descriptor 3), and, when that directory belongs to another user, runs with
 * that user's ids (setpriv): a user who swaps things under it can only make
 * root delete what that user could delete anyway.
 */
export async function deletePath(runner: CommandRunner, path: string, lock: PathLock | null): Promise<ActionOutcome> {
  const mounts = mountsAt(path);
  if (mounts.includes(path)) return { ok: false, text: `refused: ${path} is a mount point` };
  if (mounts.length) return { ok: false, text: `refused: ${path} holds a mount point (${mounts[0]})` };
  const parent = openLockedParent(path, lock);
  if ('refused' in parent) return { ok: false, text: parent.refused };
  const before = freeSpace(parentDir(path));
  let run;
  try {
    const rm = ['rm', '-r', '--one-file-system', '--', under(3, parent.name)];
    const asOwner = parent.uid === 0 || process.getuid?.() !== 0 ? [] : ['setpriv', `--reuid=${parent.uid}`, `--regid=${parent.gid}`, '--clear-groups', '--'];
    run = await runner.runWithFd([...asOwner, ...rm], parent.fd);
  } finally {
    closeSync(parent.fd);
  }
  if (run.missing) return { ok: false, text: 'delete failed: setpriv (util-linux) or rm is missing' };
  if (run.code !== 0) {
    const line = run.stderr.trim().split('\n')[0] ?? '';
    return { ok: false, text: /Permission denied|not permitted/.test(line) ? REFUSALS.notRoot : `delete failed: ${line.replace(/\/proc\/self\/fd\/3\//g, '')}` };
  }
  const after = freeSpace(parentDir(path));
  const held = holders(path);
  if (held.length) return { ok: true, text: `deleted ${path}, but ${held.join(', ')} still holds it: no space freed until it closes it — truncate it (T in Writers)` };
  return { ok: true, text: `deleted ${path}: ${freedText(before, after)}` };
}

/** Truncates a locked regular file to zero, through the descriptor checked to be it; reports the space freed. */
export function truncatePath(path: string, lock: PathLock | null): ActionOutcome {
  const parent = openLockedParent(path, lock);
  if ('refused' in parent) return { ok: false, text: parent.refused };
  let fd = -1;
  try {
    fd = openSync(under(parent.fd, parent.name), constants.O_WRONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY);
    const st = fstatSync(fd);
    if (`${st.dev}:${st.ino}` !== lock!.target) return { ok: false, text: CHANGED };
    if (!st.isFile()) return { ok: false, text: `refused: ${path} is not a regular file` };
    const before = freeSpace(parentDir(path));
    ftruncateSync(fd, 0);
    const after = freeSpace(parentDir(path));
    return { ok: true, text: `truncated ${path}: freed ${before !== null && after !== null ? formatSize(Math.max(0, after.bytes - before.bytes)) : formatSize(st.blocks * 512)}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'ENOENT') return { ok: false, text: CHANGED };
    return { ok: false, text: code === 'EACCES' || code === 'EPERM' ? REFUSALS.notRoot : `truncate failed: ${code}` };
  } finally {
    if (fd >= 0) closeSync(fd);
    closeSync(parent.fd);
  }
}
