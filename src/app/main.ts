/**
 * The sitrep command: parses arguments and runs the console or a snapshot.
 * Each mode is imported when it is chosen, so `--version` and a directory
 * snapshot never evaluate React, Ink or yoga (the bundle turns these dynamic
 * imports into modules initialised on first use).
 */
import './process-setup.js';
import { parseArgs } from './args.js';
import { helpText, USAGE } from './usage.js';
import { sanitize } from '../text/sanitize.js';
import { logOptionProblem } from './log-option-check.js';
import { VERSION } from './version.js';

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
      process.stdout.write(`sitrep ${VERSION}\n`);
      return 0;
    case 'error':
      process.stderr.write(`sitrep: ${command.message}\n${USAGE}\n`);
      return 2;
    case 'snapshot':
      if (command.dir) {
        const [{ dirSnapshot }, { printReport }] = await Promise.all([import('./dir-snapshot.js'), import('./print-report.js')]);
        return printReport(await dirSnapshot(command.dir, command.durationGiven ? command.durationMs : null));
      }
      return (await import('./snapshot-mode.js')).runSnapshot(command);
    case 'console':
      return (await import('./console-mode.js')).runConsoleMode(command);
    case 'replay':
      return (await import('./console-mode.js')).runReplayMode(command);
    case 'store-replay':
      return (await import('./console-mode.js')).runStoreReplayMode(command);
    case 'recorder':
      return (await import('./store-mode.js')).runRecorder(command);
    case 'store-snapshot': {
      const [{ storeSnapshot }, { printReport }] = await Promise.all([import('./store-mode.js'), import('./print-report.js')]);
      return printReport(await storeSnapshot(command), { format: command.format });
    }
    case 'recorder-admin':
      return (await import('./recorder-admin.js')).runRecorderAdmin(command);
    case 'agent':
      return (await import('./agent-mode.js')).runAgent(command);
    case 'ssh':
      return (await import('./ssh-mode.js')).runSshMode(command);
    case 'fleet':
      return (await import('./fleet-mode.js')).runFleetMode(command);
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
