/**
 * The incident as facts: a pure fold over the message stream (a recording, the
 * store, a live run, a demo). The model is reduced as the console reduces it,
 * and after each sample the fold notes what an admin writes up: filesystems
 * filling, crash loops, floods, OOM kills, load and PSI peaks, and the actions
 * from the audit trail (recorded events, or journal lines with SITREP_* fields).
 */
import { entryFromJournal, entryFromSyslog } from '../effects/audit-entry.js';
import { initialModel, reduce, type ModelState } from '../model/model.js';
import { selectRanges } from '../model/net-ranges.js';
import { selectTopRanges } from '../model/log-selectors.js';
import type { AuditEntry, Message } from '../stream/messages.js';
import { DiskFold } from './incident-disks.js';
import { actionFacts, figures } from './incident-figures.js';
import type { AtValue, CrashLoop, Flood, IncidentReport, OomFact } from './incident-types.js';
import { compareText } from '../text/order.js';

/** Bounds: units, ranges and actions followed. */
const MAX_UNITS = 2000;
const MAX_RANGES = 2000;
const MAX_ACTIONS = 1000;
/** A unit is a crash loop from this many crashes in the window. */
const CRASH_LOOP_MIN = 3;
/** A range is a flood from this many connections, new connections a second, or log lines a minute. */
const FLOOD = { connections: 50, newPerSecond: 5, linesPerMinute: 60 } as const;

interface UnitTrack { description: string; first: number; last: number; restarts: number; firstAt: number | null; lastAt: number | null; logMax: number }
interface RangeTrack { conn: AtValue | null; fresh: AtValue | null; lines: AtValue | null; firstAt: number | null; lastAt: number; netLast: number | null; units: Set<string> }

const higher = (a: AtValue | null, value: number, t: number): AtValue | null => (value > (a?.value ?? 0) ? { value, t } : a);

/** An audit entry carried by a journal line (SITREP_* fields in its raw JSON) or a syslog line, or null. */
function entryOfLine(raw: string | undefined, message: string): AuditEntry | null {
  if (raw && raw.includes('SITREP_ACTION')) {
    try {
      const o = JSON.parse(raw) as unknown;
      if (o && typeof o === 'object') return entryFromJournal(o as Record<string, unknown>);
    } catch {
      return null;
    }
  }
  return message.includes('sitrep-audit=') ? entryFromSyslog(message) : null;
}

/** Folds messages into the facts of the window [from, to] (the whole stream by default). */
export class IncidentTimeline {
  private model: ModelState = initialModel(600);
  private readonly disks = new DiskFold();
  private readonly units = new Map<string, UnitTrack>();
  private readonly ranges = new Map<string, RangeTrack>();
  private readonly actions = new Map<string, { t: number; e: AuditEntry }>();
  private readonly ooms = new Map<string, OomFact>();
  private peaks: IncidentReport['peaks'] = { load1: null, cpuPressure: null, ioPressure: null, memoryPressure: null };
  private samples = 0;
  private first: number | null = null;
  private last: number | null = null;
  private readonly notes: string[] = [];

  constructor(private readonly from = -Infinity, private readonly to = Infinity) {}

  /** Takes one message of the stream, in order. */
  add(m: Message): void {
    this.observe(m, reduce(this.model, m));
  }

  /** Takes one message and the model already reduced with it (the console's own: no second model). */
  observe(m: Message, model: ModelState): void {
    this.model = model;
    if (m.kind === 'header' || m.t < this.from || m.t > this.to) return;
    if (m.kind === 'event' && m.audit) this.addAction(m.t, m.audit);
    if (m.kind === 'log') for (const e of m.entries) {
      const entry = entryOfLine(e.raw, e.message);
      if (entry) this.addAction(e.t, entry);
    }
    if (m.kind !== 'sample') return;
    this.samples++;
    this.first ??= m.t;
    this.last = m.t;
    this.disks.add(this.model, m.t);
    this.addServices(m.t);
    this.addRanges(m.t);
    const p = this.model.pressure;
    this.peaks = {
      load1: higher(this.peaks.load1, this.model.load?.[0] ?? 0, m.t),
      cpuPressure: higher(this.peaks.cpuPressure, p?.cpu?.someAvg10 ?? 0, m.t),
      ioPressure: higher(this.peaks.ioPressure, p?.io?.someAvg10 ?? 0, m.t),
      memoryPressure: higher(this.peaks.memoryPressure, p?.memory?.someAvg10 ?? 0, m.t),
    };
    for (const o of this.model.log?.ooms ?? []) if (o.t >= this.from && o.t <= this.to) this.ooms.set(`${o.t}:${o.pid}:${o.victim}`, { t: o.t, victim: o.victim, pid: o.pid, cgroup: o.cgroup });
  }

  private addAction(t: number, e: AuditEntry): void {
    const key = e.id || `${t}:${e.action}:${e.target}`;
    if (this.actions.has(key)) return;
    // The moment the admin confirmed it: the journal's stamp and the outcome event come after the action ran.
    if (e.at > 0 && e.at <= t) t = e.at;
    if (this.actions.size >= MAX_ACTIONS) {
      if (this.notes.length < 10) this.notes.push(`more than ${MAX_ACTIONS} actions: the rest are left out`);
      return;
    }
    this.actions.set(key, { t, e });
  }

