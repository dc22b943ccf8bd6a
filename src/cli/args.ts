/**
 * Command-line parsing: a pure function from argv to a typed command or an
 * error. Node's util.parseArgs splits the words by the option table
 * (options.ts); this file decides what they mean together.
 */
import { parseArgs as splitArgs } from 'node:util';
import { OPTIONS, optionNamed, type OptionMode } from './options.js';
import { DEMOS, type DemoName } from './options-types.js';
import { storeCommand, type StoreCommand } from './store-args.js';

export { DEMOS, type DemoName } from './options-types.js';

/** What a snapshot prints: the JSON report, or OpenMetrics text for Prometheus. */
export type SnapshotFormat = 'json' | 'openmetrics';

/** What the user asked for. */
export type CliCommand =
  | ({ readonly kind: 'console'; readonly intervalMs: number; readonly readOnly: boolean; readonly noColor: boolean; readonly ascii: boolean; readonly record: string | null; readonly dir: string | null; readonly network: boolean; readonly mouse: boolean; readonly memory?: boolean } & LogArgs)
  | { readonly kind: 'replay'; readonly file: string; readonly noColor: boolean; readonly ascii: boolean; readonly dir: string | null }
  | ({ readonly kind: 'snapshot'; readonly intervalMs: number; readonly durationMs: number; readonly format: SnapshotFormat; readonly textfile: string | null; readonly atSeconds: number | null; readonly replay: string | null; readonly dir: string | null; readonly durationGiven: boolean } & LogArgs)
  | StoreCommand
  | ReportCommand
  | { readonly kind: 'agent'; readonly intervalMs: number; readonly summaryMs: number | null }
  | ({ readonly kind: 'ssh'; readonly host: string; readonly intervalMs: number; readonly readOnly: boolean; readonly record: string | null; readonly noColor: boolean; readonly ascii: boolean } & RemoteArgs)
  | ({ readonly kind: 'fleet'; readonly hosts: readonly string[]; readonly hostsFile: string | null; readonly intervalMs: number; readonly prometheus: PrometheusArgs | null; readonly json: boolean; readonly readOnly: boolean; readonly noColor: boolean; readonly ascii: boolean } & RemoteArgs)
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

/** `sitrep report`: from a recording, the store's window, this machine for a while, or a demo. */
export interface ReportCommand {
  readonly kind: 'report';
  readonly file: string | null;
  readonly store: string | null;
  readonly storeGiven: boolean;
  readonly since: string | null;
  readonly until: string | null;
  readonly durationMs: number | null;
  readonly demo: DemoName | null;
  readonly json: boolean;
  readonly intervalMs: number;
}

/** Where logs come from (--journal-dir, --log-file), and which demo replaces the machine (--demo). */
export interface LogArgs {
  readonly journalDir: string | null;
  readonly logFile: string | null;
  readonly demo: DemoName | null;
}

/** How a remote host is reached: ssh options (after `--`), the host's node, sudo. */
export interface RemoteArgs {
  readonly sshOptions: readonly string[];
  readonly remoteNode: string | null;
  readonly sudo: boolean;
  /** A host without node: offer the copy (ask), send it (--copy), or never (--no-copy). */
  readonly copy: 'ask' | 'yes' | 'no';
}

/** `fleet --prometheus URL`: where, the auth file, the ssh map file. */
export interface PrometheusArgs {
  readonly url: string;
  readonly authFile: string | null;
  readonly sshMap: string | null;
}

/** The option values util.parseArgs gives back, by long name. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

const SPLIT_OPTIONS = Object.fromEntries(
  OPTIONS.map((o) => [o.name, { type: o.value ? ('string' as const) : ('boolean' as const), ...(o.short ? { short: o.short } : {}) }]),
);
const MODE_NAMES: Record<OptionMode, string> = { report: 'report', console: 'the live console', snapshot: 'snapshot', replay: 'replay', record: 'record --store', recorder: 'recorder', agent: 'agent', ssh: 'ssh', fleet: 'fleet' };
const MIN_INTERVAL_S = 0.2;
const error = (message: string) => ({ kind: 'error' as const, message });

/** A number of seconds of at least `min`, or the message saying why not. */
export function seconds(name: string, value: string | undefined, min: number): number | string {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n)) return `${name} needs a number of seconds`;
  if (n < min) return `${name} must be at least ${min}`;
  return n;
}

/** `--demo` takes its name optionally: a bare `--demo` is the first demo. */
function withDemoValue(argv: readonly string[]): string[] {
  return argv.flatMap((a, i) => {
    if (a !== '--demo') return [a];
    const next = argv[i + 1];
    return next !== undefined && !next.startsWith('-') ? [a] : [`--demo=${DEMOS[0]}`];
  });
}

