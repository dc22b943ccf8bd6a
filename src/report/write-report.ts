/**
 * The console's W: the report of the session so far, written to a new file in
 * the working directory (or $HOME when that cannot be written): created with
 * O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600, so it never goes through a planted
 * symlink, never replaces a file, and only its owner reads it.
 */
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const two = (n: number): string => String(n).padStart(2, '0');

/** The file name for a report written at `t`: sitrep-report-YYYYMMDD-HHMMSS.md (UTC). */
export function reportName(t: number, n = 0): string {
  const d = new Date(t);
  const stamp = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
  return `sitrep-report-${stamp}${n ? `-${n}` : ''}.md`;
}

/** Writes `text` to a new file in the first of `dirs` that takes it; the path, or why none did. */
export function writeReportFile(text: string, dirs: readonly string[], t = Date.now()): { path: string } | { error: string } {
  const why: string[] = [];
  for (const dir of dirs) {
    for (let n = 0; n < 20; n++) {
      const path = join(dir, reportName(t, n));
      let fd: number;
      try {
        fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' || code === 'ELOOP') continue;
        why.push(`${dir}: ${code ?? (error as Error).message}`);
        break;
      }
      try {
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
      return { path };
    }
  }
  return { error: `cannot write the report (${why.join('; ') || 'every name taken'})` };
}
