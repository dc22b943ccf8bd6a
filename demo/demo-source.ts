/**
 * The demo as a Source: the scenario advanced once per interval, emitting the
 * same messages as the live collectors; and as SystemActions, so demo actions
 * go through the same intents as live ones. Nothing is written anywhere.
 */
import type { Intent, Self } from '../src/effects/intents.js';
import type { SystemActions } from '../src/effects/intents.js';
import type { JournalStorage, Message, Source } from '../src/stream/messages.js';
import { crashLoop } from './crash-loop.js';
import { diskFill } from './disk-fill.js';
import { memoryLeak } from './memory-leak.js';
import type { DemoName } from '../src/cli/options-types.js';
import type { Scenario } from './scenario.js';
import { worldHeader, worldSample } from './world.js';
import type { DirProvider } from '../src/stream/messages.js';

/** Builds a scenario by name. */
export function scenario(name: DemoName, startedAt: number): Scenario {
  return name === 'crash-loop' ? crashLoop(startedAt) : name === 'memory-leak' ? memoryLeak(startedAt) : diskFill(startedAt);
}

/** Who sitrep is inside the demo: root, over SSH from an address outside the attack. */
export const DEMO_SELF: Self = { pid: 31337, parentPid: 31336, uid: 0, user: 'root', sessionUnits: ['session-7.scope'], sshClients: [{ address: '192.0.2.10', own: true }] };

/** Who acts in the demo, for its audit trail (recorded, never written to a log). */
export const DEMO_WHO = { user: 'alice', uid: 0, loginUid: 1000, from: '192.0.2.10', host: 'demo' } as const;

/** Emits one tick of `s` at world time (after stepping `dt` seconds). */
export function demoTick(s: Scenario, startedAt: number, dt: number, emit: (m: Message) => void, last: { journal: string | null }): void {
  s.step(dt);
  // Lines first: they were written during the interval, while the processes they name still ran.
  emitLogs(s, startedAt, emit, last);
  const sample = worldSample(s.world, startedAt + s.world.t * 1000, true);
  const net = s.net?.();
  const memoryDetail = s.memory?.();
  emit({ ...sample, ...(net ? { net } : {}), ...(memoryDetail ? { memoryDetail } : {}) });
}

/** Emits the log lines written since the last call, and journald's storage when it changed. */
function emitLogs(s: Scenario, startedAt: number, emit: (m: Message) => void, last: { journal: string | null }): void {
  const now = startedAt + s.world.t * 1000;
  const journal: JournalStorage = s.journal();
  const key = JSON.stringify(journal);
  const entries = s.takeLogs((sec) => startedAt + sec * 1000);
  if (entries.length || key !== last.journal) {
    emit({ kind: 'log', t: now, source: 'journald', entries, ...(key !== last.journal ? { journal } : {}) });
    last.journal = key;
  }
}

/** The drill-down of a demo: scans answered at once from the simulation, growth each second. */
function demoDirs(s: Scenario, dispatch: (m: Message) => void): DirProvider {
  let dir: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let last = new Map<string, number>();
  const scanNow = (d: string) => {
    const children = s.tree?.(d) ?? null;
    const t = Date.now();
    if (!children) return dispatch({ kind: 'scan', t, dir: d, state: 'failed', error: 'demo: nothing is simulated in this directory' });
    dispatch({ kind: 'scan', t, dir: d, state: 'done', device: '8:17', children, totalBytes: children.reduce((x, c) => x + c.bytes, 0), errors: 0, elapsedMs: 40 });
  };
  const growth = () => {
    if (!dir) return;
    const now = new Map((s.tree?.(dir) ?? []).map((c) => [c.name, c.bytes]));
    const bytesPerSec: Record<string, number> = {};
    for (const [n, b] of now) bytesPerSec[n] = Math.max(0, b - (last.get(n) ?? b));
    last = now;
    dispatch({ kind: 'growth', t: Date.now(), dir, watch: 'inotify', bytesPerSec });
    scanNow(dir);
  };
  return {
    show(d) {
      if (d === dir) return;
      dir = d;
      if (timer) clearInterval(timer);
      timer = null;
      last = new Map();
      if (!d) return;
      scanNow(d);
      timer = setInterval(growth, 1000);
    },
    rescan: scanNow,
    cancelScan() {},
    release() {
      if (timer) clearInterval(timer);
      dir = null;
    },
  };
}

/** A live-paced demo source, the actions that act inside it, and its drill-down. */
export function demoSource(name: DemoName, intervalMs: number): { source: Source; actions: SystemActions; dirs: (dispatch: (m: Message) => void) => DirProvider } {
  const startedAt = Date.now();
  const s = scenario(name, startedAt);
  let timer: NodeJS.Timeout | null = null;
  let emitter: ((m: Message) => void) | null = null;
  const last = { journal: null as string | null };
  const source: Source = {
    start(emit) {
      emitter = emit;
      emit(worldHeader(s.world, s.host, intervalMs, startedAt));
      emit({ kind: 'event', t: startedAt, type: 'note', text: `demo ${name}: a simulation — nothing on this machine is read or changed` });
      emitLogs(s, startedAt, emit, last);
      timer = setInterval(() => demoTick(s, startedAt, intervalMs / 1000, emit, last), intervalMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      emitter = null;
    },
  };
  const actions: SystemActions = {
    async run(intent: Intent) {
      const outcome = s.act(intent);
      if (emitter) emitLogs(s, startedAt, emitter, last);
      return outcome;
    },
  };
  return { source, actions, dirs: (dispatch) => demoDirs(s, dispatch) };
}

/** The demo's messages from start to `seconds`, without waiting (for snapshot --at). */
export function demoMessagesTo(name: DemoName, seconds: number, intervalMs = 1000, startedAt = Date.now()): Message[] {
  const s = scenario(name, startedAt);
  const out: Message[] = [worldHeader(s.world, s.host, intervalMs, startedAt)];
  const last = { journal: null as string | null };
  const steps = Math.round((seconds * 1000) / intervalMs);
  for (let i = 0; i < steps; i++) demoTick(s, startedAt, intervalMs / 1000, (m) => out.push(m), last);
  return out;
}
