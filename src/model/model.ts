/**
 * The model: a pure reducer from stream messages to derived state (rates,
 * series, rankings). It imports nothing from Node, Ink or React.
 */
import type { ContainerInfo, DeletedOpen, HardwareMessage, Message, MemorySample, Pressure, Sample, StreamHeader } from '../stream/messages.js';
import { busyFraction, iowaitFraction } from './cpu.js';
import { trackFilesystems, usedBytesUnder, type FsTrack } from './disks.js';
import { byCpu, indexTicks, processRows, type ProcessRow, type TickBaseline } from './processes.js';
import { emptyRing, pushRing, type Ring } from './ring.js';
import { updateLog, type LogState } from './log.js';
import { containerOf, groupOf } from './groups.js';
import { initialDirs, updateDirs, type DirsState } from './dirs.js';
import { updateServices, type ServicesState } from './services.js';
import { updateWriters, type WritersState } from './writers.js';
import { updateNet, type NetState } from './net.js';
import { trackDiskStats, type DeviceTrack } from './disk-latency.js';
import { updateBandwidth, type BandwidthState } from './net-bandwidth.js';
import { updateMemory, type MemoryState } from './memory.js';

/** How many recent events the model keeps. */
export const EVENT_HISTORY = 50;

/** A note or error kept for display. */
export interface ModelEvent {
  readonly t: number;
  readonly type: 'note' | 'error';
  readonly text: string;
}

/** Everything the UI can show, derived from the stream so far. */
export interface ModelState {
  readonly header: StreamHeader | null;
  readonly historySeconds: number;
  readonly sampleCount: number;
  readonly lastSampleAt: number | null;
  readonly previous: Sample | null;
  readonly baseline: TickBaseline | null;
  readonly cpuTotal: Ring;
  readonly cpuCores: readonly Ring[];
  readonly iowait: Ring;
  readonly load: readonly [number, number, number] | null;
  readonly pressure: Pressure | null;
  readonly memory: MemorySample | null;
  /** Every process of the last sample with its CPU%, busiest first. */
  readonly processes: readonly ProcessRow[];
  /** Filesystems by device, or null when the source does not collect them. */
  readonly filesystems: ReadonlyMap<string, FsTrack> | null;
  /** Block devices by kernel name (/proc/diskstats), or null when the source does not collect them. */
  readonly diskStats: ReadonlyMap<string, DeviceTrack> | null;
  /** TCP bandwidth per process and range (socket diagnostics), or null before a reading. */
  readonly bandwidth: BandwidthState | null;
  /** Containers a runtime names, by their 64-hex id (the latest sample's). */
  readonly containers: ReadonlyMap<string, ContainerInfo>;
  /** Write rates by process, or null when the source has no I/O counters. */
  readonly writers: WritersState | null;
  /** Deleted-but-open files from the latest full scan, or null before one. */
  readonly deletedOpen: readonly DeletedOpen[] | null;
  /** The service manager and its units, or null before the first reading. */
  readonly services: ServicesState | null;
  /** Drill-down scans by directory, and the growth of the one in view. */
  readonly dirs: DirsState;
  /** The log tail and its counters, or null when no log source runs. */
  readonly log: LogState | null;
  /** Interfaces, TCP rates and the socket table, or null when the source has no network part. */
  readonly net: NetState | null;
  /** The host's hardware, once asked for (the `i` overlay, a snapshot): the last answer. */
  readonly hardware: HardwareMessage | null;
  /** The Memory pane's counters and series, or null when the source has no memory detail. */
  readonly memoryTrack: MemoryState | null;
  readonly events: readonly ModelEvent[];
}

/** The state before any message, keeping `historySeconds` of series. */
export function initialModel(historySeconds = 600): ModelState {
  return {
    header: null,
    historySeconds,
    sampleCount: 0,
    lastSampleAt: null,
    previous: null,
    baseline: null,
    cpuTotal: emptyRing(historySeconds),
    cpuCores: [],
    iowait: emptyRing(historySeconds),
    load: null,
    pressure: null,
    memory: null,
    processes: [],
    filesystems: null,
    diskStats: null,
    bandwidth: null,
    containers: new Map(),
    writers: null,
    deletedOpen: null,
    services: null,
    log: null,
    net: null,
    hardware: null,
    memoryTrack: null,
    dirs: initialDirs(),
    events: [],
  };
}

