/** The console's modes beyond the live one: replay a recording, or record while live. */
import { readFileSync, statSync } from 'node:fs';
import { readOnlyActions } from '../effects/live-actions.js';
import type { Self } from '../effects/intents.js';
import { readRecording, type Recording } from '../record/reader.js';
import { initialModel, reduce } from '../model/model.js';
import { snapshotReport } from './snapshot.js';
import { Recorder } from '../record/recorder.js';
import { ReplaySource } from '../sources/replay-source.js';
import type { ConsoleOptions } from './console.js';
import { formatSize } from '../effects/format-size.js';
import { REFUSALS } from '../effects/refusals.js';
import { sanitize } from '../text/sanitize.js';

/** Reads a recording file, or a one-line error. */
function load(file: string): Recording | { error: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `no such file: ${file}` : code === 'EACCES' ? `permission denied: ${file}` : `cannot read ${file}: ${code}` };
  }
  return readRecording(bytes);
}

/** `snapshot --replay FILE --at S`: the report of the recorded machine S seconds in (the end by default). */
export function replaySnapshot(file: string, atSeconds: number | null): Record<string, unknown> | { error: string } {
  const recording = load(file);
  if ('error' in recording) return recording;
  const until = atSeconds === null ? Infinity : recording.header.startedAt + atSeconds * 1000;
  let model = initialModel(600);
  for (const m of recording.messages) {
    if (m.kind !== 'header' && m.t > until) break;
    model = reduce(model, m);
  }
  const reached = ((model.lastSampleAt ?? recording.header.startedAt) - recording.header.startedAt) / 1000;
  const report = snapshotReport(model, reached * 1000);
  // Asked for a moment past the end: the report is the last sample, and says so.
  const beyond = atSeconds !== null && atSeconds > reached + 1 ? `asked for ${atSeconds} s; the recording ends at ${Math.round(reached)} s: this is its last sample` : null;
  return { ...report, replay: { file, startedAt: new Date(recording.header.startedAt).toISOString(), atSeconds: Math.round(reached * 10) / 10, beyondEnd: beyond, problem: recording.problem } };
}

/** What replay needs for the console, or a one-line error. */
export function replayOptions(file: string, noColor: boolean, self: Self): ConsoleOptions | { error: string } {
  const recording = load(file);
  if ('error' in recording) return { error: recording.error };
  const replay = new ReplaySource(recording);
  const off = REFUSALS.replay;
  return {
    source: replay, noColor, actions: readOnlyActions(off), actionsOff: off, self,
    context: 'replay',
    onReplay: (command) => replay.handleCommand(command),
    connect: (replaceModel) => replay.connect(replaceModel),
    banner: () => replay.banner(),
  };
}

/** Adds a recorder to live console options; `close()` completes the file. */
export function withRecorder(options: ConsoleOptions, file: string): { options: ConsoleOptions; close: () => Promise<void> } {
  const recorder = new Recorder(file);
  return {
    options: {
      ...options,
      tap: (m) => recorder.write(m),
      banner: () => {
        const s = recorder.state();
        return s.state === 'recording' ? { text: `● REC ${formatSize(s.bytes)}`, alert: false } : { text: `REC STOPPED: ${s.why}`, alert: true };
      },
    },
    close: async () => {
      await recorder.close();
      const s = recorder.state();
      const size = (() => {
        try {
          return formatSize(statSync(file).size);
        } catch {
          return '?';
        }
      })();
      process.stderr.write(s.state === 'recording' ? `sitrep: saved to ${sanitize(file, 300)} (${size})\n` : `sitrep: recording stopped (${sanitize(s.why, 200)}); saved to ${sanitize(file, 300)} (${size})\n`);
    },
  };
}
