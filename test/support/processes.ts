/** Process helpers for tests: descendants, liveness, and hostile-named busy loops. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Whether a pid is alive (and not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

/** Every descendant pid of `pid`, read from /proc/<pid>/task/<tid>/children. */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number): void => {
    let text = '';
    try {
      text = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8');
    } catch {
      return;
    }
    for (const child of text.trim().split(/\s+/).filter(Boolean).map(Number)) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

/**
 * Starts a CPU-busy shell loop whose argv[0] is `argv0` and, when given, whose
 * name (/proc/self/comm, which only the process itself may set) is `comm`.
 */
export function busyLoop(argv0 = 'sh', comm?: string): ChildProcess {
  const setComm = comm === undefined ? '' : 'printf "%s" "$SITREP_TEST_COMM" > /proc/$$/comm; ';
  return spawn('/bin/sh', ['-c', `${setComm}while :; do :; done`], {
    argv0,
    stdio: 'ignore',
    env: { ...process.env, SITREP_TEST_COMM: comm ?? '' },
  });
}
