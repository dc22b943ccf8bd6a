/**
 * The filesystem part of the incident fold: per filesystem, the rise that led
 * to the peak fill rate, when it became full for users, when it recovered, and
 * the writers with files open on it. Fed the model after each sample.
 */
import { selectFilesystems, MIN_FILL_RATE, type FilesystemView } from '../model/disk-selectors.js';
import { selectWriterGroups } from '../model/writer-selectors.js';
import type { ModelState } from '../model/model.js';
import { isFull } from '../model/suspects.js';
import type { AtValue, Culprit, FilesystemIncident } from './incident-types.js';

/** At most this many writers are followed (the busiest kept); at most this many points per filesystem. */
const MAX_CULPRITS = 500;
const MAX_POINTS = 100_000;
/** A filesystem is in the report when it became full or filled at least this fast. */
export const REPORTED_RATE = 1024 * 1024;

/** One sample of a filesystem: time, used and available bytes. */
export type FsPoint = readonly [t: number, used: number, avail: number];

interface Track {
  view: FilesystemView;
  prev: FsPoint | null;
  runStart: number | null;
  fillStartAt: number | null;
  flaggedAt: number | null;
  peak: AtValue | null;
  fullAt: number | null;
  recoveredAt: number | null;
  availAtFull: number;
  maxAvailAfter: number;
  points: FsPoint[];
}

type CulpritTrack = { -readonly [K in keyof Omit<Culprit, 'files'>]: Culprit[K] } & { files: Map<string, string> };

/** Follows every filesystem and writer over the samples. */
export class DiskFold {
  private readonly tracks = new Map<string, Track>();
  private readonly culprits = new Map<string, CulpritTrack>();

  /** Takes the model after a sample at `t`. */
  add(model: ModelState, t: number): void {
    for (const fs of selectFilesystems(model)) if (fs.known) this.addFs(fs, t);
    for (const group of selectWriterGroups(model)) {
      for (const w of group.writers) {
        if (w.files.length === 0 && w.writeRate === 0) continue;
        const key = `${w.pid}:${w.startTicks}`;
        let c = this.culprits.get(key);
        if (!c) {
          if (this.culprits.size >= MAX_CULPRITS) this.evictQuietest();
          c = { pid: w.pid, startTicks: w.startTicks, comm: w.comm, cmdline: w.cmdline, user: w.user, unit: w.unit ?? group.unit, files: new Map(), bytesWritten: 0, peakRate: { value: 0, t }, firstSeen: t };
          this.culprits.set(key, c);
        }
        c.bytesWritten = Math.max(c.bytesWritten, w.writeBytesTotal);
        if (w.writeRate > c.peakRate.value) c.peakRate = { value: w.writeRate, t };
        for (const f of w.files) if (c.files.size < 5 || c.files.has(f.path)) c.files.set(f.path, f.device);
      }
    }
  }

  private evictQuietest(): void {
    let low: [string, number] | null = null;
    for (const [k, c] of this.culprits) if (!low || c.bytesWritten < low[1]) low = [k, c.bytesWritten];
    if (low) this.culprits.delete(low[0]);
  }

  private addFs(fs: FilesystemView, t: number): void {
    let tr = this.tracks.get(fs.device);
    if (!tr) {
      tr = { view: fs, prev: null, runStart: null, fillStartAt: null, flaggedAt: null, peak: null, fullAt: null, recoveredAt: null, availAtFull: 0, maxAvailAfter: 0, points: [] };
      this.tracks.set(fs.device, tr);
    }
    tr.view = fs;
    const point: FsPoint = [t, fs.usedBytes, fs.availBytes];
    if (tr.points.length < MAX_POINTS) tr.points.push(point);
    // The rise: consecutive samples whose used bytes grew faster than the least fill rate shown.
    const prev = tr.prev;
    const rising = prev !== null && t > prev[0] && (fs.usedBytes - prev[1]) / ((t - prev[0]) / 1000) >= MIN_FILL_RATE;
    if (rising) tr.runStart ??= t;
    else if (!isFull(fs)) tr.runStart = null;
    if (fs.fillRate !== null && fs.fillRate > (tr.peak?.value ?? 0)) {
      tr.peak = { value: fs.fillRate, t };
      tr.fillStartAt = tr.runStart ?? tr.fillStartAt ?? t;
    }
    const full = isFull(fs);
    if (tr.flaggedAt === null && (full || (fs.secondsToFull !== null && fs.secondsToFull <= 3600))) tr.flaggedAt = t;
    if (full && tr.fullAt === null) {
      tr.fullAt = t;
      tr.availAtFull = fs.availBytes;
      tr.maxAvailAfter = fs.availBytes;
    }
    if (tr.fullAt !== null) tr.maxAvailAfter = Math.max(tr.maxAvailAfter, fs.availBytes);
    if (!full && tr.fullAt !== null && tr.recoveredAt === null) tr.recoveredAt = t;
    tr.prev = point;
  }

  /** The points of a filesystem (for the actions' effects). */
  points(device: string): readonly FsPoint[] {
    return this.tracks.get(device)?.points ?? [];
  }

  /** The filesystems that filled fast or became full, most urgent first. */
  incidents(): FilesystemIncident[] {
    const out: FilesystemIncident[] = [];
    for (const tr of this.tracks.values()) {
      if (tr.fullAt === null && (tr.peak?.value ?? 0) < REPORTED_RATE) continue;
      const fs = tr.view;
      const culprits = [...this.culprits.values()]
        .filter((c) => [...c.files.values()].includes(fs.device))
        .sort((a, b) => b.bytesWritten - a.bytesWritten || a.pid - b.pid)
        .slice(0, 3)
        .map((c): Culprit => ({ ...c, files: [...c.files].filter(([, d]) => d === fs.device).map(([p]) => p) }));
      out.push({
        mountPoint: fs.mountPoint, device: fs.device, type: fs.type, sizeBytes: fs.sizeBytes, fillStartAt: tr.fillStartAt, flaggedAt: tr.flaggedAt,
        peakRate: tr.peak, fullAt: tr.fullAt, recoveredAt: tr.recoveredAt, freedBytes: Math.max(0, tr.maxAvailAfter - tr.availAtFull), culprits,
      });
    }
    return out.sort((a, b) => Number(b.fullAt !== null) - Number(a.fullAt !== null) || (b.peakRate?.value ?? 0) - (a.peakRate?.value ?? 0));
  }
}
