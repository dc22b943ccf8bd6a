/**
 * The fleet's full screen: the table of hosts, redrawn as rows come, on the
 * console's loop with the keymap's `fleet` context (fleet-loop.tsx): ↑/↓ move
 * the selection (it follows the host, not the line, as the rows re-sort);
 * Enter opens the selected host's console on the same SSH link (the agent
 * switches to the full stream while it is open); Esc or q there comes back.
 * The terminal is restored on q, on a signal and on a crash, and every agent
 * is closed.
 */
import type { CliCommand } from '../cli/args.js';
import { Fleet } from './fleet-hosts.js';
import { runningBundle, type RemoteArgs } from './ssh-argv.js';
import { runConsole } from '../app/console.js';
import type { Screen } from '../app/screen-loop.js';
import { startFleetLoop } from './fleet-loop.js';
import { fleetLines, sortFleet, type FleetEntry } from '../panes/fleet-lines.js';
import { FleetTable } from '../../ui/FleetTable.js';
import { RemoteSession } from '../sources/remote-source.js';
import { readOnlyActions } from '../effects/live-actions.js';
import { REFUSALS } from '../effects/refusals.js';
import { sanitize } from '../text/sanitize.js';

type FleetCommand = Extract<CliCommand, { kind: 'fleet' }>;

/** Runs the fleet screen until q or a signal. */
export async function runFleetScreen(names: readonly string[], remote: RemoteArgs, command: FleetCommand): Promise<number | NodeJS.Signals> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('sitrep: fleet needs a terminal; for scripts use sitrep fleet --json\n');
    return 2;
  }
  let screen: Screen | null = null;
  const fleet = new Fleet(names, remote, runningBundle(), () => screen?.scheduleData());
  const entries = (): FleetEntry[] => fleet.hosts.map((h) => ({ host: h.host, state: fleet.state(h), row: h.row, down: h.down, age: h.rowAt === null ? null : (Date.now() - h.rowAt) / 1000 }));
  /** Enter: the host's console on its link, the terminal handed over until it ends (Esc comes back, a signal ends the fleet too). */
  const open = async (host: string, loop: Screen): Promise<void> => {
    const h = fleet.hosts.find((x) => x.host === host);
    if (!h?.link?.alive || !h.header || !h.hello) return;
    const session = new RemoteSession();
    session.link = h.link;
    session.ownsLink = false;
    session.hello = h.hello;
    session.events.header?.(h.header);
    h.session = session;
    h.link.send({ kind: 'mode', full: true });
    loop.handOver();
    const actionsOff = command.readOnly ? REFUSALS.readOnly : null;
    const name = sanitize(host, 60);
    const end = await runConsole({
      source: session.source(), noColor: command.noColor, ascii: command.ascii, escapeEnds: true, tickMs: 1000,
      actions: actionsOff ? readOnlyActions(actionsOff) : session.actions(), actionsOff, self: h.hello,
      banner: () => {
        const age = Math.round(session.age() ?? 0);
        const stale = session.endedWhy !== null || age > 6;
        return { text: `FLEET ${name} · ${session.endedWhy ? 'LINK DOWN' : stale ? `STALE ${age}s` : `last ${age}s ago`} · Esc back`, alert: stale };
      },
    });
    h.link?.send({ kind: 'mode', full: false });
    h.session = null;
    if ('signal' in end) return loop.end(end);
    loop.takeBack();
  };
  screen = startFleetLoop({
    noColor: command.noColor,
    ascii: command.ascii,
    ids: () => sortFleet(entries()).map((e) => e.host),
    table: (selected, width, height) => <FleetTable lines={fleetLines(entries())} selected={selected} width={width} height={height} />,
    open: (host, loop) => void open(host, loop),
    closing: () => fleet.close(),
  });
  screen.schedule();
  const end = await screen.done;
  return 'signal' in end ? end.signal : end.code;
}
