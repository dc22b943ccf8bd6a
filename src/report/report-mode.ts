/**
 * `sitrep report`: the incident as Markdown on stdout (`--json` for the same
 * facts), read from a recording, the flight recorder's store between --since
 * and --until, this machine for --duration, or a demo played out.
 */
import type { ReportCommand } from '../cli/args.js';
import { parseMoment } from '../cli/time-spec.js';
import { forEachMessage, openRecording } from '../record/reader.js';
import { openStore } from '../recorder/store-mode.js';
import { liveSource } from '../sources/live-source.js';
import { safeJson } from '../text/safe-json.js';
import { sanitize } from '../text/sanitize.js';
import { demoIncidentMessages } from './demo-incident.js';
import { incidentMarkdown } from './incident-report-md.js';
import { IncidentTimeline } from './incident-timeline.js';
import type { IncidentReport } from './incident-types.js';

/** The report the command asks for, or a one-line error. */
export async function incidentOf(command: ReportCommand, now = Date.now()): Promise<IncidentReport | { error: string }> {
  if (command.demo) {
    const fold = new IncidentTimeline();
    for (const m of demoIncidentMessages(command.demo, now - 3_600_000)) fold.add(m);
    return fold.report(`demo ${command.demo} (a simulation)`);
  }
  if (command.file !== null) {
    const header = await openRecording(command.file);
    if ('error' in header) return header;
    const fold = new IncidentTimeline();
    fold.add(header.stream);
    const problem = await forEachMessage(command.file, header, (m) => (fold.add(m), true));
    const report = fold.report(`recording ${command.file}`);
    return problem ? { ...report, notes: [...report.notes, problem] } : report;
  }
  if (command.storeGiven) {
    const since = command.since === null ? -Infinity : parseMoment(command.since, now);
    const until = command.until === null ? Infinity : parseMoment(command.until, now);
    if (typeof since !== 'number') return since;
    if (typeof until !== 'number') return until;
    const opened = await openStore(command.store);
    if ('error' in opened) return opened;
    const fold = new IncidentTimeline(since, until);
    fold.add(opened.header.stream);
    const problem = await forEachMessage(opened.listing.segments.map((s) => s.path), opened.header, (m) => m.t <= until && (fold.add(m), true));
    const report = fold.report(`store ${opened.dir}`);
    return problem ? { ...report, notes: [...report.notes, problem] } : report;
  }
  const fold = new IncidentTimeline();
  const source = liveSource({ intervalMs: command.intervalMs, log: { journalDir: null, logFile: null } });
  source.start((m) => fold.add(m));
  await new Promise((r) => setTimeout(r, command.durationMs ?? 10_000));
  source.stop();
  return fold.report('this machine, live');
}

/** Runs `sitrep report`; resolves with the exit code. */
export async function runReport(command: ReportCommand): Promise<number> {
  const report = await incidentOf(command);
  if ('error' in report) {
    process.stderr.write(`sitrep: ${sanitize(report.error, 300)}\n`);
    return 2;
  }
  process.stdout.write(command.json ? `${safeJson(report, 2)}\n` : incidentMarkdown(report));
  return 0;
}