/** util.parseArgs's error as sitrep words it: "unknown option '--x'", "--dir needs a path". */
function splitError(e: unknown): string {
  const { code, message } = e as { code?: string; message?: string };
  const flag = /'(-[^' ]+)/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${flag}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const spec = optionNamed(flag.replace(/^-+/, ''));
    if (spec?.value) return `${flag} needs ${/FILE|PATH|DIR/.test(spec.value) ? 'a path' : `a value (${spec.value})`}`;
    return `${flag} takes no value`;
  }
  return (message ?? 'bad arguments').split('. ')[0]!;
}

/** The mode the first words name, or an error. */
function modeOf(positionals: readonly string[], values: OptionValues): OptionMode | { error: string } {
  const [head, arg] = positionals;
  if (head === undefined) return 'console';
  if (head === 'snapshot') return values.fleet ? 'fleet' : 'snapshot';
  if (head === 'record') return values.store !== undefined ? 'record' : arg === undefined ? { error: 'record needs a file' } : 'console';
  if (head === 'replay') return 'replay';
  if (head === 'recorder') return 'recorder';
  if (head === 'agent' || head === 'fleet' || head === 'report') return head;
  if (head === 'ssh') return arg === undefined ? { error: 'ssh needs a host: sitrep ssh [user@]host' } : 'ssh';
  return { error: `unknown command '${head}'` };
}

/** Parses arguments (without node and the script path). */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CliCommand {
  // Everything after `--` goes to ssh as it is (ssh and fleet only).
  const cut = argv.indexOf('--');
  const sshOptions = cut < 0 ? [] : argv.slice(cut + 1);
  const words = cut < 0 ? argv : argv.slice(0, cut);
  if (words.includes('--help') || words.includes('-h')) return { kind: 'help' };
  let values: OptionValues;
  let positionals: string[];
  try {
    ({ values, positionals } = splitArgs({ args: withDemoValue(words), options: SPLIT_OPTIONS, strict: true, allowPositionals: true }));
  } catch (e) {
    return error(splitError(e));
  }
  if (values.version) return { kind: 'version' };
  const mode = modeOf(positionals, values);
  if (typeof mode !== 'string') return error(mode.error);
  const head = positionals[0];
  if (cut >= 0 && mode !== 'ssh' && mode !== 'fleet') return error('options after -- go to ssh: only with ssh or fleet');
  const extra = positionals.slice(mode === 'fleet' ? positionals.length : head === 'record' || head === 'replay' || head === 'recorder' || head === 'ssh' || head === 'report' ? 2 : head ? 1 : 0);
  if (extra.length > 0) return error(`unknown command '${extra[0]}'`);
  // An option that does not go with this mode is as unknown here as a misspelt one.
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && !optionNamed(name)!.modes.includes(mode)) return error(`--${name} does not go with ${MODE_NAMES[mode]}`);
  }
  const demo = values.demo as string | undefined;
  if (demo !== undefined && !(DEMOS as readonly string[]).includes(demo)) return error(`unknown demo '${demo}': try ${DEMOS.slice(0, -1).join(', ')} or ${DEMOS.at(-1)}`);
  // NO_COLOR as the admin set it (process-setup.ts moves it to SITREP_NO_COLOR, away from node children).
  const noColorEnv = env.NO_COLOR ?? env.SITREP_NO_COLOR;
  const noColor = values['no-color'] === true || (noColorEnv !== undefined && noColorEnv !== '');
  // The Linux console has no braille and no rounded corners.
  const ascii = values.ascii === true || env.TERM === 'linux';
  const text = (name: string) => (values[name] as string | undefined) ?? null;
  if (mode === 'report') return reportCommand(positionals[1] ?? null, values);
  const isStore = head === 'recorder' || values.store !== undefined || (head === 'replay' && positionals[1] === undefined);
  if (isStore) return storeCommand(head, positionals[1], values, { noColor, ascii });
  if (head === 'replay') {
    if (values.at !== undefined || values.since !== undefined) return error('--at and --since go with a store (replay --store DIR); a file replay seeks with its keys');
    return { kind: 'replay', file: positionals[1]!, noColor, ascii, dir: text('dir') };
  }
  const interval = seconds('--interval', text('interval') ?? '1', MIN_INTERVAL_S);
  if (typeof interval === 'string') return error(interval);
  if (values.copy === true && values['no-copy'] === true) return error('--copy and --no-copy: choose one');
  const copy = values.copy === true ? 'yes' : values['no-copy'] === true ? 'no' : 'ask';
  if (mode === 'agent' || mode === 'ssh' || mode === 'fleet') return remoteCommand(mode, positionals.slice(1), values, interval, { sshOptions, remoteNode: text('remote-node'), sudo: values.sudo === true, copy }, { noColor, ascii });
  const log = { journalDir: text('journal-dir'), logFile: text('log-file'), demo: demo as DemoName | undefined ?? null };
  if (head === 'snapshot') return snapshotCommand(values, interval, log);
  const record = head === 'record' ? positionals[1]! : text('record');
  if (record && log.demo) return error('--record records this machine; it does not record a demo');
  return { kind: 'console', intervalMs: interval * 1000, readOnly: values['read-only'] === true, noColor, ascii, ...log, record, dir: text('dir'), network: values['no-network'] !== true, mouse: values['no-mouse'] !== true, ...(values['no-memory'] === true ? { memory: false } : {}) };
}

