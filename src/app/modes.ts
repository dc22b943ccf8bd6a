/** The console's modes beyond the live one: replay a recording, or record while live. */
import { statSync } from 'node:fs';
import { readOnlyActions } from '../effects/live-actions.js';
import type { Self } from '../effects/intents.js';
import { forEachMessage, openRecording } from '../record/reader.js';
import type { RecordingHeader } from '../record/codec.js';
import { initialModel, reduce } from '../model/model.js';
import { snapshotReport } from '../report/snapshot.js';
import { Recorder } from '../record/recorder.js';
import { ReplaySource } from '../sources/replay-source.js';
import type { ConsoleOptions } from './console.js';
import { formatSize } from '../effects/format-size.js';
import { REFUSALS } from '../effects/refusals.js';
import { sanitize } from '../text/sanitize.js';

/** The header of a recording file and its size, or a one-line error. */
async function open(file: string): Promise<{ header: RecordingHeader; bytes: number } | { error: string }> {
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `no such file: ${file}` : code === 'EACCES' ? `permission denied: ${file}` : `cannot read ${file}: ${code}` };
  }
  const header = await openRecording(file);
  return 'error' in header ? header : { header, bytes };
}

/** `snapshot --replay FILE --at S`: the report of the recorded machine S seconds in (the end by default), read as a stream. */
export async function replaySnapshot(file: string, atSeconds: number | null): Promise<Record<string, unknown> | { error: string }> {
  const opened = await open(file);
  if ('error' in opened) return opened;
  const { header } = opened;
  const until = atSeconds === null ? Infinity : header.startedAt + atSeconds * 1000;
  let model = reduce(initialModel(600), header.stream);
  const problem = await forEachMessage(file, header, (m) => {
    if (m.t > until) return false;
    model = reduce(model, m);
    return true;
  });
  const reached = ((model.lastSampleAt ?? header.startedAt) - header.startedAt) / 1000;
  const report = snapshotReport(model, { elapsedSeconds: reached });
  // Asked for a moment past the end: the report is the last sample, and says so.
  const beyond = atSeconds !== null && atSeconds > reached + 1 ? `asked for ${atSeconds} s; the recording ends at ${Math.round(reached)} s: this is its last sample` : null;
  return { ...report, replay: { file, startedAt: new Date(header.startedAt).toISOString(), atSeconds: Math.round(reached * 10) / 10, beyondEnd: beyond, problem } };
}

/** What replay needs for the console, or a one-line error. */
export async function replayOptions(file: string, noColor: boolean, self: Self): Promise<ConsoleOptions | { error: string }> {
  const opened = await open(file);
  if ('error' in opened) return opened;
  const replay = new ReplaySource(file, opened.header, opened.bytes);
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
        return s.state === 'recording' ? { text: `LIVE · ● REC ${formatSize(s.bytes)}`, alert: false } : { text: `LIVE · REC STOPPED: ${s.why}`, alert: true };
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
