/**
 * The heap watchdog: every 10 s it looks at V8's used heap. Past the warning
 * level it says so on the status line (and in the message log), at most once
 * a minute; past the stop level it ends the console the clean way (terminal
 * restored, one line, exit 70) before the server pays for it. sitrep's own
 * structures are bounded (ARCHITECTURE.md, Bounds): a heap this large is a bug.
 */

/** Used heap past which sitrep warns. */
export const HEAP_WARN_BYTES = 384 * 1024 * 1024;
/** Used heap past which sitrep stops: well above the largest bounded state, below the bundle's V8 cap. */
export const HEAP_STOP_BYTES = 768 * 1024 * 1024;
const EVERY_MS = 10_000;
const AGAIN_MS = 60_000;

/** The warning for `heapUsed` at `now`, or null (under the level, or warned less than a minute ago). */
export function heapWarning(heapUsed: number, now: number, lastWarnedAt: number | null): string | null {
  if (heapUsed < HEAP_WARN_BYTES) return null;
  if (lastWarnedAt !== null && now - lastWarnedAt < AGAIN_MS) return null;
  return `memory: sitrep's heap is at ${Math.round(heapUsed / 2 ** 20)} MiB (warning at ${HEAP_WARN_BYTES / 2 ** 20}): a bug, please report it; q quits`;
}

/** Starts the watchdog; `note` puts a warning on screen, `stop` ends the console with a sentence. Returns its stop. */
export function startHeapWatchdog(note: (text: string) => void, stop: (text: string) => void, heapUsed: () => number = () => process.memoryUsage().heapUsed): () => void {
  let last: number | null = null;
  const timer = setInterval(() => {
    const now = Date.now();
    const used = heapUsed();
    if (used >= HEAP_STOP_BYTES) {
      clearInterval(timer);
      return stop(`stopped: sitrep's heap reached ${Math.round(used / 2 ** 20)} MiB (limit ${HEAP_STOP_BYTES / 2 ** 20}): a bug, please report it`);
    }
    const text = heapWarning(used, now, last);
    if (text) {
      last = now;
      note(text);
    }
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
