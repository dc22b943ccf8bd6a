/** The full-screen console, live, demo or replayed (loaded only for those commands: React, Ink and yoga start here). */
import type { CliCommand } from '../cli/args.js';
import { HISTORY_EXIT, runConsole, type ConsoleEnd as ConsoleEndValue, type ConsoleOptions } from './console.js';
import { defaultStore, listStore, storeRefusal } from '../record/store.js';
import { parseMoment, zoneName } from '../cli/time-spec.js';
import { replayOptions, withRecorder } from './modes.js';
import { sanitize } from '../text/sanitize.js';
import type { Self } from '../effects/intents.js';
import { liveSource } from '../sources/live-source.js';
import { liveActions, readOnlyActions } from '../effects/live-actions.js';
import { auditedActions } from '../effects/audit-trail.js';
import { sessionReport } from '../report/session-report.js';
import { sshClients } from '../../collectors/net/ssh-sessions.js';
import { guardedAddresses } from '../../collectors/net/host-guard.js';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { sessionUnits } from '../../collectors/services/session-units.js';
import { demoHardware } from '../../demo/hardware.js';
import { killHardwareTools, readHardware } from '../../collectors/hardware/hardware.js';
import { DEMO_SELF, DEMO_WHO, demoSource } from '../../demo/demo-source.js';
import { REFUSALS } from '../effects/refusals.js';
import { ReplaySource } from '../sources/replay-source.js';
import { liveAlertBanner } from '../recorder/live-alerts.js';

/** A demo's trail: its simulated admin, recorded in the stream (a recording, the report) and written nowhere. */
const DEMO_TRAIL = { who: () => DEMO_WHO, write: async () => null };

/** How a console ended, as main returns it: an exit code, or the signal to die of. */
export type ConsoleEnd = number | NodeJS.Signals;

function liveSelf(): Self {
  // The guarded addresses (this host's, its gateways, its DNS servers) are read when a block is first asked for, not at start (issue 32).
  let guarded: ReturnType<typeof guardedAddresses> | null = null;
  return {
    pid: process.pid,
    parentPid: process.ppid,
    uid: process.getuid?.() ?? 0,
    user: userInfo().username,
    sessionUnits: sessionUnits(),
    sshClients: sshClients('/proc', process.pid, process.env, false),
    get guarded() {
      return (guarded ??= guardedAddresses());
    },
  };
}

const needsTerminal = (what: string): number | null => {
  if (process.stdout.isTTY && process.stdin.isTTY) return null;
  process.stderr.write(`sitrep: ${what}\n`);
  return 2;
};

/** Runs the live console, or the demo, until it ends. */
export async function runConsoleMode(command: Extract<CliCommand, { kind: 'console' }>): Promise<ConsoleEnd> {
  const refused = needsTerminal("needs a terminal; for scripts use 'sitrep snapshot --json'");
  if (refused !== null) return refused;
  const actionsOff = command.readOnly ? REFUSALS.readOnly : null;
  if (command.demo) {
    const demo = demoSource(command.demo, command.intervalMs);
    const end = await runConsole({ source: demo.source, noColor: command.noColor, ascii: command.ascii, actions: auditedActions(actionsOff ? readOnlyActions(actionsOff) : demo.actions, DEMO_TRAIL), actionsOff, self: DEMO_SELF, incident: sessionReport(`demo ${command.demo} (a simulation)`), dirProvider: demo.dirs, hardware: async () => demoHardware(command.demo!, Date.now()) });
    return 'signal' in end ? end.signal : end.code;
  }
  for (;;) {
    const end = await runLive(command, actionsOff);
    if ('signal' in end || end.code !== HISTORY_EXIT) return 'signal' in end ? end.signal : end.code;
    const back = await runHistory(null, Date.now() - HISTORY_BACK_MS, command.noColor, command.ascii);
    if ('signal' in back || back.code !== HISTORY_EXIT) return 'signal' in back ? back.signal : back.code;
  }
}

/** How far back H goes into the store. */
const HISTORY_BACK_MS = 5 * 60_000;

/** Why H cannot open the default store's history, or null. */
function historyRefusal(): string | null {
  const dir = defaultStore();
  if (storeRefusal(dir, false) !== null || listStore(dir).segments.length === 0) return `no flight recorder history in ${dir}: 'sitrep recorder install' (as root) keeps one`;
  return null;
}

