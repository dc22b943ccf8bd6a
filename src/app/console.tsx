/**
 * The console entry: wires a source, the store and the UI into the console's
 * loop (screen-loop.ts: the terminal, frames, keys and signals, shared with
 * the fleet screens), which restores the terminal on quit, error, SIGINT,
 * SIGTERM and SIGHUP.
 */
import { mouseHandler } from './console-mouse.js';
import { startStatsHook } from './stats-hook.js';
import { startHeapWatchdog } from './heap-watchdog.js';
import { consoleFrames } from './console-frames.js';
import { pagesOf } from '../panes/measure.js';
import { startScreen, type ScreenEnd } from './screen-loop.js';
import type { KeyContext } from '../view/keymap.js';
import type { ReplayCommand } from '../stream/replay-command.js';
import { helpLines, helpPageRows } from '../view/keymap-help.js';
import type { HardwareMessage, Message, Source } from '../stream/messages.js';
import { initialModel, type ModelState } from '../model/model.js';
import { shownModel, Store, type ListMeasure, type StoreState } from '../view/store.js';
import type { Effect } from '../view/view.js';
import type { Intent, Self } from '../effects/intents.js';
import type { SystemActions } from '../effects/live-actions.js';
import type { AuditedActions, AuditedOutcome } from '../effects/audit-trail.js';
import type { SessionReport } from '../report/session-report.js';
import { DirService, type DirProvider } from '../sources/dir-service.js';

/** What the console needs from outside. */
export interface ConsoleOptions {
  readonly source: Source;
  readonly noColor: boolean;
  /** ASCII only: --ascii or TERM=linux. */
  readonly ascii?: boolean;
  readonly historySeconds?: number;
  /** Runs confirmed actions (live, read-only, demo). */
  readonly actions: SystemActions;
  /** Why actions are off, or null (they are checked again by `actions`). */
  readonly actionsOff: string | null;
  readonly self: Self;
  /** A standing status-line marker (recording, replay, live alerts), read at each frame with the live model. */
  readonly banner?: (model: ModelState) => { readonly text: string; readonly alert: boolean; readonly short?: string } | null;
  /** Scan and watch directories for the drill-down (live); without it, the drill-down shows recorded scans only. */
  readonly liveDirs?: boolean;
  /** A simulated drill-down (demo), given the console's dispatch. */
  readonly dirProvider?: (dispatch: (m: Message) => void) => DirProvider;
  /** A directory to open the drill-down at (--dir). */
  readonly openDir?: string | null;
  /** Given the store's model replacement (replay seeks hand over a restored model). */
  readonly connect?: (replaceModel: (model: ModelState) => void) => void;
  /** Sees every message the store takes (source messages and action results): the recorder. */
  readonly tap?: (message: Message) => void;
  /** The keymap context: 'replay' binds the transport keys, which go to `onReplay`. */
  readonly context?: KeyContext;
  /** Runs a replay transport command. */
  readonly onReplay?: (command: ReplayCommand) => void;
  /** H: why the flight recorder's history cannot open, or null to end this console with HISTORY_EXIT (console-mode.ts switches). */
  readonly history?: () => string | null;
  /** Reads the host's hardware facts (the `i` overlay); without it, the overlay shows what the stream carried (a demo, a recording). */
  readonly hardware?: () => Promise<HardwareMessage>;
  /** Redraw this often even without data, so a banner that ages (a remote link's last sample) keeps moving; a frame whose text did not change is not drawn. */
  readonly tickMs?: number;
  /** Esc on the main screen (no overlay, dialog or drill-down open) ends the console: a fleet's host console goes back to the fleet. */
  readonly escapeEnds?: boolean;
  /** W: the session's incident report, fed every message with the model (live and demo consoles). */
  readonly incident?: SessionReport;
  /** Called when an action finishes (the live source reads units or the journal again). */
  readonly afterAction?: (intent: Intent) => void;
  /** Report the mouse (SGR): click to focus and select, wheel to scroll (--no-mouse: off). */
  readonly mouse?: boolean;
  /** Told the focused pane after each batch of input (the live source reads bandwidth more often while Network has it). */
  readonly onFocus?: (pane: string) => void;
  /** Told what is shown of memory after each key (the live source reads the cgroups each second only while the Memory pane has the focus, smaps_rollup only for the detail's process). */
  readonly watchMemory?: (watch: { readonly pane: boolean; readonly process: { readonly pid: number; readonly startTicks: number } | null }) => void;
  /** Called with the view after keys (the live source walks the socket tables every sample while the Network pane is looked at). */
  readonly onView?: (view: StoreState['view']) => void;
}

