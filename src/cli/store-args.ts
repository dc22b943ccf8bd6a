/**
 * The flight recorder's commands: `record --store`, `replay --store` (or
 * `replay` alone: the default store), `snapshot --json --store`, and
 * `recorder install|status|uninstall`. Pure: parsed words in, a command or an error out.
 */
import { parseSize, parseSpan } from './time-spec.js';

/** How the recorder records. */
export interface RecorderSettings {
  /** null: the default store (store.ts defaultStore). */
  readonly store: string | null;
  readonly intervalMs: number;
  readonly maxBytes: number;
  readonly maxAgeMs: number;
  readonly segmentMs: number;
  /** --alert-command: the program and its arguments (split on spaces, no shell), or null. */
  readonly alertCommand: readonly string[] | null;
  /** --alert-horizon: warn when a disk is full within this (default 1 h). */
  readonly alertHorizonMs: number;
  /** --alert-hold: an alert resolves once clear this long (default 10 min). */
  readonly alertHoldMs: number;
}

/** A flight-recorder command. */
export type StoreCommand =
  | ({ readonly kind: 'recorder'; readonly journalDir: string | null; readonly logFile: string | null } & RecorderSettings)
  | ({ readonly kind: 'recorder-admin'; readonly action: 'install' | 'status' | 'uninstall' } & RecorderSettings)
  | { readonly kind: 'store-replay'; readonly store: string | null; readonly at: string | null; readonly noColor: boolean; readonly ascii: boolean }
  | { readonly kind: 'store-snapshot'; readonly store: string | null; readonly at: string | null; readonly format: 'json' | 'openmetrics' };

/** The recorder's defaults: a sample every 5 s, 500 MiB, 14 days, hourly segments. */
export const RECORDER_DEFAULTS = { intervalMs: 5000, maxBytes: 500 * 2 ** 20, maxAgeMs: 14 * 86_400_000, segmentMs: 3_600_000, alertCommand: null, alertHorizonMs: 3_600_000, alertHoldMs: 600_000 } as const;

type Values = Readonly<Record<string, string | boolean | undefined>>;

/**
 * The store command for the first words `head arg` and the option `values`
 * util.parseArgs gave (args.ts has checked that each option goes with it).
 */
export function storeCommand(head: string | undefined, arg: string | undefined, values: Values, look: { noColor: boolean; ascii: boolean }): StoreCommand | { kind: 'error'; message: string } {
  const error = (message: string) => ({ kind: 'error' as const, message });
  if (head === 'recorder' && arg !== 'install' && arg !== 'status' && arg !== 'uninstall') return error('recorder needs install, status or uninstall');
  const settings: { -readonly [K in keyof RecorderSettings]: RecorderSettings[K] } = { store: null, ...RECORDER_DEFAULTS };
  const text = (name: string) => values[name] as string | undefined;
  if (text('store') !== undefined) {
    if (text('store') === '') return error('--store needs a directory');
    settings.store = text('store')!;
  }
  if (text('interval') !== undefined) {
    const n = Number(text('interval'));
    if (!Number.isFinite(n) || n < 0.2) return error('--interval needs a number of seconds, at least 0.2');
    settings.intervalMs = n * 1000;
  }
  if (text('max-size') !== undefined) {
    const n = parseSize(text('max-size')!);
    if (n === null || n < 2 ** 20) return error('--max-size needs a size of at least 1M (500M, 2G)');
    settings.maxBytes = n;
  }
  for (const name of ['max-age', 'segment', 'alert-horizon', 'alert-hold'] as const) {
    if (text(name) === undefined) continue;
    const n = parseSpan(text(name)!);
    if (n === null || n < 1000) return error(`--${name} needs a span (14d, 12h, 30min)`);
    if (name === 'max-age') settings.maxAgeMs = n;
    else if (name === 'segment') settings.segmentMs = n;
    else if (name === 'alert-horizon') settings.alertHorizonMs = n;
    else settings.alertHoldMs = n;
  }
  if (text('alert-command') !== undefined) {
    const words = text('alert-command')!.split(/\s+/).filter(Boolean);
    if (words.length === 0) return error('--alert-command needs a program');
    settings.alertCommand = words;
  }
  const at = text('at') ?? text('since') ?? null;
  if (head === 'record') return { kind: 'recorder', ...settings, journalDir: text('journal-dir') ?? null, logFile: text('log-file') ?? null };
  if (head === 'recorder') return { kind: 'recorder-admin', action: arg as 'install' | 'status' | 'uninstall', ...settings };
  if (head === 'replay') return { kind: 'store-replay', store: settings.store, at, ...look };
  if (head === 'snapshot') {
    const format = values.format ?? (values.json ? 'json' : undefined);
    if (format !== 'json' && format !== 'openmetrics') return error('snapshot needs --json or --format openmetrics');
    return { kind: 'store-snapshot', store: settings.store, at, format };
  }
  return error('--store goes with record, replay or snapshot');
}
