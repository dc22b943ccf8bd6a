/**
 * The flight recorder's modes: the headless recorder (`record --store`), the
 * store replayed as one timeline (`replay --store --at`), and the report of
 * one moment in it (`snapshot --json --store --at`).
 */
import type { StoreCommand } from '../cli/store-args.js';
import { defaultStore, listStore, type StoreListing } from '../record/store.js';
import { openStoreDir } from '../record/store-dir.js';
import { StoreWriter } from '../record/store-writer.js';
import { liveSource } from '../sources/live-source.js';
import { forEachMessage, openRecording } from '../record/reader.js';
import type { RecordingHeader } from '../record/codec.js';
import { initialModel, reduce } from '../model/model.js';
import { snapshotReport } from '../report/snapshot.js';
import { parseMoment, zoneName } from '../cli/time-spec.js';
import { formatTime } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';
import { RecorderAlerts } from './alerts.js';

type Of<K extends StoreCommand['kind']> = Extract<StoreCommand, { kind: K }>;

/** Runs the recorder until SIGTERM, SIGINT or SIGHUP; the segment in progress is completed. */
export async function runRecorder(command: Of<'recorder'>): Promise<number> {
  const dir = command.store ?? defaultStore();
  // Opened once, walking from /; segments are created through the held descriptor (store-dir.ts).
  const opened = openStoreDir(dir, true);
  if ('refused' in opened) {
    process.stderr.write(`sitrep: ${sanitize(opened.refused, 300)}\n`);
    return 2;
  }
  const writer = new StoreWriter(opened.path, { maxBytes: command.maxBytes, maxAgeMs: command.maxAgeMs, segmentMs: command.segmentMs });
  // No scans, no terminal: the live collectors, one sample every interval.
  const source = liveSource({ intervalMs: command.intervalMs, log: { journalDir: command.journalDir, logFile: command.logFile } });
  process.stderr.write(`sitrep recorder: recording to ${sanitize(dir, 200)} every ${command.intervalMs / 1000} s (at most ${Math.round(command.maxBytes / 2 ** 20)} MiB, ${Math.round(command.maxAgeMs / 3_600_000)} h)\n`);
  const alerts = new RecorderAlerts({ command: command.alertCommand, horizonMs: command.alertHorizonMs, holdMs: command.alertHoldMs }, (m) => writer.write(m), (text) => process.stderr.write(`sitrep recorder: ${text}\n`));
  source.start((m) => {
    writer.write(m);
    alerts.push(m);
  });
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(s, () => resolve(s));
  });
  source.stop();
  await writer.close();
  process.stderr.write(`sitrep recorder: stopped (${signal})\n`);
  return 0;
}

/** The store's segments and first header, or a one-line error. */
export async function openStore(store: string | null): Promise<{ dir: string; listing: StoreListing; header: RecordingHeader } | { error: string }> {
  const dir = store ?? defaultStore();
  const opened = openStoreDir(dir, false);
  if ('refused' in opened) return { error: opened.refused };
  // Read through the held descriptor for the life of this process.
  const listing = listStore(opened.path);
  for (const note of listing.refused) process.stderr.write(`sitrep: ${sanitize(note, 300)}\n`);
  const first = listing.segments[0];
  if (!first) return { error: `the store ${dir} holds no recording yet` };
  const header = await openRecording(first.path);
  return 'error' in header ? { error: `${first.name}: ${header.error}` } : { dir, listing, header };
}

/** The moment `at` asks for, or the store's end when null. */
export function momentOf(at: string | null, now = Date.now()): number | { error: string } {
  return at === null ? Infinity : parseMoment(at, now);
}

/** `snapshot --json --store DIR --at TIME`: the report of that moment. */
export async function storeSnapshot(command: Of<'store-snapshot'>): Promise<Record<string, unknown> | { error: string }> {
  const opened = await openStore(command.store);
  if ('error' in opened) return opened;
  const until = momentOf(command.at);
  if (typeof until !== 'number') return until;
  const { listing, header } = opened;
  let model = reduce(initialModel(600), header.stream);
  const problem = await forEachMessage(listing.segments.map((s) => s.path), header, (m) => {
    if (m.t > until) return false;
    model = reduce(model, m);
    return true;
  });
  const reached = model.lastSampleAt ?? header.startedAt;
  const report = snapshotReport(model, { elapsedSeconds: (reached - header.startedAt) / 1000 });
  const beyond = Number.isFinite(until) && until > reached + 2 * header.intervalMs ? `asked for ${formatTime(until)}; the store ends at ${formatTime(reached)}: this is its last sample` : null;
  const before = until < header.startedAt ? `asked for ${formatTime(until)}; the store starts at ${formatTime(header.startedAt)}: this is its first sample` : null;
  return {
    ...report,
    store: { dir: opened.dir, segments: listing.segments.length, refused: listing.refused, oldest: new Date(header.startedAt).toISOString(), at: new Date(reached).toISOString(), zone: zoneName(reached), beyondEnd: beyond ?? before, problem },
  };
}