function intentText(intent: Intent): string {
  if (intent.kind === 'signal') return `sending ${intent.signal} to ${intent.target.pid}…`;
  if (intent.kind === 'service') return `${intent.verb === 'stop' ? 'stopping' : 'restarting'} ${intent.target.unit}…`;
  if (intent.kind === 'block') return `${intent.op === 'add' ? 'blocking' : 'unblocking'} ${intent.range}…`;
  if (intent.kind === 'persist-journal') return 'making the journal persistent…';
  if (intent.kind === 'delete-path') return `deleting ${intent.path}…`;
  if (intent.kind === 'truncate-path') return `truncating ${intent.path}…`;
  return `truncating ${intent.file.path}…`;
}

/** How the console ended: an exit code, or a signal to die of once restored. */
export type ConsoleEnd = ScreenEnd;

/** The code a console ends with when H asks for the other side (live or history). */
export const HISTORY_EXIT = -75;
/** How long the first frame waits for the first sample before it is drawn without it (ms). */
const FIRST_FRAME_WAIT_MS = 200;

/** Runs the full-screen console until quit; resolves with the exit code. */
export function runConsole(options: ConsoleOptions): Promise<ConsoleEnd> {
  const context: KeyContext = options.context ?? 'live';
  const store = new Store(initialModel(options.historySeconds));
  let drawn: { state: StoreState; width: number; height: number; banner: string | undefined } | null = null;
  // Fault injection for the end-to-end tests: SITREP_FAULT=render throws on the
  // fourth frame, to prove an internal error restores the terminal.
  const fault = process.env.SITREP_FAULT;
  let frameCount = 0;
  // A render or selector error caught by the boundary: the frame is not drawn, the console ends (the loop's fatal path).
  let renderError: Error | null = null;
  const catchRender = (error: Error): void => {
    renderError ??= error;
  };
  const frame = (width: number, height: number, ready: () => boolean) => {
    if (fault === 'render' && ++frameCount === 4) throw new Error('injected render fault (SITREP_FAULT=render)');
    const state = store.getState();
    const prev = drawn;
    const model = shownModel(state);
    const banner = options.banner?.(state.model) ?? null;
    if (prev && prev.width === width && prev.height === height && prev.state.view === state.view &&
      shownModel(prev.state) === model && prev.state.model.events === state.model.events && prev.banner === banner?.text) return null;
    // The terminal is not reading: no frame is built or kept; it redraws in full after the drain.
    if (!ready()) return null;
    const text = frames.frame({ model, live: state.model, view: state.view, width, height, banner, context, readOnly: options.actionsOff !== null && context === 'live', actionsOff: options.actionsOff, sshClients: options.self.sshClients ?? [] }, catchRender);
    // null: Ink is loading (for a dialog, help, an overlay); it asks for this frame again when loaded.
    if (text !== null) drawn = { state, width, height, banner: banner?.text };
    return text;
  };
  const frames = consoleFrames((error) => {
    if (error) catchRender(error);
    screen.schedule();
  });
  const size = () => ({ width: process.stdout.columns || 80, height: process.stdout.rows || 24 });
  /** The context a key or a click is reduced in: this frame's page sizes, the help's size, who runs sitrep. */
  const measureNow = (): ListMeasure => {
    const { width, height } = size();
    const state = store.getState();
    const helpPage = helpPageRows(height);
    const help = { helpPage, helpLines: Math.max(0, helpLines(context).length - helpPage) };
    return { pages: pagesOf(shownModel(state), width, height, state.view), ...help, self: options.self, actionsOff: options.actionsOff, escapeEnds: options.escapeEnds === true };
  };
  const act = (effects: readonly Effect[]): void => {
    if (store.getState().view.quit) return screen.end({ code: 0 });
    effects.forEach(runEffect);
  };
  const onKey = (key: string): void => act(store.dispatchKey(key, measureNow(), undefined, context));
  const onMouse = mouseHandler({ store, size, lineText: (y) => screen.lineText(y), measure: measureNow });
  const screen = startScreen({
    noColor: options.noColor,
    ascii: options.ascii ?? false,
    frame,
    built: () => {
      if (renderError) throw renderError;
    },
    key: onKey,
    mouse: options.mouse ?? false,
    pointer: (event) => act(onMouse(event)),
    afterInput: () => {
      options.onFocus?.(store.getState().view.focus);
      options.onView?.(store.getState().view);
      tellMemory();
    },
    forget: () => (drawn = null),
    tickMs: options.tickMs,
    closing: () => {
      frames.close();
      options.source.stop();
      dirs?.release();
      options.actions.dispose?.();
    },
  });
  const closed = (): boolean => screen.closed();
  const dispatch = (message: Message): void => {
    options.tap?.(message);
    const effects = store.dispatchMessage(message);
    options.incident?.observe(message, store.getState().model);
    effects.forEach((effect) => runEffect(effect));
  };
  const note = (type: 'note' | 'error', text: string): void => dispatch({ kind: 'event', t: Date.now(), type, text });
  const dirs: DirProvider | null = options.dirProvider?.(dispatch) ?? (options.liveDirs ? new DirService(dispatch, (dir) => store.getState().model.dirs.scans.has(dir)) : null);
  /** An outcome as an event: with its audit entry (recorded), and saying so when the trail could not be written. */
  const noteOutcome = (outcome: AuditedOutcome): void => {
    const missing = outcome.trailMissing ? ` — audit trail missing: ${outcome.trailMissing}` : '';
    dispatch({ kind: 'event', t: Date.now(), type: outcome.ok && !missing ? 'note' : 'error', text: `${outcome.text}${missing}`, ...(outcome.audit ? { audit: outcome.audit } : {}) });
  };
  const runIntent = (intent: Intent): void => {
    note('note', intentText(intent));
    options.actions.run(intent).then((outcome) => {
      if (closed()) return;
      noteOutcome(outcome);
      options.afterAction?.(intent);
      const shown = store.getState().view.browse?.path;
      if ((intent.kind === 'delete-path' || intent.kind === 'truncate-path') && shown) dirs?.rescan(shown);
    }).catch((error: unknown) => {
      // An action that throws is reported, never the end of the console.
      if (!closed()) note('error', `action failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const readHardwareFacts = (): void => {
    if (!options.hardware) {
      if (!store.getState().model.hardware) dispatch({ kind: 'hardware', t: Date.now(), facts: null, error: 'no hardware facts from this source (a recording made without pressing i, or a remote host)' });
      return;
    }
    options.hardware().then((m) => !closed() && dispatch(m), (error: unknown) => !closed() && note('error', `hardware: ${error instanceof Error ? error.message : String(error)}`));
  };
  /** The one runner of the view's effects; a failure becomes a status-line error, never an exit. */
  const runEffect = (effect: Effect): void => {
    try {
      if (effect.kind === 'run') runIntent(effect.intent);
      else if (effect.kind === 'cancel-scan') dirs?.cancelScan();
      else if (effect.kind === 'rescan') dirs?.rescan(effect.dir);
      else if (effect.kind === 'hardware') readHardwareFacts();
      else if (effect.kind === 'redraw') screen.redraw();
      else if (effect.kind === 'suspend') screen.suspend();
      else if (effect.kind === 'history') {
        const refused = options.history ? options.history() : 'history: only the live console and a store replay switch between live and the recorded past';
        if (refused) note('error', refused);
        else screen.end({ code: HISTORY_EXIT });
      } else if (effect.kind === 'report') {
        const written = options.incident?.write() ?? { ok: false, text: 'report: not in a replay (sitrep report FILE writes one)' };
        note(written.ok ? 'note' : 'error', written.text);
      } else if (effect.kind === 'replay') options.onReplay?.(effect.command);
      else if (effect.kind === 'refused') void (options.actions as Partial<AuditedActions>).refused?.(effect).then((o) => !closed() && noteOutcome(o));
      else dirs?.show(effect.dir);
    } catch (error) {
      note('error', `failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  let watched = '';
  /** Tells the source what is shown of memory, when it changed. */
  const tellMemory = (): void => {
    if (!options.watchMemory) return;
    const view = store.getState().view;
    const p = view.mode === 'detail' && view.detail ? view.detail.process : null;
    const watch = { pane: view.focus === 'memory', process: p ? { pid: p.pid, startTicks: p.startTicks } : null };
    const key = JSON.stringify(watch);
    if (key === watched) return;
    watched = key;
    options.watchMemory(watch);
  };

  // The first frame waits for the first sample (tens of ms), so that it is a
  // data frame, drawn at once; only when sampling is slow (a hung mount, tens
  // of thousands of processes, a remote host) is the frame without it drawn,
  // after FIRST_FRAME_WAIT_MS. Data then draws at most every 250 ms (issue 32).
  let firstFrame: 'waiting' | 'timed out' | 'drawn' = 'waiting';
  const firstWait = setTimeout(() => {
    if (firstFrame !== 'waiting') return;
    firstFrame = 'timed out';
    screen.drawNow();
  }, FIRST_FRAME_WAIT_MS);
  store.subscribe(() => {
    if (firstFrame === 'drawn') return screen.scheduleData();
    if (store.getState().model.lastSampleAt === null) return firstFrame === 'timed out' ? screen.scheduleData() : undefined;
    firstFrame = 'drawn';
    clearTimeout(firstWait);
    screen.schedule();
  });
  const stopStats = startStatsHook();
  const stopWatchdog = startHeapWatchdog((text) => note('error', text), (text) => {
    screen.end({ code: 70 });
    process.stderr.write(`sitrep: ${text}\n`);
  });
  void screen.done.then(() => {
    stopStats();
    stopWatchdog();
  });
  options.connect?.((model) => store.replaceModel(model));
  options.source.start(dispatch);
  if (options.openDir) store.openDir(options.openDir).forEach(runEffect);
  void screen.done.then(() => clearTimeout(firstWait));
  return screen.done;
}
