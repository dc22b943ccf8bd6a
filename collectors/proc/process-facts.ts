/**
 * What this machine says of a process, read fresh from /proc: used by the
 * agent to check an intent from a console, which may not be trusted to know
 * (a kernel thread, the owner, the start time) about a host it only watches.
 */
import { statSync } from 'node:fs';
import { parsePasswd, parsePidStat, PF_KTHREAD } from './parse-pid.js';
import { readText } from './read-processes.js';

/** A live process's identity: start time, owner and whether it is a kernel thread. */
export interface ProcessFacts {
  readonly startTicks: number;
  readonly user: string;
  readonly kernelThread: boolean;
}

/** The facts of `pid`, or null when it is gone. */
export function processFacts(pid: number, procRoot = '/proc'): ProcessFacts | null {
  const stat = parsePidStat(readText(`${procRoot}/${pid}/stat`) ?? '');
  if (!stat) return null;
  let uid: number;
  try {
    uid = statSync(`${procRoot}/${pid}`).uid;
  } catch {
    return null;
  }
  const user = parsePasswd(readText('/etc/passwd') ?? '').get(uid) ?? String(uid);
  return { startTicks: stat.startTicks, user, kernelThread: (stat.flags & PF_KTHREAD) !== 0 };
}
