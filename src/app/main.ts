/**
 * The sitrep command: parses arguments and runs the console or a snapshot.
 * The modes are loaded when one is chosen (load-modes.ts: in the bundle they
 * are text, compiled only then, from V8's code cache), so `--version`,
 * `--help` and `snapshot --dir` never compile them. The entry imports no
 * builtin it does not need at once (issue 32: each costs every start; the
 * directory scan's child_process and the report's crypto are loaded when used).
 */
import './process-setup.js';
import { parseArgs } from '../cli/args.js';
import { helpText, USAGE } from '../cli/usage.js';
import { sanitize } from '../text/sanitize.js';
import { logOptionProblem } from '../cli/log-option-check.js';
import { VERSION } from './version.js';
import { loadModes } from './load-modes.js';
import { executableNote } from './executable.js';
import { optimizeFromNow } from './optimizer-switch.js';

/** The modes, for a one-shot mode (a snapshot, a report): V8's optimiser on once they are loaded (optimizer-switch.ts). */
async function modesForWork(): ReturnType<typeof loadModes> {
  const modes = await loadModes();
  optimizeFromNow();
  return modes;
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
      process.stdout.write(`${helpText(VERSION)}\n`);
      return 0;
    case 'version':
      process.stdout.write(`sitrep ${VERSION}${executableNote()}\n`);
      return 0;
    case 'error':
      process.stderr.write(`sitrep: ${command.message}\n${USAGE}\n`);
      return 2;
    case 'snapshot':
      if (command.dir) {
        // In the entry, not the modes: the walk starts without compiling them (their builtins are loaded when used).
        optimizeFromNow();
        const [{ dirSnapshot }, { printReport }] = await Promise.all([import('../report/dir-snapshot.js'), import('../report/print-report.js')]);
        return printReport(await dirSnapshot(command.dir, command.durationGiven ? command.durationMs : null));
      }
      return (await modesForWork()).runSnapshot(command);
    case 'console':
      return (await loadModes(true)).runConsoleMode(command);
    case 'replay':
      return (await loadModes(true)).runReplayMode(command);
    case 'store-replay':
      return (await loadModes(true)).runStoreReplayMode(command);
    case 'recorder':
      return (await loadModes()).runRecorder(command);
    case 'store-snapshot': {
      const [{ storeSnapshot }, { printReport }] = await Promise.all([modesForWork(), import('../report/print-report.js')]);
      return printReport(await storeSnapshot(command), { format: command.format });
    }
    case 'recorder-admin':
      return (await modesForWork()).runRecorderAdmin(command);
    case 'agent':
      return (await loadModes()).runAgent(command);
    case 'ssh':
      return (await loadModes()).runSshMode(command);
    case 'fleet':
      return (await loadModes()).runFleetMode(command);
    case 'report':
      return (await modesForWork()).runReport(command);
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
