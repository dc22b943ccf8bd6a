/**
 * The fleet's full screen: the table of hosts, redrawn as rows come; ↑/↓ move
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
import { Terminal } from '../term/terminal.js';
import { InkFrames } from '../term/ink-frames.js';
import { decodeKeys } from '../view/keys.js';
import { commandFor } from '../view/keymap.js';
import { fleetLines, sortFleet, type FleetEntry } from '../panes/fleet-lines.js';
import { FleetTable } from '../../ui/FleetTable.js';
import { RemoteSession } from '../sources/remote-source.js';
import { readOnlyActions } from '../effects/live-actions.js';
import { REFUSALS } from '../effects/refusals.js';
import { sanitize } from '../text/sanitize.js';

type FleetCommand = Extract<CliCommand, { kind: 'fleet' }>;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs the fleet screen until q or a signal. */
export function runFleetScreen(names: readonly string[], remote: RemoteArgs, command: FleetCommand): Promise<number | NodeJS.Signals> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('sitrep: fleet needs a terminal; for scripts use sitrep fleet --json\n');
    return Promise.resolve(2);
  }
  const out = process.stdout;
  const input = process.stdin;
  const terminal = new Terminal(out, input, command.noColor, command.ascii);
  const frames = new InkFrames(out.columns || 80, out.rows || 24);
  let selectedHost: string | null = null;
  let inConsole = false;
  let pending: NodeJS.Immediate | null = null;
  const fleet = new Fleet(names, remote, runningBundle(), () => schedule());
  const entries = (): FleetEntry[] => fleet.hosts.map((h) => ({ host: h.host, state: fleet.state(h), row: h.row, down: h.down, age: h.rowAt === null ? null : (Date.now() - h.rowAt) / 1000 }));
  const selectedIndex = (sorted: readonly FleetEntry[]) => Math.max(0, sorted.findIndex((e) => e.host === selectedHost));
  const draw = (): void => {
    pending = null;
    if (inConsole || !terminal.ready()) return;
    const width = out.columns || 80;
    const height = out.rows || 24;
    const list = entries();
    const frame = frames.frame(<FleetTable lines={fleetLines(list)} selected={selectedIndex(sortFleet(list))} width={width} height={height} />, width, height);
    terminal.draw(frame, width, height);
  };
  function schedule(): void {
    pending ??= setImmediate(draw);
  }
  let finish: (end: number | NodeJS.Signals) => void = () => {};
  const done = new Promise<number | NodeJS.Signals>((resolve) => (finish = resolve));
  let closed = false;
  const shutdown = (end: number | NodeJS.Signals): void => {
    if (closed) return;
    closed = true;
    fleet.close();
    if (pending) clearImmediate(pending);
    input.removeListener('data', onKeys);
    for (const s of SIGNALS) process.removeListener(s, onSignal[s]);
    process.removeListener('exit', restore);
    terminal.restore();
    frames.close();
    finish(end);
  };
  const restore = (): void => terminal.restore();
  const onSignal = Object.fromEntries(SIGNALS.map((s) => [s, () => shutdown(s)])) as Record<(typeof SIGNALS)[number], () => void>;
  const open = async (host: string): Promise<void> => {
    const h = fleet.hosts.find((x) => x.host === host);
    if (!h?.link?.alive || !h.header || !h.hello) return;
    const session = new RemoteSession();
    session.link = h.link;
    session.ownsLink = false;
    session.hello = h.hello;
    session.events.header?.(h.header);
    h.session = session;
    h.link.send({ kind: 'mode', full: true });
    inConsole = true;
    input.removeListener('data', onKeys);
    for (const s of SIGNALS) process.removeListener(s, onSignal[s]);
    terminal.restore();
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
    inConsole = false;
    if ('signal' in end) return shutdown(end.signal);
    for (const s of SIGNALS) process.on(s, onSignal[s]);
    input.on('data', onKeys);
    terminal.enter();
    terminal.invalidate();
    schedule();
  };
  function onKeys(data: Buffer): void {
    const sorted = sortFleet(entries());
    let index = selectedIndex(sorted);
    for (const key of decodeKeys(data.toString('utf8'))) {
      // The keys go through the keymap, in its fleet context (fleet.* and app.quit).
      const command = commandFor(key, 'normal', 'fleet');
      if (command === 'app.quit') return shutdown(0);
      if (command === 'fleet.up') index = Math.max(0, index - 1);
      else if (command === 'fleet.down') index = Math.min(sorted.length - 1, index + 1);
      else if (command === 'fleet.open' && sorted[index]) {
        selectedHost = sorted[index]!.host;
        void open(selectedHost);
        return;
      }
      selectedHost = sorted[index]?.host ?? null;
    }
    schedule();
  }
  for (const s of SIGNALS) process.on(s, onSignal[s]);
  process.on('exit', restore);
  out.on('resize', () => {
    terminal.invalidate();
    schedule();
  });
  input.on('data', onKeys);
  terminal.enter();
  schedule();
  return done;
}