function snapshotCommand(values: OptionValues, interval: number, log: LogArgs): CliCommand {
  const duration = seconds('--duration', (values.duration as string | undefined) ?? '2', 0.5);
  if (typeof duration === 'string') return error(duration);
  const format = values.format ?? (values.json ? 'json' : undefined);
  if (format === undefined) return error('snapshot needs --json or --format openmetrics');
  if (format !== 'json' && format !== 'openmetrics') return error(`unknown format '${String(format)}': try json or openmetrics`);
  if (values.json && format !== 'json') return error('--json and --format openmetrics: choose one');
  const textfile = (values.textfile as string | undefined) ?? null;
  if (textfile !== null && format !== 'openmetrics') return error('--textfile writes OpenMetrics: add --format openmetrics');
  if (values.dir !== undefined && format !== 'json') return error('snapshot --dir reports in JSON only');
  let atSeconds: number | null = null;
  if (values.at !== undefined) {
    const at = seconds('--at', values.at as string, 0);
    if (typeof at === 'string') return error(at);
    atSeconds = at;
  }
  const replay = (values.replay as string | undefined) ?? null;
  if (atSeconds !== null && !log.demo && !replay) return error('--at needs --demo NAME, --replay FILE or --store DIR');
  if (values.since !== undefined) return error('--since goes with --store');
  return {
    kind: 'snapshot', intervalMs: Math.min(interval, duration) * 1000, durationMs: duration * 1000, format, textfile, ...log,
    atSeconds, replay, dir: (values.dir as string | undefined) ?? null, durationGiven: values.duration !== undefined,
  };
}

function remoteCommand(mode: 'agent' | 'ssh' | 'fleet', words: readonly string[], values: OptionValues, interval: number, remote: RemoteArgs, look: { noColor: boolean; ascii: boolean }): CliCommand {
  const text = (name: string) => (values[name] as string | undefined) ?? null;
  if (mode === 'agent') {
    const summary = text('summary') === null ? null : seconds('--summary', text('summary')!, 1);
    if (typeof summary === 'string') return error(summary);
    return { kind: 'agent', intervalMs: interval * 1000, summaryMs: summary === null ? null : summary * 1000 };
  }
  const readOnly = values['read-only'] === true;
  if (mode === 'ssh') return { kind: 'ssh', host: words[0]!, intervalMs: interval * 1000, readOnly, record: text('record'), ...look, ...remote };
  const url = text('prometheus');
  if (url === null && (text('prometheus-auth') !== null || text('ssh-map') !== null)) return error('--prometheus-auth and --ssh-map go with --prometheus URL');
  if (url !== null && (words.length > 0 || text('hosts') !== null)) return error('fleet --prometheus reads its hosts from Prometheus: no HOST… or --hosts');
  if (words.length === 0 && text('hosts') === null && url === null) return error('fleet needs hosts: sitrep fleet HOST…, --hosts FILE or --prometheus URL');
  const prometheus = url === null ? null : { url, authFile: text('prometheus-auth'), sshMap: text('ssh-map') };
  // From Prometheus, a refresh every 5 s unless --interval says otherwise.
  const intervalMs = prometheus && text('interval') === null ? 5000 : interval * 1000;
  // `snapshot --json --fleet HOST…` is the fleet's table for scripts, as `fleet --json`.
  return { kind: 'fleet', hosts: words, hostsFile: text('hosts'), intervalMs, prometheus, json: values.json === true || values.fleet === true, readOnly, ...look, ...remote };
}

function reportCommand(file: string | null, values: OptionValues): CliCommand {
  const text = (name: string) => (values[name] as string | undefined) ?? null;
  const interval = seconds('--interval', text('interval') ?? '1', MIN_INTERVAL_S);
  if (typeof interval === 'string') return error(interval);
  let durationMs: number | null = null;
  if (text('duration') !== null) {
    const d = seconds('--duration', text('duration')!, 1);
    if (typeof d === 'string') return error(d);
    durationMs = d * 1000;
  }
  const storeGiven = values.store !== undefined;
  const sources = [file !== null, storeGiven, durationMs !== null, values.demo !== undefined].filter(Boolean).length;
  if (sources !== 1) return error('report needs one of: a recording FILE, --store DIR, --duration S (this machine), --demo NAME');
  if ((text('since') !== null || text('until') !== null) && !storeGiven) return error('--since and --until go with --store');
  if (storeGiven && text('store') === '') return error('--store needs a directory');
  return {
    kind: 'report', file, store: text('store'), storeGiven, since: text('since'), until: text('until'), durationMs,
    demo: (text('demo') as DemoName | null), json: values.json === true, intervalMs: interval * 1000,
  };
}
