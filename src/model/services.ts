/** Service units over time: the latest reading and each unit's recent restarts. Pure. */
import type { ServicesSample, UnitSample } from '../stream/messages.js';
import { compareText } from '../text/order.js';

/** How far back "restarted recently" looks. */
export const RESTART_WINDOW_MS = 10 * 60 * 1000;

/** One unit's restart count as seen over the window: [time, NRestarts]. */
type RestartPoints = ReadonlyArray<readonly [number, number]>;

/** What the model knows of the service manager. */
export interface ServicesState {
  readonly manager: ServicesSample['manager'];
  readonly unavailable: string | null;
  readonly units: ReadonlyMap<string, UnitSample>;
  /** Per unit, the restart counts seen, trimmed to the window (plus the last point before it). */
  readonly restarts: ReadonlyMap<string, RestartPoints>;
  readonly updatedAt: number;
}

function trim(points: RestartPoints, now: number): RestartPoints {
  let first = 0;
  while (first + 1 < points.length && points[first + 1]![0] <= now - RESTART_WINDOW_MS) first++;
  return first === 0 ? points : points.slice(first);
}

/** Folds a fresh reading into the state. */
export function updateServices(state: ServicesState | null, sample: ServicesSample, now: number): ServicesState {
  const units = new Map(sample.units.map((u) => [u.id, u]));
  const restarts = new Map<string, RestartPoints>();
  for (const unit of sample.units) {
    const before = state?.restarts.get(unit.id) ?? [];
    const last = before[before.length - 1];
    const points = !last || last[1] !== unit.nRestarts ? [...before, [now, unit.nRestarts] as const] : before;
    restarts.set(unit.id, trim(points, now));
  }
  return { manager: sample.manager, unavailable: sample.unavailable, units, restarts, updatedAt: now };
}

/** How many times a unit restarted within the window, as far as sitrep has seen. */
export function restartsInWindow(state: ServicesState, id: string): number {
  const points = state.restarts.get(id);
  if (!points || points.length === 0) return 0;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  // A count already above zero at first sight, while the unit waits to restart, counts once.
  const waiting = state.units.get(id)?.subState === 'auto-restart' && first[1] > 0 ? 1 : 0;
  return Math.max(last[1] - first[1], waiting);
}

/** A unit the Services overlay lists: failed, or restarting lately. */
export interface UnitAlert {
  readonly unit: UnitSample;
  readonly failed: boolean;
  readonly restartsRecent: number;
}

/** Failed units and units that restarted in the last 10 minutes, most restarts first. */
export function unitAlerts(state: ServicesState | null): UnitAlert[] {
  if (!state) return [];
  const out: UnitAlert[] = [];
  for (const unit of state.units.values()) {
    const restartsRecent = restartsInWindow(state, unit.id);
    const failed = unit.activeState === 'failed';
    if (failed || restartsRecent > 0) out.push({ unit, failed, restartsRecent });
  }
  return out.sort((a, b) => b.restartsRecent - a.restartsRecent || Number(b.failed) - Number(a.failed) || compareText(a.unit.id, b.unit.id));
}
