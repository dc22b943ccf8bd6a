/** Start-up checks of --log-file and --journal-dir: a wrong path is an error (exit 2), not a passing notice. */
import { accessSync, constants, statSync } from 'node:fs';

const reason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
};

/** Why the log options cannot be followed, or null when they can (or are not given). */
export function logOptionProblem(options: { readonly logFile: string | null; readonly journalDir: string | null }): string | null {
  try {
    if (options.logFile) {
      if (!statSync(options.logFile).isFile()) return `--log-file ${options.logFile}: not a regular file`;
      accessSync(options.logFile, constants.R_OK);
    }
    if (options.journalDir && !statSync(options.journalDir).isDirectory()) return `--journal-dir ${options.journalDir}: not a directory`;
  } catch (error) {
    return `${options.logFile ? `--log-file ${options.logFile}` : `--journal-dir ${options.journalDir}`}: ${reason(error)}`;
  }
  return null;
}
