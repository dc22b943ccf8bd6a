/**
 * Loads lazy-modes.ts. In the bundle it is text (`__SITREP_MODES__`, a
 * CommonJS bundle built apart) evaluated on first use: V8 scans a string
 * literal far faster than it compiles code, so a start that never needs
 * those modes (`--version`, `snapshot --dir`) does not pay for them. A
 * script cannot await at its top, so yoga's wasm is loaded here (or, for the
 * console, when it first needs Ink) and handed over; and the text cannot locate itself, so this module tells it
 * the bundle's path. From source (tests), it is a plain dynamic import.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type { BundleGlobals } from '../stream/bundle-globals.js';

export type { BundleGlobals } from '../stream/bundle-globals.js';

declare const __SITREP_MODES__: string | undefined;
declare const __SITREP_SI__: string | undefined;
/** V8's code cache of the modes text, made at build time by the same node (src/build/modes-cache.mjs), base64; '' when none. */
declare const __SITREP_MODES_CACHE__: string | undefined;

type Modes = typeof import('./lazy-modes.js');


let loaded: Promise<Modes> | null = null;

async function evaluate(text: string, deferInk: boolean): Promise<Modes> {
  const globals = globalThis as BundleGlobals;
  globals.__sitrepLoadYoga = async () => {
    if (globals.__sitrepYoga !== undefined) return;
    const { loadYoga } = await import('yoga-layout/load');
    globals.__sitrepYoga ??= await loadYoga();
  };
  // The console loads yoga when it first needs Ink (src/app/console-frames.ts); the other modes draw with Ink at once.
  if (!deferInk) await globals.__sitrepLoadYoga();
  // systeminformation's text (collectors/hardware/hardware.ts) is this bundle's, made a string only when read.
  if (typeof __SITREP_SI__ === 'string') Object.defineProperty(globals, '__sitrepSiText', { get: () => __SITREP_SI__, configurable: true });
  globals.__sitrepRequire = createRequire(import.meta.url);
  globals.__sitrepBundlePath = fileURLToPath(import.meta.url);
  const module = { exports: {} as Modes };
  // The text is one function expression, compiled as it is (new Function would
  // first join it into a second 1 MB copy that V8 keeps as the script's source).
  // With the build's code cache V8 skips parsing it (about 25 ms and 4 MiB of
  // parser memory); another node or other V8 flags reject the cache, and V8
  // then compiles the text as usual.
  const cache = codeCache();
  const script = new Script(text, { filename: 'sitrep-modes.cjs', cachedData: cache });
  globals.__sitrepModesCache = cache === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'taken';
  const body = script.runInThisContext() as (m: typeof module, e: Modes, r: NodeRequire) => void;
  body(module, module.exports, globals.__sitrepRequire);
  return module.exports;
}

/** Where the bundle's last comment holds the code cache (base64): read from the file, so that no string keeps it once V8 has used it. */
const CACHE_MARK = '/*sitrep-code-cache:';

/** The build's code cache of the modes text, or undefined when there is none. */
function codeCache(): Buffer | undefined {
  if (typeof __SITREP_MODES_CACHE__ !== 'string' || __SITREP_MODES_CACHE__ === '') return undefined;
  // The single executable carries it as a string (it cannot read its script back as a file).
  const inFile = /^in-file:(\d+)$/.exec(__SITREP_MODES_CACHE__);
  if (!inFile) return Buffer.from(__SITREP_MODES_CACHE__, 'base64');
  // Only the file's tail is read: the comment and a little slack (its end).
  let fd: number | null = null;
  try {
    fd = openSync(fileURLToPath(import.meta.url), 'r');
    const tail = Buffer.allocUnsafe(Number(inFile[1]) + CACHE_MARK.length + 64);
    const length = readSync(fd, tail, 0, tail.length, Math.max(0, fstatSync(fd).size - tail.length));
    const at = tail.lastIndexOf(CACHE_MARK, length);
    const end = at < 0 ? -1 : tail.indexOf('*/', at);
    return end < 0 || end > length ? undefined : Buffer.from(tail.toString('latin1', at + CACHE_MARK.length, end), 'base64');
  } catch {
    return undefined;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The modes, evaluated once; `deferInk`: yoga is loaded when Ink is first needed (the console), not now. */
export function loadModes(deferInk = false): Promise<Modes> {
  if (typeof __SITREP_MODES__ !== 'string') return import('./lazy-modes.js');
  loaded ??= evaluate(__SITREP_MODES__, deferInk);
  return loaded;
}
