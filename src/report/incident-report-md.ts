/**
 * The incident report as Markdown: short and factual, a page for a simple
 * incident. Every string from the system is sanitized for the terminal and
 * escaped for Markdown (| * _ ` [ ] < > # \ and control characters), so a
 * hostile unit name or path can neither draw on a terminal nor forge a table,
 * a link or HTML. Every time is UTC, and `replay --at` that time shows it.
 */
import { sanitize } from '../text/sanitize.js';
import { formatDuration } from '../text/format.js';
import { formatSize } from '../effects/format-size.js';
import type { AtValue, IncidentReport } from './incident-types.js';

/** A system string made safe for Markdown and a terminal: one line, at most `max` columns. */
export function md(text: string, max = 200): string {
  return sanitize(String(text), max).replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);
}

const two = (n: number): string => String(n).padStart(2, '0');

/** A moment in UTC: 'HH:MM:SS', with its date when `withDate`. */
export function utc(t: number, withDate = false): string {
  const d = new Date(t);
  if (!Number.isFinite(d.getTime())) return '?';
  const clock = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return withDate ? `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${clock} UTC` : clock;
}

const rate = (v: AtValue | null): string => (v ? `${formatSize(Math.round(v.value))}/s at ${utc(v.t)}` : '—');
const span = (ms: number): string => formatDuration(ms / 1000);

