/**
 * What each action changed, read from the stream after it, and the figures
 * people quote: peak rates, time from start to detection, from detection to
 * the fix, and to the recovery. Pure.
 */
import type { AuditEntry } from '../stream/messages.js';
import { formatDuration } from '../text/format.js';
import { formatSize as formatBytes } from '../effects/format-size.js';
import type { FsPoint } from './incident-disks.js';
import type { ActionFact, CrashLoop, FilesystemIncident, Figure, Flood, IncidentReport } from './incident-types.js';

/** How long after an action its effect is looked for. */
const EFFECT_MS = 120_000;

/** What the actions are judged against. */
export interface EffectContext {
  readonly filesystems: readonly FilesystemIncident[];
  readonly crashLoops: readonly CrashLoop[];
  readonly floods: readonly Flood[];
  readonly points: (device: string) => readonly FsPoint[];
}

const secs = (ms: number): string => formatDuration(Math.max(0, Math.round(ms / 1000)));

/** Bytes made available within EFFECT_MS of `t` on a filesystem, and when the fill stopped. */
function diskEffect(t: number, points: readonly FsPoint[]): string {
  const before = [...points].reverse().find((p) => p[0] <= t);
  if (!before) return '';
  const after = points.filter((p) => p[0] > t && p[0] <= t + EFFECT_MS);
  if (after.length === 0) return '';
  const best = after.reduce((a, p) => (p[2] > a[2] ? p : a), before);
  const freed = best[2] - before[2];
  // The fill stopped at the first sample whose used bytes did not grow past the one before.
  let stopped: number | null = null;
  let prev = before;
  for (const p of after) {
    if (p[1] <= prev[1]) {
      stopped = p[0];
      break;
    }
    prev = p;
  }
  const parts: string[] = [];
  if (stopped !== null) parts.push(`the fill stopped ${secs(stopped - t)} later`);
  if (freed >= 1024 * 1024) parts.push(`freed ${formatBytes(freed)}`);
  return parts.join('; ');
}

/** Actions that can stop a fill or free space. */
const DISK_ACTIONS = new Set(['signal', 'stop', 'restart', 'truncate', 'delete', 'truncate-path']);

/** Whether the filesystem was filling (or full) just before `t`: the last two points before it grew, or it was full then. */
function fillingAt(t: number, fs: FilesystemIncident, points: readonly FsPoint[]): boolean {
  if (fs.fullAt !== null && fs.fullAt <= t && (fs.recoveredAt === null || t <= fs.recoveredAt)) return true;
  const before = points.filter((p) => p[0] <= t).slice(-2);
  return before.length === 2 && before[1]![1] > before[0]![1];
}

/** What `e` changed: space freed, a fill stopped, crashes stopped, a flood ended. */
function effectOf(t: number, e: AuditEntry, ctx: EffectContext): string {
  if (e.outcome !== 'ok') return '';
  const parts: string[] = [];
  for (const fs of ctx.filesystems) {
    if (!DISK_ACTIONS.has(e.action) || fs.fillStartAt === null || t < fs.fillStartAt || !fillingAt(t, fs, ctx.points(fs.device))) continue;
    const d = diskEffect(t, ctx.points(fs.device));
    if (d) parts.push(`${fs.mountPoint}: ${d}`);
  }
  for (const c of ctx.crashLoops) {
    if (t < c.firstAt || t > c.lastAt + EFFECT_MS) continue;
    const unitHit = e.target.includes(c.unit) || e.action === 'block';
    if (unitHit || parts.length === 0) parts.push(c.lastAt <= t ? `${c.unit}: no crash after it` : `${c.unit}: crashes stopped ${secs(c.lastAt - t)} later`);
  }
  if (e.action === 'block') {
    const flood = ctx.floods.find((f) => e.target.includes(f.range));
    if (flood) parts.push(flood.lastAt <= t ? `${flood.range}: no flood after it` : `${flood.range}: the flood ended ${secs(flood.lastAt - t)} later`);
  }
  return parts.join('; ');
}

/** The trail's entries as the report's actions, each with what it changed. */
export function actionFacts(entries: ReadonlyArray<{ t: number; e: AuditEntry }>, ctx: EffectContext): ActionFact[] {
  return entries.map(({ t, e }) => ({ t, action: e.action, outcome: e.outcome, user: e.user, from: e.from, host: e.host, target: e.target, figures: e.figures, text: e.text, via: e.via, effect: effectOf(t, e, ctx) }));
}

/** The figures people quote, each with its moment. */
export function figures(r: IncidentReport): Figure[] {
  const out: Figure[] = [];
  const fix = (after: number) => r.actions.find((a) => a.outcome === 'ok' && a.t >= after);
  for (const fs of r.filesystems) {
    const m = fs.mountPoint;
    if (fs.peakRate) out.push({ label: `${m}: peak fill rate`, text: `${formatBytes(Math.round(fs.peakRate.value))}/s`, t: fs.peakRate.t });
    if (fs.fillStartAt !== null && fs.fullAt !== null) out.push({ label: `${m}: start to full`, text: secs(fs.fullAt - fs.fillStartAt), t: fs.fullAt });
    if (fs.fillStartAt !== null && fs.flaggedAt !== null) out.push({ label: `${m}: start to detection`, text: secs(fs.flaggedAt - fs.fillStartAt), t: fs.flaggedAt });
    const action = fs.flaggedAt !== null ? fix(fs.flaggedAt) : undefined;
    if (action && fs.flaggedAt !== null) out.push({ label: `${m}: detection to the fix`, text: secs(action.t - fs.flaggedAt), t: action.t });
    if (action && fs.recoveredAt !== null && fs.recoveredAt >= action.t) out.push({ label: `${m}: fix to recovery`, text: secs(fs.recoveredAt - action.t), t: fs.recoveredAt });
  }
  for (const c of r.crashLoops) {
    out.push({ label: `${c.unit}: crashes`, text: `${c.crashes} in ${secs(c.lastAt - c.firstAt)}`, t: c.lastAt });
    const action = fix(c.firstAt);
    if (action) out.push({ label: `${c.unit}: first crash to the fix`, text: secs(action.t - c.firstAt), t: action.t });
  }
  for (const f of r.floods.slice(0, 1)) {
    if (f.peakConnections) out.push({ label: `${f.range}: peak connections`, text: String(f.peakConnections.value), t: f.peakConnections.t });
    if (f.peakLinesPerMinute) out.push({ label: `${f.range}: peak log lines`, text: `${f.peakLinesPerMinute.value}/min`, t: f.peakLinesPerMinute.t });
  }
  return out;
}
