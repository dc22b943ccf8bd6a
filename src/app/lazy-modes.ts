/**
 * Every mode that draws or samples, in one module. The bundle carries it as
 * text (src/build/bundle.mjs) and evaluates it only when such a mode runs
 * (load-modes.ts), so `--version`, `--help` and `snapshot --dir` never compile
 * its ~650 KB of code (React, Ink, yoga, the panes, the collectors).
 */
export { runConsoleMode, runReplayMode, runStoreReplayMode } from './console-mode.js';
export { runSnapshot } from '../report/snapshot-mode.js';
export { runRecorder, storeSnapshot } from '../recorder/store-mode.js';
export { runRecorderAdmin } from '../recorder/recorder-admin.js';
export { runReport } from '../report/report-mode.js';
export { runAgent } from '../remote/agent-mode.js';
export { runSshMode } from '../remote/ssh-mode.js';
export { runFleetMode } from '../remote/fleet-mode.js';
