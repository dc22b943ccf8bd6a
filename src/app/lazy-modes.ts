/**
 * Every mode that draws or samples, in one module. The bundle carries it as
 * text (src/build/bundle.mjs) and evaluates it only when such a mode runs
 * (load-modes.ts), so `--version`, `--help` and `snapshot --dir` never compile
 * its code. Inside it, the console modes are evaluated at once and every
 * other mode on its first call (a dynamic import: its module, and the Ink it
 * may draw with, stay unevaluated), so a console that shows only panes never
 * evaluates React, Ink or yoga (src/app/console-frames.ts).
 */
export { runConsoleMode, runReplayMode, runStoreReplayMode } from './console-mode.js';

type Later<F extends (...a: never[]) => unknown> = (...a: Parameters<F>) => Promise<Awaited<ReturnType<F>>>;

type Modes = {
  runSnapshot: Later<typeof import('../report/snapshot-mode.js').runSnapshot>;
  runRecorder: Later<typeof import('../recorder/store-mode.js').runRecorder>;
  storeSnapshot: Later<typeof import('../recorder/store-mode.js').storeSnapshot>;
  runRecorderAdmin: Later<typeof import('../recorder/recorder-admin.js').runRecorderAdmin>;
  runReport: Later<typeof import('../report/report-mode.js').runReport>;
  runAgent: Later<typeof import('../remote/agent-mode.js').runAgent>;
  runSshMode: Later<typeof import('../remote/ssh-mode.js').runSshMode>;
  runFleetMode: Later<typeof import('../remote/fleet-mode.js').runFleetMode>;
};

/** The snapshot (`sitrep snapshot`). */
export const runSnapshot: Modes['runSnapshot'] = async (...a) => (await import('../report/snapshot-mode.js')).runSnapshot(...a);
/** The recorder (`sitrep recorder`). */
export const runRecorder: Modes['runRecorder'] = async (...a) => (await import('../recorder/store-mode.js')).runRecorder(...a);
/** A snapshot of the store at a moment. */
export const storeSnapshot: Modes['storeSnapshot'] = async (...a) => (await import('../recorder/store-mode.js')).storeSnapshot(...a);
/** The recorder's administration (install, status, remove). */
export const runRecorderAdmin: Modes['runRecorderAdmin'] = async (...a) => (await import('../recorder/recorder-admin.js')).runRecorderAdmin(...a);
/** The incident report (`sitrep report`). */
export const runReport: Modes['runReport'] = async (...a) => (await import('../report/report-mode.js')).runReport(...a);
/** The remote agent. */
export const runAgent: Modes['runAgent'] = async (...a) => (await import('../remote/agent-mode.js')).runAgent(...a);
/** A remote host's console over SSH. */
export const runSshMode: Modes['runSshMode'] = async (...a) => (await import('../remote/ssh-mode.js')).runSshMode(...a);
/** The fleet. */
export const runFleetMode: Modes['runFleetMode'] = async (...a) => (await import('../remote/fleet-mode.js')).runFleetMode(...a);
