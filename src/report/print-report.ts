/**
 * How a snapshot ends: its JSON or OpenMetrics text on stdout, or written
 * atomically into a node_exporter textfile directory, or one line of error
 * on stderr.
 */
import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { safeJson } from '../text/safe-json.js';
import { sanitize } from '../text/sanitize.js';
import { openMetrics } from './openmetrics.js';

/** Where and how a report goes: JSON to stdout by default. */
export interface ReportOutput {
  readonly format: 'json' | 'openmetrics';
  /** A textfile collector directory: the metrics go to DIR/sitrep.prom instead of stdout. */
  readonly textfile?: string | null;
}

/** The name node_exporter's textfile collector reads (it reads only `*.prom`). */
export const TEXTFILE_NAME = 'sitrep.prom';

/**
 * Writes `text` to DIR/sitrep.prom atomically: a new temporary file (never
 * through a symlink, never over an existing file), synced, then renamed (a
 * rename replaces a planted symlink, it does not follow it), so the collector
 * never reads half a file. 0644: node_exporter runs as its own user, and the
 * directory is often its own.
 */
export function writeTextfile(dir: string, text: string): void {
  const temp = join(dir, `.${TEXTFILE_NAME}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  } catch (error) {
    throw new Error(`cannot write in ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, join(dir, TEXTFILE_NAME));
  } catch (error) {
    unlinkSync(temp);
    throw new Error(`cannot write ${join(dir, TEXTFILE_NAME)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Prints a snapshot report (exit 0), or its one-line error (exit 2). */
export function printReport(report: Record<string, unknown> | { error: string }, output: ReportOutput = { format: 'json' }): number {
  if ('error' in report) {
    process.stderr.write(`sitrep: ${sanitize(String(report.error), 300)}\n`);
    return 2;
  }
  if (output.format === 'json') {
    process.stdout.write(`${safeJson(report, 2)}\n`);
    return 0;
  }
  const text = openMetrics(report);
  if (!output.textfile) {
    process.stdout.write(text);
    return 0;
  }
  try {
    writeTextfile(output.textfile, text);
  } catch (error) {
    process.stderr.write(`sitrep: ${sanitize((error as Error).message, 300)}\n`);
    return 1;
  }
  return 0;
}
