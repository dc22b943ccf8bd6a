/**
 * The recorder's alert rules, evaluated at every sample (pure). A condition
 * must hold for `fireSamples` samples in a row to start an alert; the alert
 * resolves only after the condition has stayed clear — past a stricter
 * threshold (time to full above `clearFactor` × the horizon, or not filling) —
 * for `holdMs`. A sawtooth (a log that grows and is rotated away) keeps
 * coming back within the hold, so it stays one alert instead of flapping.
 */

/** What the rules look at, from one sample (alert-facts.ts builds it from the model). */
export interface AlertFacts {
  /** Milliseconds (the sample's time). */
  readonly t: number;
  readonly filesystems: readonly {
    readonly mount: string;
    readonly secondsToFull: number | null;
    readonly inodeSecondsToFull: number | null;
    /** Bytes per second. */
    readonly fillRate: number | null;
    readonly inodeFillRate: number | null;
    readonly usedFraction: number;
    readonly availBytes: number;
    readonly usersFull: boolean;
    /** The unit writing most to this filesystem, when known. */
    readonly writer?: { readonly name: string; readonly rate: number } | null;
  }[];
  /** The unit writing most, as the culprit of a filling disk. */
  readonly writer: { readonly name: string; readonly rate: number } | null;
  /** Units that crashed in the last 10 minutes, with the count. */
  readonly crashes: readonly { readonly unit: string; readonly count10m: number }[];
  /** OOM kills in the last 10 minutes. */
  readonly ooms: readonly { readonly t: number; readonly victim: string; readonly cgroup: string | null }[];
  readonly volatileJournal: boolean | null;
  /** Seconds until available memory is gone at the current rate (null: not falling, or not measured). */
  readonly secondsToOom: number | null;
}

/** What an alert is about. */
export type AlertKind = 'filesystem-filling' | 'inodes-filling' | 'filesystem-full' | 'crash-loop' | 'oom-kill' | 'volatile-journal' | 'memory-running-out';

/** A start or a resolution. */
export interface AlertEvent {
  readonly state: 'start' | 'resolve';
  readonly kind: AlertKind;
  /** The mount, the unit, the OOM victim, `journal` or `memory`. */
  readonly subject: string;
  /** `kind:subject`: stable across start and resolve (the SITREP_ALERT= value). */
  readonly id: string;
  readonly t: number;
  /** When it started (equal to t for a start). */
  readonly startedAt: number;
  /** The figures at start (or the last ones seen while active, at resolve). */
  readonly figures: Readonly<Record<string, number | string | null>>;
  readonly culprit: string | null;
}

/** The rules' knobs. */
export interface AlertSettings {
  /** Warn when full within this many ms (default 1 h). */
  readonly horizonMs: number;
  /** Samples in a row a condition must hold to start (default 2). */
  readonly fireSamples: number;
  /** How long a condition must stay clear to resolve (default 10 min). */
  readonly holdMs: number;
  /** Clear only above this many horizons to full (default 1.5). */
  readonly clearFactor: number;
  /** Crashes in 10 minutes that make a crash loop (default 3). */
  readonly crashLoop: number;
}

/** The defaults. */
export const ALERT_DEFAULTS: AlertSettings = { horizonMs: 3_600_000, fireSamples: 2, holdMs: 600_000, clearFactor: 1.5, crashLoop: 3 };

interface Track {
  /** Samples in a row the condition held (before start). */
  readonly streak: number;
  readonly startedAt: number | null;
  /** Since when the clear threshold has held, while active. */
  readonly clearSince: number | null;
  readonly figures: AlertEvent['figures'];
  readonly culprit: string | null;
}

/** The evaluator's memory between samples: one track per alert id (bounded by the subjects a host has). */
export type AlertState = ReadonlyMap<string, Track>;

/** What one sample says about one alert id: firing (the condition), clear (the stricter threshold), figures. */
interface Reading {
  readonly kind: AlertKind;
  readonly subject: string;
  readonly firing: boolean;
  readonly clear: boolean;
  readonly figures: AlertEvent['figures'];
  readonly culprit: string | null;
}

