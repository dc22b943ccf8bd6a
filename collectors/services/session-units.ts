/** The service units holding sitrep and its ancestors: the admin's own session. */
import { parseCgroup } from '../proc/parse-io.js';
import { parsePidStat } from '../proc/parse-pid.js';
import { readText } from '../proc/read-processes.js';

/** Units (services, scopes) of `pid` and every process above it, nearest first. */
export function sessionUnits(pid = process.pid, procRoot = '/proc'): string[] {
  const units: string[] = [];
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    const cgroup = parseCgroup(readText(`${procRoot}/${p}/cgroup`) ?? '');
    for (const part of (cgroup ?? '').split('/')) {
      if (/\.(service|scope)$/.test(part) && !units.includes(part)) units.push(part);
    }
    const stat = parsePidStat(readText(`${procRoot}/${p}/stat`) ?? '');
    if (!stat) break;
    p = stat.ppid;
  }
  return units;
}