  private addServices(t: number): void {
    const services = this.model.services;
    if (services) for (const u of services.units.values()) {
      let tr = this.units.get(u.id);
      if (!tr) {
        if (this.units.size >= MAX_UNITS) continue;
        tr = { description: u.description, first: u.nRestarts, last: u.nRestarts, restarts: 0, firstAt: null, lastAt: null, logMax: 0 };
        this.units.set(u.id, tr);
      }
      if (u.description) tr.description = u.description;
      if (u.nRestarts > tr.last) {
        tr.firstAt ??= t;
        tr.lastAt = t;
      }
      tr.last = u.nRestarts;
      tr.restarts = Math.max(tr.restarts, tr.last - tr.first);
    }
    // Crash lines in the log (a segfault, a core dump) count too, for a unit the manager does not restart.
    const log = this.model.log;
    if (!log) return;
    for (const [key, info] of log.crashInfo) {
      const unit = info.unit || key;
      let tr = this.units.get(unit);
      if (!tr) {
        if (this.units.size >= MAX_UNITS) continue;
        tr = { description: '', first: 0, last: 0, restarts: 0, firstAt: null, lastAt: null, logMax: 0 };
        this.units.set(unit, tr);
      }
      const counted = info.countedAt;
      if (counted >= this.from && counted <= this.to && counted > (tr.lastAt ?? -Infinity)) {
        tr.logMax++;
        tr.firstAt ??= counted;
        tr.lastAt = counted;
      }
    }
  }

  private addRanges(t: number): void {
    const track = (range: string): RangeTrack | null => {
      let r = this.ranges.get(range);
      if (!r && this.ranges.size < MAX_RANGES) this.ranges.set(range, (r = { conn: null, fresh: null, lines: null, firstAt: null, lastAt: t, netLast: null, units: new Set() }));
      return r ?? null;
    };
    // The socket table says when a flood ends; the log's per-minute count lags a minute, so it is used only without one.
    const flooding = (r: RangeTrack, on: boolean, net: boolean) => {
      if (!on) return;
      r.firstAt ??= t;
      if (net) r.netLast = t;
      r.lastAt = r.netLast ?? t;
    };
    if (this.model.net) for (const row of selectRanges(this.model, null)) {
      if (row.private) continue;
      const r = track(row.range);
      if (!r) continue;
      r.conn = higher(r.conn, row.connections, t);
      r.fresh = higher(r.fresh, row.newPerSecond ?? 0, t);
      for (const u of row.units) if (r.units.size < 5) r.units.add(u);
      flooding(r, row.connections >= FLOOD.connections || (row.newPerSecond ?? 0) >= FLOOD.newPerSecond, true);
    }
    for (const row of selectTopRanges(this.model.log, t, 20)) {
      if (row.private) continue;
      const r = track(row.range);
      if (!r) continue;
      r.lines = higher(r.lines, row.perMinute, t);
      flooding(r, row.perMinute >= FLOOD.linesPerMinute, false);
    }
  }

  /** The report of what was folded; `source` says what was read. */
  report(source: string): IncidentReport {
    const crashLoops: CrashLoop[] = [...this.units].map(([unit, u]) => ({ unit, description: u.description, crashes: Math.max(u.restarts, u.logMax), firstAt: u.firstAt ?? 0, lastAt: u.lastAt ?? 0 }))
      .filter((c) => c.crashes >= CRASH_LOOP_MIN).sort((a, b) => b.crashes - a.crashes || compareText(a.unit, b.unit)).slice(0, 10);
    const floods: Flood[] = [...this.ranges].filter(([, r]) => r.firstAt !== null)
      .map(([range, r]) => ({ range, peakConnections: r.conn, peakNewPerSecond: r.fresh, peakLinesPerMinute: r.lines, firstAt: r.firstAt!, lastAt: r.lastAt, units: [...r.units] }))
      .sort((a, b) => (b.peakConnections?.value ?? 0) - (a.peakConnections?.value ?? 0) || (b.peakLinesPerMinute?.value ?? 0) - (a.peakLinesPerMinute?.value ?? 0) || compareText(a.range, b.range)).slice(0, 5);
    const filesystems = this.disks.incidents();
    const actions = actionFacts([...this.actions.values()].sort((a, b) => a.t - b.t), { filesystems, crashLoops, floods, points: (d) => this.disks.points(d) });
    const header = this.model.header;
    const report: IncidentReport = {
      format: 'sitrep-incident', version: 1, host: header?.host ?? '', source,
      from: this.first ?? (Number.isFinite(this.from) ? this.from : 0), to: this.last ?? (Number.isFinite(this.to) ? this.to : 0),
      intervalMs: header?.intervalMs ?? 0, samples: this.samples,
      filesystems, crashLoops, ooms: [...this.ooms.values()].sort((a, b) => a.t - b.t).slice(0, 50), floods, peaks: this.peaks, actions, figures: [], notes: [...this.notes],
    };
    return { ...report, figures: figures(report) };
  }
}

/** The report of a whole message list (tests, demos). */
export function incidentReport(messages: Iterable<Message>, source: string, from?: number, to?: number): IncidentReport {
  const fold = new IncidentTimeline(from, to);
  for (const m of messages) fold.add(m);
  return fold.report(source);
}
