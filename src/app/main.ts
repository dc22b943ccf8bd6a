/**
 * The sitrep command: parses arguments and runs the console or a snapshot.
 * The modes are loaded when one is chosen (load-modes.ts: in the bundle they
 * are text, compiled only then, from V8's code cache), so `--version` and
 * `--help` never compile them, and the entry stays small: it imports no
 * builtin it does not need at once (issue 32: each costs the start).
 */
import './process-setup.js';
import { parseArgs } from '../cli/args.js';
import { helpText, USAGE } from '../cli/usage.js';
import { sanitize } from '../text/sanitize.js';
import { logOptionProblem } from '../cli/log-option-check.js';
import { VERSION } from './version.js';
import { loadModes } from './load-modes.js';
import { executableNote } from './executable.js';

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
        const modes = await loadModes();
        return modes.printReport(await modes.dirSnapshot(command.dir, command.durationGiven ? command.durationMs : null));
      }
      return (await loadModes()).runSnapshot(command);
    case 'console':
      return (await loadModes(true)).runConsoleMode(command);
    case 'replay':
      return (await loadModes(true)).runReplayMode(command);
    case 'store-replay':
      return (await loadModes(true)).runStoreReplayMode(command);
    case 'recorder':
      return (await loadModes()).runRecorder(command);
    case 'store-snapshot': {
      const { storeSnapshot, printReport } = await loadModes();
      return printReport(await storeSnapshot(command), { format: command.format });
    }
    case 'recorder-admin':
      return (await loadModes()).runRecorderAdmin(command);
    case 'agent':
      return (await loadModes()).runAgent(command);
    case 'ssh':
      return (await loadModes()).runSshMode(command);
    case 'fleet':
      return (await loadModes()).runFleetMode(command);
    case 'report':
      return (await loadModes()).runReport(command);
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
