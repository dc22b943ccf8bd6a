/** The full-screen console, live, demo or replayed (loaded only for those commands: React, Ink and yoga start here). */
import type { CliCommand } from './args.js';
import { runConsole, type ConsoleOptions } from './console.js';
import { replayOptions, withRecorder } from './modes.js';
import { sanitize } from '../text/sanitize.js';
import type { Self } from '../effects/intents.js';
import { liveSource } from '../sources/live-source.js';
import { liveActions, readOnlyActions } from '../effects/live-actions.js';
import { sshClients } from '../../collectors/ssh-sessions.js';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { sessionUnits } from '../../collectors/session-units.js';
import { DEMO_SELF, demoSource } from '../../demo/demo-source.js';
import { REFUSALS } from '../effects/refusals.js';
import { ReplaySource } from '../sources/replay-source.js';

/** How a console ended, as main returns it: an exit code, or the signal to die of. */
export type ConsoleEnd = number | NodeJS.Signals;

function liveSelf(): Self {
  return { pid: process.pid, parentPid: process.ppid, uid: process.getuid?.() ?? 0, user: userInfo().username, sessionUnits: sessionUnits(), sshClients: sshClients('/proc', process.pid, process.env, false) };
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
    const end = await runConsole({ source: demo.source, noColor: command.noColor, ascii: command.ascii, actions: actionsOff ? readOnlyActions(actionsOff) : demo.actions, actionsOff, self: DEMO_SELF, dirProvider: demo.dirs });
    return 'signal' in end ? end.signal : end.code;
  }
  const source = liveSource({ intervalMs: command.intervalMs, network: command.network, log: { journalDir: command.journalDir, logFile: command.logFile } });
  const live: ConsoleOptions = {
    source,
    afterAction: (intent) => (intent.kind === 'persist-journal' ? source.refreshJournal() : source.refreshServices()),
    noColor: command.noColor,
    ascii: command.ascii,
    actions: actionsOff ? readOnlyActions(actionsOff) : liveActions(),
    actionsOff,
    self: liveSelf(),
    liveDirs: true,
    openDir: command.dir ? resolve(command.dir) : null,
  };
  let recording: ReturnType<typeof withRecorder> | null = null;
  try {
    recording = command.record ? withRecorder(live, command.record) : null;
  } catch (error) {
    process.stderr.write(`sitrep: ${sanitize((error as Error).message, 300)}\n`);
    return 2;
  }
  const end = await runConsole(recording?.options ?? live);
  await recording?.close();
  return 'signal' in end ? end.signal : end.code;
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

/** Replays the flight recorder's store as one timeline, from `--at` (or its start), until it ends. */
export async function runStoreReplayMode(command: Extract<CliCommand, { kind: 'store-replay' }>): Promise<ConsoleEnd> {
  const refused = needsTerminal('replay needs a terminal; for scripts use sitrep snapshot --json --store DIR --at TIME');
  if (refused !== null) return refused;
  const { openStore, momentOf } = await import('./store-mode.js');
  const opened = await openStore(command.store);
  const at = momentOf(command.at);
  const problem = 'error' in opened ? opened.error : typeof at !== 'number' ? at.error : null;
  if (problem || 'error' in opened || typeof at !== 'number') {
    process.stderr.write(`sitrep: ${sanitize(problem ?? '', 300)}\n`);
    return 2;
  }
  const paths = opened.listing.segments.map((s) => s.path);
  const replay = new ReplaySource(paths, opened.header, opened.listing.bytes);
  const off = REFUSALS.replay;
  const source = {
    start: (emit: Parameters<typeof replay.start>[0]) => {
      replay.start(emit);
      if (Number.isFinite(at)) void replay.seekTo(at);
    },
    stop: () => replay.stop(),
  };
  const end = await runConsole({
    source, noColor: command.noColor, ascii: command.ascii, actions: readOnlyActions(off), actionsOff: off, self: liveSelf(),
    context: 'replay', onReplay: (c) => replay.handleCommand(c), connect: (replace) => replay.connect(replace), banner: () => replay.banner(),
  });
  return 'signal' in end ? end.signal : end.code;
}