/** One live console; ends on quit, a signal, or H (HISTORY_EXIT). */
async function runLive(command: Extract<CliCommand, { kind: 'console' }>, actionsOff: string | null): Promise<ConsoleEndValue> {
  const source = liveSource({ intervalMs: command.intervalMs, network: command.network, memory: command.memory !== false, log: { journalDir: command.journalDir, logFile: command.logFile } });
  const live: ConsoleOptions = {
    source,
    afterAction: (intent) => (intent.kind === 'persist-journal' ? source.refreshJournal() : source.refreshServices()),
    onFocus: (pane) => source.setNetworkFocus(pane === 'network'),
    mouse: command.mouse,
    watchMemory: (watch) => source.watchMemory(watch),
    onView: (view) => source.watchNetwork(view.focus === 'network' || view.mode === 'net-detail'),
    noColor: command.noColor,
    ascii: command.ascii,
    // Every action and refusal goes to the audit trail (the journal, or syslog).
    actions: auditedActions(actionsOff ? readOnlyActions(actionsOff) : liveActions()),
    actionsOff,
    self: liveSelf(),
    incident: sessionReport('this machine, live (the console session)'),
    liveDirs: true,
    hardware: readHardware,
    openDir: command.dir ? resolve(command.dir) : null,
    // The recorder's alert rules on this console's model: active alerts on the status line.
    banner: liveAlertBanner(),
    history: command.record ? () => 'history: not while recording to a file (it would end the recording)' : historyRefusal,
  };
  let recording: ReturnType<typeof withRecorder> | null = null;
  try {
    recording = command.record ? withRecorder(live, command.record) : null;
  } catch (error) {
    process.stderr.write(`sitrep: ${sanitize((error as Error).message, 300)}\n`);
    return { code: 2 };
  }
  const end = await runConsole(recording?.options ?? live);
  // A hardware tool still running (a hung smartctl) goes with its group now: a console ended by a signal dies of it, with no 'exit' event.
  killHardwareTools();
  await recording?.close();
  return end;
}

/** The store replayed from `at` in the console; H ends it with HISTORY_EXIT (back to live). */
async function runHistory(store: string | null, at: number, noColor: boolean, ascii: boolean): Promise<ConsoleEndValue> {
  const { openStore } = await import('../recorder/store-mode.js');
  const opened = await openStore(store);
  if ('error' in opened) {
    process.stderr.write(`sitrep: ${sanitize(opened.error, 300)}\n`);
    return { code: 2 };
  }
  const replay = new ReplaySource(opened.listing.segments.map((s) => s.path), opened.header, opened.listing.bytes);
  const off = REFUSALS.replay;
  const source = {
    start: (emit: Parameters<typeof replay.start>[0]) => {
      replay.start(emit);
      if (Number.isFinite(at)) void replay.seekTo(at);
    },
    stop: () => replay.stop(),
  };
  return runConsole({
    source, noColor, ascii, actions: readOnlyActions(off), actionsOff: off, self: liveSelf(),
    context: 'replay', onReplay: (c) => replay.handleCommand(c), connect: (replace) => replay.connect(replace),
    banner: () => { const b = replay.banner(); return { ...b, text: `${b.text} ${zoneName(Date.now())} · H live` }; },
    history: () => null,
  });
}

/** Replays a recording in the console until it ends. */
export async function runReplayMode(command: Extract<CliCommand, { kind: 'replay' }>): Promise<ConsoleEnd> {
  const refused = needsTerminal('replay needs a terminal');
  if (refused !== null) return refused;
  const options = await replayOptions(command.file, command.noColor, liveSelf());
  if ('error' in options) {
    process.stderr.write(`sitrep: ${sanitize(options.error, 300)}\n`);
    return 2;
  }
  const end = await runConsole({ ...options, ascii: command.ascii, openDir: command.dir });
  return 'signal' in end ? end.signal : end.code;
}

/** Replays the flight recorder's store as one timeline, from `--at` (or its start); H goes live and back. */
export async function runStoreReplayMode(command: Extract<CliCommand, { kind: 'store-replay' }>): Promise<ConsoleEnd> {
  const refused = needsTerminal('replay needs a terminal; for scripts use sitrep snapshot --json --store DIR --at TIME');
  if (refused !== null) return refused;
  const at = command.at === null ? -Infinity : parseMoment(command.at, Date.now());
  if (typeof at !== 'number') {
    process.stderr.write(`sitrep: ${sanitize(at.error, 300)}\n`);
    return 2;
  }
  for (let from = at; ; from = Date.now() - HISTORY_BACK_MS) {
    const end = await runHistory(command.store, from, command.noColor, command.ascii);
    if ('signal' in end || end.code !== HISTORY_EXIT) return 'signal' in end ? end.signal : end.code;
    const live = await runLive({ kind: 'console', intervalMs: 1000, readOnly: false, noColor: command.noColor, ascii: command.ascii, journalDir: null, logFile: null, demo: null, record: null, dir: null, network: true, mouse: true }, null);
    if ('signal' in live || live.code !== HISTORY_EXIT) return 'signal' in live ? live.signal : live.code;
  }
}