function onHeader(state: ModelState, header: StreamHeader): ModelState {
  const capacity = Math.ceil((state.historySeconds * 1000) / Math.max(1, header.intervalMs));
  return {
    ...initialModel(state.historySeconds),
    header,
    cpuTotal: emptyRing(capacity),
    iowait: emptyRing(capacity),
    cpuCores: Array.from({ length: header.cores }, () => emptyRing(capacity)),
  };
}

function onSample(state: ModelState, sample: Sample): ModelState {
  const header = state.header;
  if (!header) return state;
  const prev = state.previous;
  let { cpuTotal, cpuCores, iowait } = state;
  if (prev) {
    cpuTotal = pushRing(cpuTotal, busyFraction(prev.cpuTotal, sample.cpuTotal) ?? 0);
    iowait = pushRing(iowait, iowaitFraction(prev.cpuTotal, sample.cpuTotal) ?? 0);
    cpuCores = sample.cpuCores.map((core, i) => {
      const ring = cpuCores[i] ?? emptyRing(cpuTotal.capacity);
      const before = prev.cpuCores[i];
      return pushRing(ring, before ? (busyFraction(before, core) ?? 0) : 0);
    });
  }
  const seconds = prev ? (sample.t - prev.t) / 1000 : 0;
  const rows = state.baseline
    ? processRows(sample.processes, state.baseline, seconds, header.clockTicks, sample.t)
    : processRows(sample.processes, { ticks: new Map(), uptimeTicks: Infinity }, 0, header.clockTicks, sample.t);
  rows.sort(byCpu);
  const named = sample.containers?.length ? new Map(sample.containers.map((c) => [c.id, c])) : null;
  const listed = named ? rows.map((r) => {
    const c = containerOf(r.cgroup, named);
    return c ? { ...r, container: c.pod ? `${c.namespace ? `${c.namespace}/` : ''}${c.pod}/${c.name}` : c.name } : r;
  }) : rows;
  const uptimeTicks = ((sample.t - header.bootTime) / 1000) * header.clockTicks;
  const hasIo = sample.processes.some((p) => p.io !== undefined);
  return {
    ...state,
    sampleCount: state.sampleCount + 1,
    lastSampleAt: sample.t,
    previous: sample,
    baseline: { ticks: indexTicks(sample.processes, sample.t), uptimeTicks },
    cpuTotal,
    cpuCores,
    iowait,
    load: sample.load,
    pressure: sample.pressure,
    memory: sample.memory,
    processes: listed,
    filesystems: sample.filesystems ? trackFilesystems(state.filesystems ?? new Map(), sample.filesystems, sample.t) : state.filesystems,
    diskStats: sample.diskStats ? trackDiskStats(state.diskStats ?? new Map(), sample.diskStats, sample.t) : state.diskStats,
    containers: named ?? (state.containers.size ? new Map() : state.containers),
    bandwidth: sample.bandwidth ? updateBandwidth(state.bandwidth, sample.bandwidth, sample) : state.bandwidth,
    writers: hasIo ? updateWriters(state.writers, sample.processes, sample.t, state.baseline?.uptimeTicks ?? Infinity, sample.cgroupWrites) : state.writers,
    deletedOpen: sample.deletedOpen ?? state.deletedOpen,
    services: sample.services ? updateServices(state.services, sample.services, sample.t) : state.services,
    net: sample.net ? updateNet(state.net, sample.net, sample.t) : state.net,
    memoryTrack: sample.memoryDetail ? updateMemory(state.memoryTrack, sample, header.pageSize, header.intervalMs) : state.memoryTrack,
  };
}

function unitOfPid(state: ModelState, pid: number): string | null {
  const row = state.processes.find((p) => p.pid === pid);
  return row ? groupOf(row.cgroup).unit : null;
}

/** Applies one message to the state; returns a new state, never mutates. */
export function reduce(state: ModelState, message: Message): ModelState {
  switch (message.kind) {
    case 'header':
      return onHeader(state, message);
    case 'sample':
      return onSample(state, message);
    case 'log':
      return { ...state, log: updateLog(state.log, message, (pid) => unitOfPid(state, pid)) };
    case 'scan':
    case 'growth':
      return { ...state, dirs: updateDirs(state.dirs, message, (dir) => usedBytesUnder(state.filesystems, dir)) };
    case 'hardware':
      return { ...state, hardware: message };
    case 'event': {
      const events = [...state.events, { t: message.t, type: message.type, text: message.text }];
      return { ...state, events: events.slice(-EVENT_HISTORY) };
    }
  }
}
