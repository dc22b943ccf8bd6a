/** The sitrep command: parses arguments and runs the console or a snapshot. */
import './process-setup.js';
import { parseArgs, USAGE } from './args.js';
import { runConsole, type ConsoleOptions } from './console.js';
import { replayOptions, replaySnapshot, withRecorder } from './modes.js';
import { safeJson } from '../text/safe-json.js';
import { logOptionProblem } from './log-option-check.js';
import { sanitize } from '../text/sanitize.js';
import { dirSnapshot } from './dir-snapshot.js';
import type { Self } from '../effects/intents.js';
import { takeSnapshot } from './snapshot.js';
import { liveSource } from '../sources/live-source.js';
import { VERSION } from './version.js';
import { liveActions, readOnlyActions } from '../effects/live-actions.js';
import { sshClients } from '../../collectors/ssh-sessions.js';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { sessionUnits } from '../../collectors/session-units.js';
import { DEMO_SELF, demoMessagesTo, demoSource } from '../../demo/demo-source.js';
import { initialModel, reduce } from '../model/model.js';
import { snapshotReport } from './snapshot.js';
import type { DemoName } from './args.js';
import { REFUSALS } from '../effects/refusals.js';

/** The demo's state at `seconds`, as `snapshot --json` reports a machine. */
function demoSnapshot(name: DemoName, seconds: number): Record<string, unknown> {
  const model = demoMessagesTo(name, seconds).reduce(reduce, initialModel(600));
  return snapshotReport(model, seconds * 1000);
}

/** Prints a snapshot report (exit 0), or its one-line error (exit 2). */
function printReport(report: Record<string, unknown> | { error: string }): number {
  if ('error' in report) {
    process.stderr.write(`sitrep: ${sanitize(String(report.error), 300)}\n`);
    return 2;
  }
  process.stdout.write(`${safeJson(report, 2)}\n`);
  return 0;
}

function liveSelf(): Self {
  return { pid: process.pid, parentPid: process.ppid, uid: process.getuid?.() ?? 0, user: userInfo().username, sessionUnits: sessionUnits(), sshClients: sshClients('/proc', process.pid, process.env, false) };
}

async function main(): Promise<number | NodeJS.Signals> {
  const command = parseArgs(process.argv.slice(2), process.env);
  const logProblem = (command.kind === 'snapshot' || command.kind === 'console') && !command.demo ? logOptionProblem(command) : null;
  if (logProblem) {
    process.stderr.write(`sitrep: ${sanitize(logProblem, 300)}\n`);
    return 2;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(`sitrep ${VERSION}: a terminal incident console for Linux servers\n${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`sitrep ${VERSION}\n`);
      return 0;
    case 'error':
      process.stderr.write(`sitrep: ${command.message}\n${USAGE}\n`);
      return 2;
    case 'snapshot': {
      if (command.dir) return printReport(await dirSnapshot(command.dir, command.durationGiven ? command.durationMs : null));
      if (command.replay) return printReport(await replaySnapshot(command.replay, command.atSeconds));
      if (command.demo) {
        const report = demoSnapshot(command.demo, command.atSeconds ?? command.durationMs / 1000);
        process.stdout.write(`${safeJson(report, 2)}\n`);
        return 0;
      }
      const log = { journalDir: command.journalDir, logFile: command.logFile };
      const report = await takeSnapshot(liveSource({ intervalMs: command.intervalMs, log }), command.durationMs);
      process.stdout.write(`${safeJson(report, 2)}\n`);
      return 0;
    }
    case 'console':
      if (!process.stdout.isTTY || !process.stdin.isTTY) {
        process.stderr.write("sitrep: needs a terminal; for scripts use 'sitrep snapshot --json'\n");
        return 2;
      }
      if (command.demo) {
        const demo = demoSource(command.demo, command.intervalMs);
        const actionsOff = command.readOnly ? REFUSALS.readOnly : null;
        const end = await runConsole({ source: demo.source, noColor: command.noColor, ascii: command.ascii, actions: actionsOff ? readOnlyActions(actionsOff) : demo.actions, actionsOff, self: DEMO_SELF, dirProvider: demo.dirs });
        return 'signal' in end ? end.signal : end.code;
      }
      {
        const actionsOff = command.readOnly ? REFUSALS.readOnly : null;
        const source = liveSource({ intervalMs: command.intervalMs, log: { journalDir: command.journalDir, logFile: command.logFile } });
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
    case 'replay': {
      if (!process.stdout.isTTY || !process.stdin.isTTY) {
        process.stderr.write('sitrep: replay needs a terminal\n');
        return 2;
      }
      const options = await replayOptions(command.file, command.noColor, liveSelf());
      if ('error' in options) {
        process.stderr.write(`sitrep: ${sanitize(options.error, 300)}\n`);
        return 2;
      }
      const end = await runConsole({ ...options, ascii: command.ascii, openDir: command.dir });
      return 'signal' in end ? end.signal : end.code;
    }
  }
}

main().then(
  (end) => {
    // Killed by a signal: with the terminal restored, die of that same signal
    // (default action), so the parent shell sees how we ended.
    if (typeof end === 'string') {
      process.removeAllListeners(end);
      process.kill(process.pid, end);
    }
    else process.exit(end);
  },
  (error: unknown) => {
    process.stderr.write(`sitrep: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
