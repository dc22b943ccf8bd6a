/**
 * The full screen of `fleet --prometheus`, on the console's loop with the
 * keymap's `fleet` context (fleet-loop.tsx): the table redrawn at each refresh;
 * ↑/↓ select (the selection follows the instance as rows re-sort); Enter
 * hands the terminal to `sitrep ssh TARGET` (a child process: the console over
 * SSH, where Esc or q comes back); q quits. Prometheus not answering is the
 * status line, and the last table stays, marked stale.
 */
import { spawn } from 'node:child_process';
import type { CliCommand } from '../cli/args.js';
import type { Screen } from '../app/screen-loop.js';
import { startFleetLoop } from './fleet-loop.js';
import { promFleetLines, sortPromFleet } from '../panes/prom-fleet-lines.js';
import { PromFleetTable } from '../../ui/PromFleetTable.js';
import { sshTarget } from './prometheus-targets.js';
import type { PromHost } from '../model/prometheus-rows.js';

type FleetCommand = Extract<CliCommand, { kind: 'fleet' }>;

/** `sitrep ssh` to `target` with the fleet's remote options, as an argv (no shell). */
export function sshChildArgv(target: string, command: FleetCommand): string[] {
  return [
    process.argv[1]!, 'ssh', target,
    ...(command.readOnly ? ['--read-only'] : []), ...(command.noColor ? ['--no-color'] : []), ...(command.ascii ? ['--ascii'] : []),
    ...(command.remoteNode ? ['--remote-node', command.remoteNode] : []), ...(command.sudo ? ['--sudo'] : []),
    ...(command.sshOptions.length ? ['--', ...command.sshOptions] : []),
  ];
}

/** What the screen reads and drives of the fleet (prometheus-fleet.ts's PromFleet), named here so the two files do not import each other. */
export interface PromFleetView {
  readonly hosts: readonly PromHost[];
  readonly error: string | null;
  status(): { readonly text: string; readonly alert: boolean };
  start(intervalMs: number, changed: () => void): void;
  stop(): void;
}

/** Runs the screen until q or a signal. */
export async function runPromFleetScreen(fleet: PromFleetView, overrides: ReadonlyMap<string, string>, command: FleetCommand): Promise<number | NodeJS.Signals> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('sitrep: fleet needs a terminal; for scripts use sitrep fleet --json --prometheus URL\n');
    return 2;
  }
  let note: string | null = null;
  /** Enter: `sitrep ssh TARGET` as a child, the terminal handed over until it exits. */
  const open = (instance: string, loop: Screen): void => {
    const target = sshTarget(instance, overrides);
    if (!target) {
      note = `no SSH target for that instance: add it to --ssh-map`;
      return;
    }
    note = null;
    loop.handOver();
    // The console over SSH owns the terminal until it ends; SIGINT there is its own.
    const child = spawn(process.execPath, sshChildArgv(target, command), { stdio: 'inherit', env: { ...process.env, SITREP_FLEET_BACK: '1' } });
    const back = (code: number | null): void => {
      if (loop.closed()) return;
      if (code) note = `sitrep ssh ${target} ended (${code})`;
      loop.takeBack();
    };
    child.on('exit', (code) => back(code));
    child.on('error', () => back(127));
  };
  const table = (selected: number, width: number, height: number) => {
    const status = fleet.status();
    const text = note ? `${note} · ${status.text}` : status.text;
    return <PromFleetTable lines={promFleetLines(fleet.hosts, fleet.error !== null)} selected={selected} status={text} alert={status.alert || note !== null} width={width} height={height} />;
  };
  const screen = startFleetLoop({
    noColor: command.noColor,
    ascii: command.ascii,
    ids: () => sortPromFleet(fleet.hosts).map((h) => h.instance),
    table,
    open,
    closing: () => fleet.stop(),
  });
  fleet.start(command.intervalMs, () => screen.scheduleData());
  screen.schedule();
  const end = await screen.done;
  return 'signal' in end ? end.signal : end.code;
}
