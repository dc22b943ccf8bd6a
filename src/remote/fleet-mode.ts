/**
 * `sitrep fleet HOST… | --hosts FILE`: one row per host, the most urgent
 * first, from agents in summary mode. `--json` prints the table once for
 * scripts (when every host answered, or after 20 s). Without it, a full
 * screen: ↑/↓ select, Enter opens that host's console (a link of its own),
 * q there comes back, q here quits.
 */
import type { CliCommand } from '../cli/args.js';
import { Fleet, fleetHostNames } from './fleet-hosts.js';
import { runningBundle } from './ssh-argv.js';
import { urgency } from '../model/fleet.js';
import { safeJson } from '../text/safe-json.js';
import { sanitize } from '../text/sanitize.js';
import { compareText } from '../text/order.js';

type FleetCommand = Extract<CliCommand, { kind: 'fleet' }>;

/** The fleet table as JSON rows, most urgent first: `host` as named on the command line, `hostname` as the host says. */
export function fleetTable(fleet: Fleet, now = Date.now()): Record<string, unknown>[] {
  return [...fleet.hosts]
    .sort((a, b) => urgency(b.row) - urgency(a.row) || compareText(a.host, b.host))
    .map((h) => ({ ...(h.row ?? {}), host: h.host, hostname: h.row?.host ?? null, state: fleet.state(h, now), error: h.down, rowAgeSeconds: h.rowAt === null ? null : Math.round((now - h.rowAt) / 100) / 10 }));
}

/** Runs the fleet until q (or, with --json, until the table is printed). */
export async function runFleetMode(command: FleetCommand): Promise<number | NodeJS.Signals> {
  if (command.prometheus) return (await import('./prometheus-fleet.js')).runPrometheusFleet(command, command.prometheus);
  let names: string[];
  try {
    names = fleetHostNames(command.hosts, command.hostsFile);
  } catch (error) {
    process.stderr.write(`sitrep: ${sanitize((error as Error).message, 300)}\n`);
    return 2;
  }
  if (names.length === 0) {
    process.stderr.write('sitrep: fleet: no hosts\n');
    return 2;
  }
  const remote = { sshOptions: command.sshOptions, remoteNode: command.remoteNode, sudo: command.sudo, copy: command.copy };
  if (command.json) {
    const fleet: Fleet = new Fleet(names, remote, runningBundle(), () => {});
    const started = Date.now();
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (fleet.hosts.every((h) => h.row || h.down) || Date.now() - started > 20_000) {
          clearInterval(poll);
          resolve();
        }
      }, 100);
    });
    const table = fleetTable(fleet);
    fleet.close();
    process.stdout.write(`${safeJson({ version: 1, time: new Date().toISOString(), hosts: table }, 2)}\n`);
    return table.some((r) => r.state === 'down' || r.state === 'broken') ? 1 : 0;
  }
  const { runFleetScreen } = await import('./fleet-screen.js');
  return runFleetScreen(names, remote, command);
}
