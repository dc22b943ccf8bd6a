/** Command-line parsing: a pure function from argv to a typed command or an error. */
import { parseStoreCommand, type StoreCommand } from './store-args.js';

/** What the user asked for. */
export type CliCommand =
  | ({ readonly kind: 'console'; readonly intervalMs: number; readonly readOnly: boolean; readonly noColor: boolean; readonly ascii: boolean; readonly record: string | null; readonly dir: string | null; readonly network: boolean } & LogArgs)
  | { readonly kind: 'replay'; readonly file: string; readonly noColor: boolean; readonly ascii: boolean; readonly dir: string | null }
  | ({ readonly kind: 'snapshot'; readonly intervalMs: number; readonly durationMs: number; readonly json: boolean; readonly atSeconds: number | null; readonly replay: string | null; readonly dir: string | null; readonly durationGiven: boolean } & LogArgs)
  | StoreCommand
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

/** Where logs come from (--journal-dir, --log-file), and which demo replaces the machine (--demo). */
export interface LogArgs {
  readonly journalDir: string | null;
  readonly logFile: string | null;
  readonly demo: DemoName | null;
}

/** The demos `--demo` runs (kept in step with demo/scenario.ts by a test). */
export const DEMOS = ['disk-fill', 'crash-loop'] as const;
/** A demo name. */
export type DemoName = (typeof DEMOS)[number];

/** Short usage text printed by --help and after a usage error. */
export const USAGE = `usage: sitrep [--interval SECONDS] [--read-only] [--no-network] [--no-color] [--ascii] [--journal-dir DIR | --log-file FILE] [--dir PATH]
       sitrep --demo [disk-fill | crash-loop]
       sitrep --record FILE [options] | sitrep record FILE [options]
       sitrep replay FILE [--dir PATH]
       sitrep record --store DIR [--interval S] [--max-size 500M] [--max-age 14d] [--segment 1h]
       sitrep replay [--store DIR] [--at TIME | --since TIME]      (TIME: "30 min ago", 03:12, 2026-12-01T03:12:00)
       sitrep snapshot --json --store DIR [--at TIME]
       sitrep recorder install|status|uninstall [--store DIR] [--interval S] [--max-size SIZE] [--max-age SPAN]
       sitrep snapshot --json [--duration SECONDS] [--interval SECONDS] [--journal-dir DIR | --log-file FILE]
       sitrep snapshot --json --demo NAME --at SECONDS
       sitrep snapshot --json --replay FILE [--at SECONDS]
       sitrep snapshot --json --dir PATH [--duration SECONDS]
       sitrep --help | --version`;

const MIN_INTERVAL_S = 0.2;

function seconds(name: string, value: string | undefined, min: number): number | string {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n)) return `${name} needs a number of seconds`;
  if (n < min) return `${name} must be at least ${min}`;
  return n;
}

/** Parses arguments (without node and the script path). */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CliCommand {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const store = parseStoreCommand(argv, env);
  if (store) return store;
  const args = argv.flatMap((a) => (a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  let mode: 'console' | 'snapshot' | 'replay' = 'console';
  let record: string | null = null;
  let replayFile: string | null = null;
  let interval = 1;
  let duration = 2;
  let readOnly = false;
  let network = true;
  let json = false;
  let noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  // The Linux console has no braille and no rounded corners.
  let ascii = env.TERM === 'linux';
  let journalDir: string | null = null;
  let logFile: string | null = null;
  let demo: DemoName | null = null;
  let dir: string | null = null;
  let durationGiven = false;
  let atSeconds: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') return { kind: 'help' };
    if (a === '--version' || a === '-V') return { kind: 'version' };
    if (a === 'snapshot' && i === 0) mode = 'snapshot';
    else if ((a === 'record' || a === '--record') && mode === 'console') {
      const v = args[++i];
      if (!v) return { kind: 'error', message: `${a} needs a file` };
      record = v;
    } else if (a === 'replay' && i === 0) {
      const v = args[++i];
      if (!v) return { kind: 'error', message: 'replay needs a file' };
      mode = 'replay';
      replayFile = v;
    }
    else if (a === '--interval') {
      const v = seconds('--interval', args[++i], MIN_INTERVAL_S);
      if (typeof v === 'string') return { kind: 'error', message: v };
      interval = v;
    } else if (a === '--duration' && mode === 'snapshot') {
      const v = seconds('--duration', args[++i], 0.5);
      if (typeof v === 'string') return { kind: 'error', message: v };
      duration = v;
      durationGiven = true;
    } else if (a === '--json' && mode === 'snapshot') json = true;
    else if (a === '--read-only' && mode === 'console') readOnly = true;
    else if (a === '--no-network' && mode === 'console') network = false;
    else if (a === '--no-color') noColor = true;
    else if (a === '--ascii') ascii = true;
    else if (a === '--demo') {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('-')) {
        if (!(DEMOS as readonly string[]).includes(next)) return { kind: 'error', message: `unknown demo '${next}': try ${DEMOS.join(' or ')}` };
        demo = next as DemoName;
        i++;
      } else demo = 'disk-fill';
    } else if (a === '--dir') {
      const v = args[++i];
      if (!v) return { kind: 'error', message: '--dir needs a path' };
      dir = v;
    } else if (a === '--replay' && mode === 'snapshot') {
      const v = args[++i];
      if (!v) return { kind: 'error', message: '--replay needs a file' };
      replayFile = v;
    } else if (a === '--at' && mode === 'snapshot') {
      const v = seconds('--at', args[++i], 0);
      if (typeof v === 'string') return { kind: 'error', message: v };
      atSeconds = v;
    } else if (a === '--journal-dir' || a === '--log-file') {
      const v = args[++i];
      if (!v) return { kind: 'error', message: `${a} needs a path` };
      if (a === '--journal-dir') journalDir = v;
      else logFile = v;
    }
    else if (a.startsWith('-')) return { kind: 'error', message: `unknown option '${a}'` };
    else return { kind: 'error', message: `unknown command '${a}'` };
  }
  if (mode === 'replay') return { kind: 'replay', file: replayFile!, noColor, ascii, dir };
  if (mode === 'snapshot') {
    if (!json) return { kind: 'error', message: "snapshot needs --json (the only format so far)" };
    if (atSeconds !== null && !demo && !replayFile) return { kind: 'error', message: '--at needs --demo NAME or --replay FILE' };
    return { kind: 'snapshot', intervalMs: Math.min(interval, duration) * 1000, durationMs: duration * 1000, json, journalDir, logFile, demo, atSeconds, replay: replayFile, dir, durationGiven };
  }
  if (record && demo) return { kind: 'error', message: '--record records this machine; it does not record a demo' };
  return { kind: 'console', intervalMs: interval * 1000, readOnly, noColor, ascii, journalDir, logFile, demo, record, dir, network };
}
