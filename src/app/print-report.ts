/** How a snapshot ends: its JSON on stdout, or one line of error on stderr. */
import { safeJson } from '../text/safe-json.js';
import { sanitize } from '../text/sanitize.js';

/** Prints a snapshot report (exit 0), or its one-line error (exit 2). */
export function printReport(report: Record<string, unknown> | { error: string }): number {
  if ('error' in report) {
    process.stderr.write(`sitrep: ${sanitize(String(report.error), 300)}\n`);
    return 2;
  }
  process.stdout.write(`${safeJson(report, 2)}\n`);
  return 0;
}
