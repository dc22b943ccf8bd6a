/**
 * The facts of an incident report (`sitrep report --json`): plain data with
 * times in ms since the epoch, every text raw (the Markdown printer and the
 * terminal sanitize). The JSON schema is generated from these types.
 */

/** A value and the moment it was seen (`replay --at` that time shows it). */
export interface AtValue {
  readonly value: number;
  /** @time */
  readonly t: number;
}

/** A process that wrote to a filesystem while it filled. */
export interface Culprit {
  readonly pid: number;
  readonly startTicks: number;
  readonly comm: string;
  readonly cmdline: string;
  readonly user: string;
  readonly unit: string | null;
  /** Files it held open for writing there (at most 5). */
  readonly files: readonly string[];
  /** Block-layer bytes written over its life, as last seen. */
  readonly bytesWritten: number;
  /** Its peak write rate (bytes/s). */
  readonly peakRate: AtValue;
  /** @time */
  readonly firstSeen: number;
}

/** A filesystem that filled (fast, or to full) in the window. */
export interface FilesystemIncident {
  readonly mountPoint: string;
  readonly device: string;
  readonly type: string;
  readonly sizeBytes: number;
  /** The first sample of the rise that reached the peak: the fill started within one interval before it. @time */
  readonly fillStartAt: number | null;
  /** The first moment sitrep flagged it: an ETA to full under an hour, or full. @time */
  readonly flaggedAt: number | null;
  /** The peak fill rate (bytes/s, the fill-rate window's slope). */
  readonly peakRate: AtValue | null;
  /** When ordinary users could no longer write. @time */
  readonly fullAt: number | null;
  /** When it was writable again after being full. @time */
  readonly recoveredAt: number | null;
  /** Available bytes gained from the full moment to the most after it. */
  readonly freedBytes: number;
  /** The writers there, most bytes first (at most 3). */
  readonly culprits: readonly Culprit[];
}

/** A unit that crashed again and again. */
export interface CrashLoop {
  readonly unit: string;
  readonly description: string;
  /** Restarts (NRestarts) or crash lines counted in the window, the larger. */
  readonly crashes: number;
  /** @time */
  readonly firstAt: number;
  /** @time */
  readonly lastAt: number;
}

/** A source range that flooded connections or log lines. */
export interface Flood {
  readonly range: string;
  readonly peakConnections: AtValue | null;
  readonly peakNewPerSecond: AtValue | null;
  /** Log lines naming it, per minute, at the peak. */
  readonly peakLinesPerMinute: AtValue | null;
  /** @time */
  readonly firstAt: number;
  /** @time */
  readonly lastAt: number;
  /** The units it reached (at most 5). */
  readonly units: readonly string[];
}

/** An OOM kill. */
export interface OomFact {
  /** @time */
  readonly t: number;
  readonly victim: string;
  readonly pid: number | null;
  readonly cgroup: string | null;
}

/** An action from the audit trail, with what it changed. */
export interface ActionFact {
  /** @time */
  readonly t: number;
  readonly action: string;
  readonly outcome: 'ok' | 'failed' | 'refused' | 'changed';
  readonly user: string;
  readonly from: string;
  readonly host: string;
  readonly target: string;
  readonly figures: string;
  readonly text: string;
  readonly via: string;
  /** What it changed, as seen in the stream after it ('freed 1.1 GiB', 'crashes stopped 40 s later'), or ''. */
  readonly effect: string;
}

/** A figure people quote, with the moment it refers to. */
export interface Figure {
  readonly label: string;
  readonly text: string;
  /** @time */
  readonly t: number;
}

/** The whole report. */
export interface IncidentReport {
  readonly format: 'sitrep-incident';
  readonly version: 1;
  readonly host: string;
  /** What was read: 'recording FILE', 'store DIR', 'live', 'demo NAME'. */
  readonly source: string;
  /** @time */
  readonly from: number;
  /** @time */
  readonly to: number;
  readonly intervalMs: number;
  readonly samples: number;
  readonly filesystems: readonly FilesystemIncident[];
  readonly crashLoops: readonly CrashLoop[];
  readonly ooms: readonly OomFact[];
  readonly floods: readonly Flood[];
  readonly peaks: { readonly load1: AtValue | null; readonly cpuPressure: AtValue | null; readonly ioPressure: AtValue | null; readonly memoryPressure: AtValue | null };
  readonly actions: readonly ActionFact[];
  readonly figures: readonly Figure[];
  /** What the stream could not say (a gap, a bound reached). */
  readonly notes: readonly string[];
}
