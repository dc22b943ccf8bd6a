/**
 * Loads lazy-modes.ts. In the bundle it is text (`__SITREP_MODES__`, a
 * CommonJS bundle built apart) evaluated on first use: V8 scans a string
 * literal far faster than it compiles code, so a start that never needs
 * those modes (`--version`, `snapshot --dir`) does not pay for them. A
 * script cannot await at its top, so yoga's wasm is loaded here first and
 * handed over; and the text cannot locate itself, so this module tells it
 * the bundle's path. From source (tests), it is a plain dynamic import.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { BundleGlobals } from '../stream/bundle-globals.js';

export type { BundleGlobals } from '../stream/bundle-globals.js';

declare const __SITREP_MODES__: string | undefined;

type Modes = typeof import('./lazy-modes.js');


let loaded: Promise<Modes> | null = null;

async function evaluate(text: string): Promise<Modes> {
  const globals = globalThis as BundleGlobals;
  const { loadYoga } = await import('yoga-layout/load');
  globals.__sitrepYoga = await loadYoga();
  globals.__sitrepRequire = createRequire(import.meta.url);
  globals.__sitrepBundlePath = fileURLToPath(import.meta.url);
  const module = { exports: {} as Modes };
  new Function('module', 'exports', 'require', text)(module, module.exports, globals.__sitrepRequire);
  return module.exports;
}

/** The modes, evaluated once. */
export function loadModes(): Promise<Modes> {
  if (typeof __SITREP_MODES__ !== 'string') return import('./lazy-modes.js');
  loaded ??= evaluate(__SITREP_MODES__);
  return loaded;
}
