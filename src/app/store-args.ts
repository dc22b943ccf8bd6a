/**
 * The flight recorder's commands: `record --store`, `replay --store` (or
 * `replay` alone: the default store), `snapshot --json --store`, and
 * `recorder install|status|uninstall`. Pure: argv in, a command or an error out.
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
}

/** A flight-recorder command. */
export type StoreCommand =
  | ({ readonly kind: 'recorder'; readonly journalDir: string | null; readonly logFile: string | null } & RecorderSettings)
  | ({ readonly kind: 'recorder-admin'; readonly action: 'install' | 'status' | 'uninstall' } & RecorderSettings)
  | { readonly kind: 'store-replay'; readonly store: string | null; readonly at: string | null; readonly noColor: boolean; readonly ascii: boolean }
  | { readonly kind: 'store-snapshot'; readonly store: string | null; readonly at: string | null };

/** The recorder's defaults: a sample every 5 s, 500 MiB, 14 days, hourly segments. */
export const RECORDER_DEFAULTS = { intervalMs: 5000, maxBytes: 500 * 2 ** 20, maxAgeMs: 14 * 86_400_000, segmentMs: 3_600_000 } as const;

/** The store command in `argv`, an error, or null when `argv` is not one. */
export function parseStoreCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): StoreCommand | { kind: 'error'; message: string } | null {
  const args = argv.flatMap((a) => (a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  const head = args[0];
  const admin = head === 'recorder' ? args[1] : undefined;
  const isStore = args.includes('--store') || (head === 'replay' && args.length === 1) || (head === 'replay' && (args[1] ?? '').startsWith('--')) || head === 'recorder';
  if (!isStore) return null;
  if (head === 'recorder' && admin !== 'install' && admin !== 'status' && admin !== 'uninstall') return { kind: 'error', message: 'recorder needs install, status or uninstall' };
  const settings: { -readonly [K in keyof RecorderSettings]: RecorderSettings[K] } = { store: null, ...RECORDER_DEFAULTS };
  let at: string | null = null;
  let json = false;
  let journalDir: string | null = null;
  let logFile: string | null = null;
  let noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  let ascii = env.TERM === 'linux';
  for (let i = head === 'recorder' ? 2 : 1; i < args.length; i++) {
    const a = args[i]!;
    const value = () => args[++i];
    if (a === '--store') {
      const v = value();
      if (!v) return { kind: 'error', message: '--store needs a directory' };
      settings.store = v;
    } else if (a === '--interval') {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0.2) return { kind: 'error', message: '--interval needs a number of seconds, at least 0.2' };
      settings.intervalMs = n * 1000;
    } else if (a === '--max-size') {
      const n = parseSize(value() ?? '');
      if (n === null || n < 2 ** 20) return { kind: 'error', message: '--max-size needs a size of at least 1M (500M, 2G)' };
      settings.maxBytes = n;
    } else if (a === '--max-age' || a === '--segment') {
      const n = parseSpan(value() ?? '');
      if (n === null || n < 1000) return { kind: 'error', message: `${a} needs a span (14d, 12h, 30min)` };
      if (a === '--max-age') settings.maxAgeMs = n;
      else settings.segmentMs = n;
    } else if ((a === '--at' || a === '--since') && head !== 'record') {
      const v = value();
      if (!v) return { kind: 'error', message: `${a} needs a moment ("30 min ago", 03:12, 2026-12-01T03:12:00)` };
      at = v;
    } else if (a === '--json' && head === 'snapshot') json = true;
    else if (a === '--journal-dir' || a === '--log-file') {
      const v = value();
      if (!v) return { kind: 'error', message: `${a} needs a path` };
      if (a === '--journal-dir') journalDir = v;
      else logFile = v;
    } else if (a === '--no-color') noColor = true;
    else if (a === '--ascii') ascii = true;
    else return { kind: 'error', message: `unknown option '${a}'` };
  }
  if (head === 'record') return { kind: 'recorder', ...settings, journalDir, logFile };
  if (head === 'recorder') return { kind: 'recorder-admin', action: admin as 'install' | 'status' | 'uninstall', ...settings };
  if (head === 'replay') return { kind: 'store-replay', store: settings.store, at, noColor, ascii };
  if (head === 'snapshot') return json ? { kind: 'store-snapshot', store: settings.store, at } : { kind: 'error', message: 'snapshot needs --json (the only format so far)' };
  return { kind: 'error', message: '--store goes with record, replay or snapshot --json' };
}
