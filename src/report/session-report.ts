/** The console's session report: an incident fold fed the console's own model, written on W. */
import { homedir } from 'node:os';
import type { ModelState } from '../model/model.js';
import type { Message } from '../stream/messages.js';
import { incidentMarkdown } from './incident-report-md.js';
import { IncidentTimeline } from './incident-timeline.js';
import { writeReportFile } from './write-report.js';

/** What the console calls: each message with its model, and W. */
export interface SessionReport {
  observe(m: Message, model: ModelState): void;
  /** Writes the report so far; the status line's sentence. */
  write(): { ok: boolean; text: string };
}

/** A session report for `source` ('this machine, live', 'demo disk-fill'). */
export function sessionReport(source: string, dirs: () => readonly string[] = () => [process.cwd(), process.env.HOME || homedir()]): SessionReport {
  const fold = new IncidentTimeline();
  return {
    observe: (m, model) => fold.observe(m, model),
    write() {
      const written = writeReportFile(incidentMarkdown(fold.report(source)), dirs());
      return 'path' in written ? { ok: true, text: `report written to ${written.path} (mode 0600)` } : { ok: false, text: written.error };
    },
  };
}