const round = (n: number | null, digits = 0) => (n === null || !Number.isFinite(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits);

function readings(f: AlertFacts, s: AlertSettings): Reading[] {
  const horizon = s.horizonMs / 1000;
  const out: Reading[] = [];
  for (const fs of f.filesystems) {
    const w = fs.writer ?? f.writer;
    const culprit = w?.name ?? null;
    const figures = { mount: fs.mount, rateBytesPerSecond: round(fs.fillRate), secondsToFull: round(fs.secondsToFull), usedFraction: round(fs.usedFraction, 3), availBytes: fs.availBytes, writer: culprit, writerBytesPerSecond: round(w?.rate ?? null) };
    const soon = (ttf: number | null) => ttf !== null && ttf <= horizon;
    const far = (ttf: number | null) => ttf === null || ttf > horizon * s.clearFactor;
    out.push({ kind: 'filesystem-filling', subject: fs.mount, firing: soon(fs.secondsToFull) && !fs.usersFull, clear: far(fs.secondsToFull) && !fs.usersFull, figures, culprit });
    out.push({ kind: 'inodes-filling', subject: fs.mount, firing: soon(fs.inodeSecondsToFull), clear: far(fs.inodeSecondsToFull), figures: { mount: fs.mount, inodesPerSecond: round(fs.inodeFillRate, 1), secondsToFull: round(fs.inodeSecondsToFull) }, culprit });
    out.push({ kind: 'filesystem-full', subject: fs.mount, firing: fs.usersFull, clear: !fs.usersFull, figures, culprit });
  }
  for (const c of f.crashes) out.push({ kind: 'crash-loop', subject: c.unit, firing: c.count10m >= s.crashLoop, clear: c.count10m < s.crashLoop, figures: { unit: c.unit, crashes10m: c.count10m }, culprit: c.unit });
  for (const o of f.ooms) out.push({ kind: 'oom-kill', subject: o.victim, firing: true, clear: false, figures: { victim: o.victim, cgroup: o.cgroup, at: new Date(o.t).toISOString() }, culprit: o.cgroup });
  if (f.volatileJournal !== null) out.push({ kind: 'volatile-journal', subject: 'journal', firing: f.volatileJournal, clear: !f.volatileJournal, figures: {}, culprit: null });
  out.push({ kind: 'memory-running-out', subject: 'memory', firing: f.secondsToOom !== null && f.secondsToOom <= horizon, clear: f.secondsToOom === null || f.secondsToOom > horizon * s.clearFactor, figures: { secondsToOom: round(f.secondsToOom) }, culprit: null });
  return out;
}

/** Evaluates one sample: the new state and the alerts that started or resolved at it. */
export function evaluateAlerts(state: AlertState, facts: AlertFacts, settings: AlertSettings = ALERT_DEFAULTS): { state: AlertState; events: AlertEvent[] } {
  const next = new Map<string, Track>();
  const events: AlertEvent[] = [];
  const seen = new Set<string>();
  const event = (r: { kind: AlertKind; subject: string }, id: string, tr: Track, st: 'start' | 'resolve'): AlertEvent =>
    ({ state: st, kind: r.kind, subject: r.subject, id, t: facts.t, startedAt: tr.startedAt ?? facts.t, figures: tr.figures, culprit: tr.culprit });
  for (const r of readings(facts, settings)) {
    const id = `${r.kind}:${r.subject}`;
    // One reading per id and sample (two OOM kills of the same name are one alert).
    if (seen.has(id)) continue;
    seen.add(id);
    const old = state.get(id);
    if (old?.startedAt != null) {
      // Active: a firing sample resets the hold; only a long enough clear stretch resolves.
      const figures = r.firing ? r.figures : old.figures;
      const clearSince = r.clear ? old.clearSince ?? facts.t : null;
      const tr: Track = { ...old, figures, culprit: r.firing ? r.culprit ?? old.culprit : old.culprit, clearSince };
      if (clearSince !== null && facts.t - clearSince >= settings.holdMs) events.push(event(r, id, tr, 'resolve'));
      else next.set(id, tr);
      continue;
    }
    const streak = r.firing ? (old?.streak ?? 0) + 1 : 0;
    if (streak >= settings.fireSamples) {
      const tr: Track = { streak, startedAt: facts.t, clearSince: null, figures: r.figures, culprit: r.culprit };
      events.push(event(r, id, tr, 'start'));
      next.set(id, tr);
    } else if (streak > 0) next.set(id, { streak, startedAt: null, clearSince: null, figures: r.figures, culprit: r.culprit });
  }
  // A subject gone from the facts (an unmounted disk, a crash out of the window) counts as clear.
  for (const [id, old] of state) {
    if (seen.has(id) || old.startedAt === null) continue;
    const clearSince = old.clearSince ?? facts.t;
    const [kind, ...rest] = id.split(':');
    if (facts.t - clearSince >= settings.holdMs) events.push(event({ kind: kind as AlertKind, subject: rest.join(':') }, id, old, 'resolve'));
    else next.set(id, { ...old, clearSince });
  }
  return { state: next, events };
}

/** The active alerts' ids, for a status line. */
export function activeAlerts(state: AlertState): string[] {
  return [...state].filter(([, t]) => t.startedAt !== null).map(([id]) => id).sort();
}
