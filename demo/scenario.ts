/** What a demo is: a simulated world that advances, logs, and answers actions. */
import type { Intent } from '../src/effects/intents.js';
import type { ActionOutcome } from '../src/effects/intents.js';
import type { DirChild, JournalStorage, LogEntry } from '../src/stream/messages.js';
import type { World } from './world.js';
import type { NetSample } from '../src/stream/net-messages.js';
import type { MemoryCounters } from '../src/stream/memory-messages.js';

/** One demo scenario over its world. */
export interface Scenario {
  readonly name: string;
  readonly host: string;
  readonly world: World;
  /** Advances the story by `dt` seconds. */
  step(dt: number): void;
  /** Log entries written since the last call (times are world seconds → wall ms via `at`). */
  takeLogs(at: (worldSeconds: number) => number): LogEntry[];
  /** Journald's storage as the demo has it (volatile until J in crash-loop). */
  journal(): JournalStorage;
  /** The simulated children of `dir` for the drill-down, or null where nothing is simulated. */
  tree?(dir: string): DirChild[] | null;
  /** The network part of this moment's sample, where the story has one. */
  net?(): NetSample;
  /** The memory part of this moment's sample (the Memory pane), where the story has one. */
  memory?(): MemoryCounters;
  /** Runs a confirmed action inside the simulation. */
  act(intent: Intent): ActionOutcome;
}

/** A pending log line: when (world seconds) and what. */
export interface PendingLog {
  readonly at: number;
  readonly entry: Omit<LogEntry, 't'>;
}

/** Drains `pending` into entries with wall times. */
export function drainLogs(pending: PendingLog[], at: (s: number) => number): LogEntry[] {
  const out = pending.map((p) => ({ ...p.entry, t: at(p.at) }));
  pending.length = 0;
  return out;
}

/** A log entry for a systemd message about `unit`. */
export function systemdLine(unit: string, message: string, priority = 6): Omit<LogEntry, 't'> {
  return { priority, unit: 'init.scope', pid: 1, message: `${unit}: ${message}`, fields: { UNIT: unit, SYSLOG_IDENTIFIER: 'systemd' } };
}
