/**
 * Process settings that must be in place before any other module runs; the
 * entry imports this module first.
 *
 * (libuv's threadpool size cannot be set from here: Node's module loader has
 * already started the pool with UV_THREADPOOL_SIZE from the environment, 4 by
 * default. See ARCHITECTURE.md, Disks, for what that means for hung mounts.)
 *
 * - Colours: Ink's chalk decides colour support from the environment, and turns
 *   colour off entirely when it sees CI=true or a non-TTY. sitrep renders into a
 *   private sink and decides for itself (NO_COLOR, --no-color drop colours in
 *   the cell diff), so chalk is told to emit the 16 basic colours. An explicit
 *   FORCE_COLOR wins.
 * - The heap: V8 lets a fast-allocating process grow its heap to several
 *   times what it keeps alive before it collects (a log flood: a live 30 MiB
 *   in a 130 MiB heap, and growing). The heap growing factor is read at every
 *   collection, so unlike the size limits it can be set from here, under a
 *   plain `node sitrep.mjs`: HEAP_GROWING_PERCENT (see ARCHITECTURE.md, Bounds).
 *   The young generation's growth factor likewise (young-gen.ts).
 * - The optimising compiler: off while quiet, on once busy (optimizer-switch.ts).
 */
import { setFlagsFromString } from 'node:v8';
import { startYoungGenSizing } from './young-gen.js';
import { startOptimizerSwitch } from './optimizer-switch.js';

/** How far V8 may grow the heap past what survived the last collection, in percent. */
const HEAP_GROWING_PERCENT = Number(process.env.SITREP_HEAP_GROWING ?? 20);
if (HEAP_GROWING_PERCENT > 0) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
// The young generation: small while quiet, grown while busy (young-gen.ts); SITREP_YOUNG_GEN=default leaves V8's sizing alone, for comparison.
if (process.env.SITREP_YOUNG_GEN !== 'default') startYoungGenSizing();
// TurboFan off while quiet, on once busy (optimizer-switch.ts).
startOptimizerSwitch();
if (process.env.FORCE_COLOR === undefined) {
  process.env.FORCE_COLOR = '1';
  // A node child (the directory scan) started with both prints "NO_COLOR is ignored" over the screen:
  // the children get FORCE_COLOR alone, and sitrep reads the admin's NO_COLOR from SITREP_NO_COLOR (cli/args.ts).
  if (process.env.NO_COLOR !== undefined) {
    process.env.SITREP_NO_COLOR = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
  }
}