/** The report as Markdown lines. */
export function incidentMarkdown(r: IncidentReport): string {
  const out: string[] = [];
  const at = (t: number | null): string => (t === null ? '—' : `${utc(t)} (+${span(t - r.from)})`);
  out.push(`# Incident report: ${md(r.host || 'unknown host', 80)}`, '');
  out.push(`${utc(r.from, true)} to ${utc(r.to, true)} (${span(r.to - r.from)}, ${r.samples} samples every ${r.intervalMs / 1000} s), from ${md(r.source, 120)}.`, '');
  const timeline: Array<[number, string]> = [];
  for (const fs of r.filesystems) {
    const m = `\`${md(fs.mountPoint, 80)}\``;
    if (fs.fillStartAt !== null) timeline.push([fs.fillStartAt, `${m} started filling (within one sample interval before)`]);
    if (fs.peakRate) timeline.push([fs.peakRate.t, `${m} filled at its peak rate, ${formatSize(Math.round(fs.peakRate.value))}/s`]);
    if (fs.flaggedAt !== null && fs.flaggedAt !== fs.fullAt) timeline.push([fs.flaggedAt, `${m}: sitrep showed under an hour to full`]);
    if (fs.fullAt !== null) timeline.push([fs.fullAt, `${m} became full for users`]);
    if (fs.recoveredAt !== null) timeline.push([fs.recoveredAt, `${m} writable again${fs.freedBytes ? ` (${formatSize(fs.freedBytes)} came back)` : ''}`]);
  }
  for (const c of r.crashLoops) {
    timeline.push([c.firstAt, `${md(c.unit, 80)} began crashing`]);
    timeline.push([c.lastAt, `${md(c.unit, 80)} crashed for the last time (${c.crashes} crashes)`]);
  }
  for (const f of r.floods) timeline.push([f.firstAt, `flood from ${md(f.range, 60)} began`], [f.lastAt, `flood from ${md(f.range, 60)} last seen`]);
  for (const o of r.ooms) timeline.push([o.t, `OOM kill: ${md(o.victim, 60)}${o.pid ? ` (pid ${o.pid})` : ''}`]);
  for (const a of r.actions) timeline.push([a.t, `**${md(a.action, 30)}** ${md(a.target, 120)} by ${md(a.user, 40)}: ${a.outcome}`]);
  out.push('## Timeline', '');
  if (timeline.length === 0) out.push('Nothing crossed a threshold in this window.');
  for (const [t, text] of timeline.sort((a, b) => a[0] - b[0])) out.push(`- ${at(t)} ${text}`);
  out.push('');
  const culprits = r.filesystems.flatMap((fs) => fs.culprits.map((c) => ({ fs, c })));
  if (culprits.length || r.crashLoops.length || r.floods.length) {
    out.push('## Culprits', '');
    for (const { fs, c } of culprits) {
      out.push(`- \`${md(fs.mountPoint, 60)}\`: pid ${c.pid} ${md(c.comm, 30)} (user ${md(c.user, 30)}${c.unit ? `, unit ${md(c.unit, 60)}` : ''}) wrote ${formatSize(c.bytesWritten)}, peak ${rate(c.peakRate)}`);
      for (const f of c.files) out.push(`  - file ${md(f, 160)}`);
    }
    for (const c of r.crashLoops) out.push(`- ${md(c.unit, 80)}${c.description ? ` (${md(c.description, 80)})` : ''}: ${c.crashes} crashes from ${utc(c.firstAt)} to ${utc(c.lastAt)}`);
    for (const f of r.floods) {
      const parts = [f.peakConnections ? `${f.peakConnections.value} connections at ${utc(f.peakConnections.t)}` : '', f.peakNewPerSecond?.value ? `${f.peakNewPerSecond.value.toFixed(1)} new/s` : '', f.peakLinesPerMinute ? `${f.peakLinesPerMinute.value} log lines/min at ${utc(f.peakLinesPerMinute.t)}` : ''].filter(Boolean);
      out.push(`- range ${md(f.range, 60)}: ${parts.join(', ')}${f.units.length ? `; reached ${f.units.map((u) => md(u, 60)).join(', ')}` : ''}`);
    }
    out.push('');
  }
  out.push('## Actions taken', '');
  if (r.actions.length === 0) out.push('No action was recorded in this window (the audit trail holds none).');
  for (const a of r.actions) {
    const who = `${md(a.user, 40)}${a.from ? ` from ${md(a.from, 60)}` : ''}${a.via ? ` via ${md(a.via, 20)}` : ''} on ${md(a.host, 60)}`;
    out.push(`- ${utc(a.t)} ${who}: **${md(a.action, 30)}** ${md(a.target, 160)}${a.figures ? ` (${md(a.figures, 100)})` : ''}: ${a.outcome}, ${md(a.text, 200)}${a.effect ? `. Then: ${md(a.effect, 200)}` : ''}`);
  }
  out.push('');
  const peaks = r.peaks;
  const peakLines = [
    peaks.load1 && peaks.load1.value > 0 ? `load average (1 min) ${peaks.load1.value.toFixed(2)} at ${utc(peaks.load1.t)}` : '',
    peaks.cpuPressure && peaks.cpuPressure.value > 0 ? `CPU pressure ${peaks.cpuPressure.value.toFixed(1)}% at ${utc(peaks.cpuPressure.t)}` : '',
    peaks.ioPressure && peaks.ioPressure.value > 0 ? `I/O pressure ${peaks.ioPressure.value.toFixed(1)}% at ${utc(peaks.ioPressure.t)}` : '',
    peaks.memoryPressure && peaks.memoryPressure.value > 0 ? `memory pressure ${peaks.memoryPressure.value.toFixed(1)}% at ${utc(peaks.memoryPressure.t)}` : '',
  ].filter(Boolean);
  out.push('## Figures', '');
  for (const f of r.figures) out.push(`- ${md(f.label, 100)}: ${md(f.text, 60)} (${utc(f.t)})`);
  for (const p of peakLines) out.push(`- peak ${p}`);
  if (r.figures.length === 0 && peakLines.length === 0) out.push('None.');
  out.push('');
  for (const n of r.notes) out.push(`Note: ${md(n, 200)}`);
  out.push(`Times are UTC; \`sitrep replay --store DIR --at TIME\` (a store) or \`sitrep snapshot --json --replay FILE --at SECONDS\` (a recording, the +offset) shows each moment.`);
  return `${out.join('\n')}\n`;
}
