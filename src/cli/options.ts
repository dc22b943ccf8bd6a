/**
 * The one table of sitrep's commands and options. The parser (args.ts),
 * `--help` (usage.ts), the man page and the shell completions (docs.ts) are
 * all made from it, so none of them can list an option the others lack.
 */
import { DEMOS } from './options-types.js';

/** Where an option applies: the live console, a snapshot, a replay, the recorder and its admin commands. */
export type OptionMode = 'console' | 'snapshot' | 'replay' | 'record' | 'recorder' | 'agent' | 'ssh' | 'fleet' | 'report';

/** One option: its long name (without `--`), value placeholder, help line and modes. */
export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  /** The value's placeholder (`SECONDS`, `FILE`); absent for a flag. */
  readonly value?: string;
  readonly help: string;
  readonly modes: readonly OptionMode[];
  /** What a shell completes the value with. */
  readonly complete?: 'file' | 'dir' | readonly string[];
}

/** One command (the first word), with its synopsis and a one-line description. */
export interface CommandSpec {
  readonly name: string;
  readonly synopsis: string;
  readonly help: string;
}

/** The first words sitrep knows, in the order `--help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  { name: '', synopsis: '[--interval S] [--read-only] [--no-network] [--no-mouse] [--no-memory] [--journal-dir DIR | --log-file FILE] [--dir PATH] [--record FILE]', help: 'the live console (the default)' },
  { name: '', synopsis: '--demo [disk-fill | crash-loop | memory-leak]', help: 'an interactive scenario of a real incident: no root, no damage' },
  { name: 'snapshot', synopsis: '--json | --format openmetrics [--duration S] [--textfile DIR] [--demo NAME --at S | --replay FILE [--at S] | --dir PATH | --store DIR [--at TIME] | --fleet HOST…]', help: 'print one report for scripts, tickets and Prometheus' },
  { name: 'record', synopsis: 'FILE [options] | record --store DIR [--interval S] [--max-size 500M] [--max-age 14d] [--segment 1h]', help: 'record the live console to FILE, or record headless into a store' },
  { name: 'replay', synopsis: 'FILE [--dir PATH] | replay [--store DIR] [--at TIME | --since TIME]', help: 'replay a recording, or the store (TIME: "30 min ago", 03:12, 2026-12-01T03:12:00)' },
  { name: 'ssh', synopsis: '[user@]host [--interval S] [--read-only] [--record FILE] [--remote-node PATH] [--copy | --no-copy] [--sudo] [-- ssh options]', help: "the console of another server, over OpenSSH: its node runs this bundle as the agent, nothing installed; a host without Node >= 20.19 runs sitrep's executable, copied once into ~/.cache/sitrep/ (offered, or --copy)" },
  { name: 'fleet', synopsis: 'HOST… | --hosts FILE | --prometheus URL [--prometheus-auth FILE] [--ssh-map FILE] [--json] [--remote-node PATH] [--copy | --no-copy] [--sudo] [-- ssh options]', help: 'one row per server, the most urgent first; Enter opens its console' },
  { name: 'report', synopsis: 'FILE | --store DIR [--since TIME] [--until TIME] | --duration S | --demo NAME [--json]', help: 'the incident as Markdown (--json: the same facts): timeline, culprits, actions taken, figures' },
  { name: 'agent', synopsis: '[--interval S] [--summary S]', help: 'the stream on stdout and intents on stdin, for ssh and fleet (not for people)' },
  { name: 'recorder', synopsis: 'install | status | uninstall [--store DIR] [--interval S] [--max-size SIZE] [--max-age SPAN]', help: 'the flight recorder as a systemd service' },
];

const ALL: readonly OptionMode[] = ['console', 'snapshot', 'replay', 'record', 'recorder', 'agent', 'ssh', 'fleet', 'report'];
const LIVE: readonly OptionMode[] = ['console', 'snapshot', 'record'];

/** Every option sitrep takes. */
export const OPTIONS: readonly OptionSpec[] = [
  { name: 'help', short: 'h', help: 'print this help and exit', modes: ALL },
  { name: 'version', short: 'V', help: 'print the version and exit', modes: ALL },
  { name: 'interval', value: 'SECONDS', help: 'seconds between samples (default 1; the recorder 5; at least 0.2)', modes: [...LIVE, 'recorder', 'agent', 'ssh', 'fleet', 'report'] },
  { name: 'read-only', help: 'turn every action off (kill, stop, delete, block)', modes: ['console', 'ssh', 'fleet'] },
  { name: 'no-network', help: 'do not read the socket tables (no Network pane)', modes: ['console'] },
  { name: 'no-mouse', help: "do not report the mouse (keep the terminal's own text selection); keys do everything the mouse does", modes: ['console'] },
  { name: 'no-memory', help: 'do not read the memory cgroups, vmstat and process memory splits (an empty Memory pane; the bench compares)', modes: ['console'] },
  { name: 'no-color', help: 'draw without colour (also when NO_COLOR is set)', modes: ['console', 'replay', 'ssh', 'fleet'] },
  { name: 'ascii', help: 'draw with ASCII only: no braille, no rounded corners (the default on TERM=linux)', modes: ['console', 'replay', 'ssh', 'fleet'] },
  { name: 'journal-dir', value: 'DIR', help: 'read the journal in DIR (a rescued disk) instead of the running one', modes: LIVE, complete: 'dir' },
  { name: 'log-file', value: 'FILE', help: 'tail a plain log FILE where there is no journald', modes: LIVE, complete: 'file' },
  { name: 'dir', value: 'PATH', help: 'open the drill-down at PATH (snapshot: scan PATH like du -d 1)', modes: ['console', 'snapshot', 'replay'], complete: 'dir' },
  { name: 'demo', value: 'NAME', help: `run a demo scenario instead of this machine (${DEMOS.join(', ')})`, modes: ['console', 'snapshot', 'report'], complete: DEMOS },
  { name: 'record', value: 'FILE', help: 'record the live console to FILE (gzip NDJSON); with ssh, the remote stream, here', modes: ['console', 'ssh'], complete: 'file' },
  { name: 'json', help: 'snapshot, report: print the report as JSON; fleet: print the fleet table once, as JSON', modes: ['snapshot', 'fleet', 'report'] },
  { name: 'format', value: 'FORMAT', help: 'snapshot: json, or openmetrics (Prometheus text)', modes: ['snapshot'], complete: ['json', 'openmetrics'] },
  { name: 'textfile', value: 'DIR', help: "snapshot: write sitrep.prom into DIR atomically, for node_exporter's textfile collector", modes: ['snapshot'], complete: 'dir' },
  { name: 'duration', value: 'SECONDS', help: 'snapshot, report: how long to sample this machine before the report (snapshot: default 2)', modes: ['snapshot', 'report'] },
  { name: 'replay', value: 'FILE', help: 'snapshot: report from a recording', modes: ['snapshot'], complete: 'file' },
  { name: 'at', value: 'TIME', help: 'snapshot or replay: the moment (seconds into a demo or recording; a time in a store)', modes: ['snapshot', 'replay'] },
  { name: 'since', value: 'TIME', help: 'replay --store, report --store: start at TIME ("30 min ago")', modes: ['replay', 'snapshot', 'report'] },
  { name: 'until', value: 'TIME', help: 'report --store: end at TIME (default: the store\'s end)', modes: ['report'] },
  { name: 'store', value: 'DIR', help: 'the flight recorder store (default /var/lib/sitrep as root, else $XDG_STATE_HOME/sitrep)', modes: ['snapshot', 'replay', 'record', 'recorder', 'report'], complete: 'dir' },
  { name: 'remote-node', value: 'PATH', help: "ssh, fleet: the host's node (default: node in its PATH)", modes: ['ssh', 'fleet'] },
  { name: 'copy', help: "ssh, fleet: a host without Node >= 20.19 gets sitrep's executable (gzip, over the same ssh) in ~/.cache/sitrep/<sha256>/, checked before it runs; without it, ssh offers", modes: ['ssh', 'fleet'] },
  { name: 'no-copy', help: 'ssh, fleet: never send the executable to a host without node', modes: ['ssh', 'fleet'] },
  { name: 'sudo', help: 'ssh, fleet: run the agent with sudo -n (it needs NOPASSWD: a password prompt is an error, never a hang)', modes: ['ssh', 'fleet'] },
  { name: 'fleet', help: 'snapshot: the fleet table of the hosts named (as sitrep fleet --json)', modes: ['snapshot', 'fleet'] },
  { name: 'hosts', value: 'FILE', help: 'fleet: the hosts, one per line (# comments)', modes: ['fleet'], complete: 'file' },
  { name: 'summary', value: 'SECONDS', help: 'agent: send a fleet row every SECONDS instead of the stream', modes: ['agent'] },
  { name: 'max-size', value: 'SIZE', help: 'recorder: keep the store under SIZE (default 500M)', modes: ['record', 'recorder'] },
  { name: 'max-age', value: 'SPAN', help: 'recorder: drop segments older than SPAN (default 14d)', modes: ['record', 'recorder'] },
  { name: 'alert-command', value: 'CMD', help: 'recorder: run CMD at each alert start and resolution (words split on spaces, no shell; the alert as JSON on stdin and SITREP_ALERT_* variables)', modes: ['record', 'recorder'], complete: 'file' },
  { name: 'alert-horizon', value: 'SPAN', help: 'recorder: alert when a disk or memory runs out within SPAN (default 1h)', modes: ['record', 'recorder'] },
  { name: 'alert-hold', value: 'SPAN', help: 'recorder: an alert resolves after its condition stayed clear for SPAN (default 10min)', modes: ['record', 'recorder'] },
  { name: 'prometheus', value: 'URL', help: 'fleet: read every host from this Prometheus (node_exporter and sitrep textfile metrics) instead of SSH', modes: ['fleet'] },
  { name: 'prometheus-auth', value: 'FILE', help: "fleet --prometheus: 'bearer TOKEN' or 'basic USER:PASSWORD' read from FILE (never from argv)", modes: ['fleet'], complete: 'file' },
  { name: 'ssh-map', value: 'FILE', help: 'fleet --prometheus: lines INSTANCE SSH-TARGET overriding the rule (the instance without its port)', modes: ['fleet'], complete: 'file' },
  { name: 'segment', value: 'SPAN', help: 'recorder: start a new segment every SPAN (default 1h)', modes: ['record', 'recorder'] },
];

/** The option named `name` (without `--`), or undefined. */
export function optionNamed(name: string): OptionSpec | undefined {
  return OPTIONS.find((o) => o.name === name);
}
