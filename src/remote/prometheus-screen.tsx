/**
 * The full screen of `fleet --prometheus`: the table redrawn at each refresh;
 * ↑/↓ select (the selection follows the instance as rows re-sort); Enter
 * hands the terminal to `sitrep ssh TARGET` (a child process: the console over
 * SSH, where Esc or q comes back); q quits. Prometheus not answering is the
 * status line, and the last table stays, marked stale.
 */
import { spawn } from 'node:child_process';
import type { CliCommand } from '../cli/args.js';
import { Terminal } from '../term/terminal.js';
import { InkFrames } from '../term/ink-frames.js';
import { decodeKeys } from '../view/keys.js';
import { promFleetLines, sortPromFleet } from '../panes/prom-fleet-lines.js';
import { PromFleetTable } from '../../ui/PromFleetTable.js';
import { sshTarget } from './prometheus-targets.js';
import type { PromHost } from '../model/prometheus-rows.js';

type FleetCommand = Extract<CliCommand, { kind: 'fleet' }>;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

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
export function runPromFleetScreen(fleet: PromFleetView, overrides: ReadonlyMap<string, string>, command: FleetCommand): Promise<number | NodeJS.Signals> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('sitrep: fleet needs a terminal; for scripts use sitrep fleet --json --prometheus URL\n');
    return Promise.resolve(2);
  }
  const out = process.stdout;
  const input = process.stdin;
  const terminal = new Terminal(out, input, command.noColor, command.ascii);
  const frames = new InkFrames(out.columns || 80, out.rows || 24);
  let selected: string | null = null;
  let away = false;
  let note: string | null = null;
  let pending: NodeJS.Immediate | null = null;
  const selectedIndex = () => Math.max(0, sortPromFleet(fleet.hosts).findIndex((h) => h.instance === selected));
  const draw = (): void => {
    pending = null;
    if (away || !terminal.ready()) return;
    const width = out.columns || 80;
    const height = out.rows || 24;
    const status = fleet.status();
    const text = note ? `${note} · ${status.text}` : status.text;
    const frame = frames.frame(<PromFleetTable lines={promFleetLines(fleet.hosts, fleet.error !== null)} selected={selectedIndex()} status={text} alert={status.alert || note !== null} width={width} height={height} />, width, height);
    terminal.draw(frame, width, height);
  };
  const schedule = (): void => {
    pending ??= setImmediate(draw);
  };
  let finish: (end: number | NodeJS.Signals) => void = () => {};
  const done = new Promise<number | NodeJS.Signals>((resolve) => (finish = resolve));
  let closed = false;
  const restore = (): void => terminal.restore();
  const onSignal = Object.fromEntries(SIGNALS.map((s) => [s, () => shutdown(s)])) as Record<(typeof SIGNALS)[number], () => void>;
  const listen = (on: boolean): void => {
    for (const s of SIGNALS) (on ? process.on : process.removeListener).call(process, s, onSignal[s]);
    (on ? input.on : input.removeListener).call(input, 'data', onKeys);
  };
  function shutdown(end: number | NodeJS.Signals): void {
    if (closed) return;
    closed = true;
    fleet.stop();
    if (pending) clearImmediate(pending);
    listen(false);
    process.removeListener('exit', restore);
    terminal.restore();
    frames.close();
    finish(end);
  }
  const open = (instance: string): void => {
    const target = sshTarget(instance, overrides);
    if (!target) {
      note = `no SSH target for that instance: add it to --ssh-map`;
      return schedule();
    }
    note = null;
    away = true;
    listen(false);
    terminal.restore();
    // The console over SSH owns the terminal until it ends; SIGINT there is its own.
    const child = spawn(process.execPath, sshChildArgv(target, command), { stdio: 'inherit', env: { ...process.env, SITREP_FLEET_BACK: '1' } });
    const back = (code: number | null): void => {
      if (closed) return;
      away = false;
      if (code) note = `sitrep ssh ${target} ended (${code})`;
      listen(true);
      terminal.enter();
      terminal.invalidate();
      schedule();
    };
    child.on('exit', (code) => back(code));
    child.on('error', () => back(127));
  };
  function onKeys(data: Buffer): void {
    const sorted = sortPromFleet(fleet.hosts);
    let index = selectedIndex();
    for (const key of decodeKeys(data.toString('utf8'))) {
      if (key === 'q' || key === 'ctrl-c' || key === 'f10') return shutdown(0);
      if (key === 'up' || key === 'k') index = Math.max(0, index - 1);
      else if (key === 'down' || key === 'j') index = Math.min(sorted.length - 1, index + 1);
      else if (key === 'enter' && sorted[index]) {
        selected = sorted[index]!.instance;
        return open(selected);
      }
      selected = sorted[index]?.instance ?? null;
    }
    schedule();
  }
  listen(true);
  process.on('exit', restore);
  out.on('resize', () => {
    terminal.invalidate();
    schedule();
  });
  terminal.enter();
  fleet.start(command.intervalMs, schedule);
  // The status line's ages move between refreshes.
  const ticker = setInterval(schedule, 1000);
  void done.then(() => clearInterval(ticker));
  schedule();
  return done;
}
