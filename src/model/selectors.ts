/** Selectors: the only way the UI reads the model. */
import type { MemorySample, Pressure } from '../stream/messages.js';
import type { ModelState } from './model.js';
import type { ProcessRow } from './processes.js';
import { latest } from './ring.js';

/** What the CPU pane draws. */
export interface CpuView {
  /** Total busy fraction history, oldest first (0..1). */
  readonly total: Float64Array;
  /** Busy fraction history per core. */
  readonly cores: readonly Float64Array[];
  readonly totalNow: number | null;
  readonly coresNow: readonly (number | null)[];
  readonly iowaitNow: number | null;
  readonly load: readonly [number, number, number] | null;
  readonly pressure: Pressure | null;
  readonly intervalMs: number;
}

/** CPU series and gauges for the CPU pane. */
export function selectCpu(state: ModelState): CpuView {
  return {
    total: state.cpuTotal.values,
    cores: state.cpuCores.map((r) => r.values),
    totalNow: latest(state.cpuTotal) ?? null,
    coresNow: state.cpuCores.map((r) => latest(r) ?? null),
    iowaitNow: latest(state.iowait) ?? null,
    load: state.load,
    pressure: state.pressure,
    intervalMs: state.header?.intervalMs ?? 1000,
  };
}

/** Memory and swap use, in bytes. */
export interface MemoryView {
  readonly total: number;
  readonly used: number;
  readonly available: number;
  readonly cached: number;
  readonly swapTotal: number;
  readonly swapUsed: number;
}

/** Memory and swap, or null before the first sample. */
export function selectMemory(state: ModelState): MemoryView | null {
  const m: MemorySample | null = state.memory;
  if (!m) return null;
  return {
    total: m.total,
    used: Math.max(0, m.total - m.available),
    available: m.available,
    cached: m.cached + m.buffers,
    swapTotal: m.swapTotal,
    swapUsed: Math.max(0, m.swapTotal - m.swapFree),
  };
}

/** Processes by CPU%, busiest first; `limit` keeps only the top ones. */
export function selectTopProcesses(state: ModelState, limit?: number): readonly ProcessRow[] {
  return limit === undefined ? state.processes : state.processes.slice(0, limit);
}

/** Host facts for the status line, or null before the header. */
export function selectHost(state: ModelState): { host: string; kernel: string; os: string | null; cores: number } | null {
  const h = state.header;
  return h ? { host: h.host, kernel: h.kernel, os: h.os ?? null, cores: h.cores } : null;
}

/** The newest event (action result, note or error), for the status line. */
export function selectLastEvent(state: ModelState, now: number | null = null): { type: 'note' | 'error'; text: string } | null {
  const e = state.events[state.events.length - 1];
  if (!e || (now !== null && now - e.t > (e.type === 'error' ? ERROR_SHOWN_MS : NOTE_SHOWN_MS))) return null;
  return { type: e.type, text: e.text };
}

/** How long the status line shows a note, and an error; the message log (m) keeps both. */
export const NOTE_SHOWN_MS = 10_000;
export const ERROR_SHOWN_MS = 30_000;
