/** `sitrep snapshot` of a live machine, a replay or a demo (loaded only for that command). */
import type { CliCommand, DemoName } from '../cli/args.js';
import { replaySnapshot } from '../app/modes.js';
import { takeSnapshot, snapshotReport } from './snapshot.js';
import { liveSource } from '../sources/live-source.js';
import { demoMessagesTo } from '../../demo/demo-source.js';
import { initialModel, reduce } from '../model/model.js';
import { printReport } from './print-report.js';
import { readHardware } from '../../collectors/hardware/hardware.js';
import { demoHardware } from '../../demo/hardware.js';

/** The demo's state at `seconds`, as `snapshot --json` reports a machine. */
function demoSnapshot(name: DemoName, seconds: number): Record<string, unknown> {
  const model = reduce(demoMessagesTo(name, seconds).reduce(reduce, initialModel(600)), demoHardware(name, Date.now()));
  return snapshotReport(model, { elapsedSeconds: seconds });
}

/** Runs a snapshot (not of a directory: dir-snapshot.ts does that) and returns the exit code. */
export async function runSnapshot(command: Extract<CliCommand, { kind: 'snapshot' }>): Promise<number> {
  const output = { format: command.format, textfile: command.textfile };
  if (command.replay) return printReport(await replaySnapshot(command.replay, command.atSeconds), output);
  if (command.demo) return printReport(demoSnapshot(command.demo, command.atSeconds ?? command.durationMs / 1000), output);
  const log = { journalDir: command.journalDir, logFile: command.logFile };
  // The JSON report names the hardware (host.hardware), read once the window closes; OpenMetrics does not need it.
  const hardware = command.format === 'json' ? () => readHardware() : null;
  return printReport(await takeSnapshot(liveSource({ intervalMs: command.intervalMs, log, bandwidthEverySample: true }), command.durationMs, 60, hardware), output);
}
