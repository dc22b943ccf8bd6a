import { describe, expect, it } from 'vitest';
import { ALERT_DEFAULTS, activeAlerts, evaluateAlerts, type AlertEvent, type AlertFacts, type AlertSettings, type AlertState } from '../../src/model/alert-rules.js';
import { lsqSlope } from '../../src/model/fill-rate.js';

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const base = (t: number): AlertFacts => ({ t, filesystems: [], writer: null, crashes: [], ooms: [], volatileJournal: false, secondsToOom: null });
const disk = (t: number, avail: number, rate: number | null, extra: Partial<AlertFacts['filesystems'][number]> = {}): AlertFacts => ({
  ...base(t),
  filesystems: [{ mount: '/srv/logs', secondsToFull: rate && rate > 0 ? avail / rate : null, inodeSecondsToFull: null, fillRate: rate, inodeFillRate: null, usedFraction: 0.5, availBytes: avail, usersFull: avail < MiB, writer: { name: 'app.service', rate: 2 * MiB }, ...extra }],
});

/** Runs the evaluator over a list of facts, collecting every event. */
function run(facts: readonly AlertFacts[], settings: AlertSettings = ALERT_DEFAULTS): { events: AlertEvent[]; state: AlertState } {
  let state: AlertState = new Map();
  const events: AlertEvent[] = [];
  for (const f of facts) {
    const r = evaluateAlerts(state, f, settings);
    state = r.state;
    events.push(...r.events);
  }
  return { events, state };
}

/**
 * 20 simulated minutes of a sawtooth, one sample every 5 s (the recorder's
 * interval): a log grows at 2 MiB/s for 4 minutes, then logrotate frees it all
 * at once; the rate is the least-squares slope over the last minute, as the model's.
 */
function sawtooth(periodS: number, growS: number): AlertFacts[] {
  const facts: AlertFacts[] = [];
  const points: { t: number; v: number }[] = [];
  for (let s = 0; s <= 20 * 60; s += 5) {
    const phase = s % periodS;
    const used = phase < growS ? phase * 2 * MiB : 0;
    points.push({ t: s, v: used });
    while (points.length > 12) points.shift();
    const rate = lsqSlope(points);
    facts.push(disk(s * 1000, 3 * GiB - used, rate));
  }
  return facts;
}

describe('alert rules (pure)', () => {
  it('20 simulated minutes of a sawtooth give at most one alert (several periods), where no hysteresis would flap', () => {
    for (const [period, grow] of [[300, 240], [120, 90], [480, 420]] as const) {
      const facts = sawtooth(period, grow);
      expect(facts.length).toBe(241);
      const { events } = run(facts);
      expect(events.filter((e) => e.state === 'start').length, `period ${period}s`).toBeLessThanOrEqual(1);
      expect(events.filter((e) => e.state === 'resolve')).toEqual([]);
      // The same samples without hysteresis (fire at once, resolve at once) start several times.
      const naive = run(facts, { ...ALERT_DEFAULTS, fireSamples: 1, holdMs: 0, clearFactor: 1 });
      expect(naive.events.filter((e) => e.state === 'start').length).toBeGreaterThan(2);
    }
  });

  it('fires after two samples within the horizon with the figures and the writer, resolves once after the hold', () => {
    const facts: AlertFacts[] = [];
    for (let s = 0; s < 60; s += 5) facts.push(disk(s * 1000, 2 * GiB, 1 * MiB)); // ~34 min to full
    for (let s = 60; s < 60 + 900; s += 5) facts.push(disk(s * 1000, 2 * GiB, null)); // writer stopped
    const { events, state } = run(facts);
    expect(events.map((e) => `${e.state} ${e.id}`)).toEqual(['start filesystem-filling:/srv/logs', 'resolve filesystem-filling:/srv/logs']);
    const [start, resolve] = events as [AlertEvent, AlertEvent];
    expect(start.t).toBe(5000);
    expect(start.figures).toMatchObject({ mount: '/srv/logs', rateBytesPerSecond: MiB, secondsToFull: 2048, writer: 'app.service' });
    expect(start.culprit).toBe('app.service');
    expect(resolve.t - 60_000).toBeGreaterThanOrEqual(ALERT_DEFAULTS.holdMs);
    expect(resolve.startedAt).toBe(5000);
    expect(activeAlerts(state)).toEqual([]);
  });

  it('a disk far from full, or not filling, never alerts; one within 1.5 horizons keeps an alert open', () => {
    expect(run([0, 5, 10, 15].map((s) => disk(s * 1000, 100 * GiB, MiB))).events).toEqual([]);
    const open = [disk(0, GiB, MiB), disk(5000, GiB, MiB), ...Array.from({ length: 200 }, (_, i) => disk(10_000 + i * 5000, 4.5 * GiB, MiB))];
    const r = run(open);
    expect(r.events.map((e) => e.state)).toEqual(['start']);
    expect(activeAlerts(r.state)).toEqual(['filesystem-filling:/srv/logs']);
  });

  it('full for users, crash loop, OOM kill and volatile journal each start an alert with their subject', () => {
    const f = (t: number): AlertFacts => ({
      ...disk(t, 0, 0),
      crashes: [{ unit: 'web.service', count10m: 4 }, { unit: 'once.service', count10m: 1 }],
      ooms: [{ t: 0, victim: 'java', cgroup: '/system.slice/app.service' }],
      volatileJournal: true,
    });
    const { events } = run([f(0), f(5000), f(10_000)]);
    expect(events.map((e) => e.id).sort()).toEqual(['crash-loop:web.service', 'filesystem-full:/srv/logs', 'oom-kill:java', 'volatile-journal:journal']);
    expect(events.find((e) => e.kind === 'oom-kill')!.culprit).toBe('/system.slice/app.service');
  });

  it('a subject that disappears resolves after the hold', () => {
    const facts = [disk(0, GiB, MiB), disk(5000, GiB, MiB), ...Array.from({ length: 130 }, (_, i) => base(10_000 + i * 5000))];
    expect(run(facts).events.map((e) => e.state)).toEqual(['start', 'resolve']);
  });
});
