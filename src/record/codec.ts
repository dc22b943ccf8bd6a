/**
 * The recording's line format: NDJSON of stream messages, samples
 * delta-encoded against the previous sample (processes by pid and start time,
 * filesystems by device: only changed fields are written, vanished ones
 * listed), with a full sample every KEYFRAME_EVERY samples. The network
 * part's connection list, when it equals the previous sample's, is left out
 * (`nc: 1` says so); it is the largest part of an idle sample's network.
 */
import type { FilesystemSample, Message, ProcessSample, Sample, StreamHeader } from '../stream/messages.js';

/** The first line of a recording. */
export interface RecordingHeader {
  readonly format: 'sitrep-recording';
  readonly version: number;
  readonly host: string;
  readonly kernel: string;
  readonly intervalMs: number;
  readonly startedAt: number;
  readonly stream: StreamHeader;
}

/** Versions this sitrep reads. */
export const RECORDING_VERSIONS = [1] as const;
/** A full sample is written this often, so a damaged delta never spoils more than a minute. */
export const KEYFRAME_EVERY = 60;

type Obj = Record<string, unknown>;

const procKey = (p: ProcessSample) => `${p.pid}:${p.startTicks}`;

function changed(before: Obj | undefined, after: Obj): Obj | null {
  if (!before) return after;
  let out: Obj | null = null;
  for (const k of Object.keys(after)) {
    const a = after[k];
    const b = before[k];
    if (a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b))) continue;
    (out ??= {})[k] = a;
  }
  return out;
}

/** The fields `before` had and `after` has not (an optional field gone, such as a process's `readAt`). */
function dropped(before: Obj | undefined, after: Obj): string[] | null {
  if (!before) return null;
  let out: string[] | null = null;
  for (const k in before) if (!(k in after)) (out ??= []).push(k);
  return out;
}

function diffList<T extends object>(prev: readonly T[] | undefined, next: readonly T[] | undefined, key: (x: T) => string) {
  if (!next) return undefined;
  const before = new Map((prev ?? []).map((x) => [key(x), x as Obj]));
  const set: Array<[string, Obj]> = [];
  const unset: Array<[string, string[]]> = [];
  for (const x of next) {
    const was = before.get(key(x));
    const d = changed(was, x as Obj);
    if (d) set.push([key(x), d]);
    const gone = dropped(was, x as Obj);
    if (gone) unset.push([key(x), gone]);
    before.delete(key(x));
  }
  return unset.length ? { set, gone: [...before.keys()], unset } : { set, gone: [...before.keys()] };
}

/** Encodes messages one by one; keeps the previous sample. */
export class Encoder {
  private prev: Sample | null = null;
  private count = 0;

  /** The JSON-ready line for `m`. */
  encode(m: Message): Obj {
    if (m.kind !== 'sample') return m as unknown as Obj;
    const prev = this.count++ % KEYFRAME_EVERY === 0 ? null : this.prev;
    this.prev = m;
    if (!prev) return { ...m, kind: 'keyframe' };
    const { processes, filesystems, net, ...rest } = m;
    const line: Obj = { ...rest, kind: 'delta', p: diffList(prev.processes, processes, procKey), f: diffList(prev.filesystems, filesystems, (f: FilesystemSample) => f.device) };
    if (net) line.net = net;
    const table = net?.table;
    const before = prev.net?.table;
    if (table && before && JSON.stringify(table.connections) === JSON.stringify(before.connections)) {
      const others: Obj = { ...table };
      delete others.connections;
      line.net = { ...net, table: others };
      line.nc = 1;
    }
    return line;
  }
}

function applyList<T>(prev: readonly T[] | undefined, d: unknown, key: (x: T) => string): T[] {
  const { set, gone, unset = [] } = d as { set: Array<[string, Obj]>; gone: string[]; unset?: Array<[string, string[]]> };
  const map = new Map((prev ?? []).map((x) => [key(x), x]));
  for (const k of gone) map.delete(k);
  for (const [k, fields] of set) map.set(k, { ...(map.get(k) ?? {}), ...fields } as T);
  for (const [k, names] of unset) {
    const was = map.get(k);
    if (!was) continue;
    const copy = { ...was } as Obj;
    for (const n of names) delete copy[n];
    map.set(k, copy as T);
  }
  return [...map.values()];
}

/** Decodes lines back into messages; throws on a line that does not fit. */
export class Decoder {
  private prev: Sample | null = null;

  /** The message of one parsed line. */
  decode(line: Obj): Message {
    const kind = line.kind;
    if (kind === 'keyframe') return (this.prev = { ...(line as unknown as Sample), kind: 'sample' });
    if (kind === 'delta') {
      if (!this.prev) throw new Error('a delta before any keyframe');
      const { p, f, nc, ...rest } = line;
      const restored = rest as unknown as Sample;
      // nc: the connections are the previous sample's.
      const net = nc && restored.net?.table ? { ...restored.net, table: { ...restored.net.table, connections: this.prev.net?.table?.connections ?? [] } } : restored.net;
      const sample = {
        ...restored, ...(net ? { net } : {}), kind: 'sample' as const,
        processes: applyList(this.prev.processes, p, procKey),
        ...(f ? { filesystems: applyList(this.prev.filesystems, f, (x: FilesystemSample) => x.device) } : {}),
      };
      if (typeof sample.t !== 'number' || !Array.isArray(sample.cpuCores)) throw new Error('a sample without time or CPU counters');
      return (this.prev = sample);
    }
    if (kind === 'header' || kind === 'event' || kind === 'log' || kind === 'scan' || kind === 'growth' || kind === 'hardware') return line as unknown as Message;
    throw new Error(`unknown line kind ${JSON.stringify(String(kind)).slice(0, 40)}`);
  }
}
