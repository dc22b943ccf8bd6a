/**
 * `sitrep snapshot --json`: samples for a while, then prints one report. The
 * schema is a stable interface for scripts (see README); fields are only added.
 */
import { programFirst } from '../text/program.js';
import type { Message, Source } from '../stream/messages.js';
import { initialModel, reduce, type ModelState } from '../model/model.js';
import { selectDeletedFiles } from '../model/deleted-selectors.js';
import { selectFilesystems } from '../model/disk-selectors.js';
import { selectWriterGroups } from '../model/writer-selectors.js';
import { groupOf } from '../model/groups.js';
import { countWindow, selectCrashes, selectKernelEvents, selectOomKills, selectTopRanges } from '../model/log-selectors.js';
import { sanitize } from '../text/sanitize.js';
import { unitAlerts, type UnitAlert } from '../model/services.js';
import { networkReport } from './snapshot-network.js';
import { devicesReport, latencyReport } from './snapshot-disks.js';
import { bandwidthReport } from './snapshot-bandwidth.js';
import { selectCpu, selectHost, selectTopProcesses } from '../model/selectors.js';
import { memoryReport } from './snapshot-memory.js';

/** Version of the snapshot schema. */
export const SNAPSHOT_VERSION = 1;

/** How many top processes a snapshot lists. */
export const SNAPSHOT_PROCESSES = 20;

/**
 * What a report's time span means: the sampling window of a live snapshot
 * (`durationSeconds`), or the time since a recording's or demo's start
 * (`elapsedSeconds`). Two names, because they are two things.
 */
export type SnapshotSpan = { readonly windowSeconds: number } | { readonly elapsedSeconds: number };

/** Builds the report object from a model. */
export function snapshotReport(model: ModelState, span: SnapshotSpan): Record<string, unknown> {
  const cpu = selectCpu(model);
  const host = selectHost(model);
  const header = model.header;
  const startTime = (ticks: number): string | null =>
    header ? new Date(header.bootTime + (ticks / header.clockTicks) * 1000).toISOString() : null;
  const groups = selectWriterGroups(model);
  return {
    version: SNAPSHOT_VERSION,
    host: host ? { name: host.host, kernel: host.kernel, cores: host.cores, os: host.os, hardware: model.hardware?.facts ?? null } : null,
    time: new Date(model.lastSampleAt ?? Date.now()).toISOString(),
    ...('windowSeconds' in span ? { durationSeconds: span.windowSeconds } : { elapsedSeconds: Math.round(span.elapsedSeconds * 10) / 10 }),
    cpu: {
      total: { busy: cpu.totalNow, iowait: cpu.iowaitNow },
      cores: cpu.coresNow.map((busy, index) => ({ index, busy })),
      load: cpu.load,
      psi: cpu.pressure,
    },
    memory: memoryReport(model, startTime),
    processes: selectTopProcesses(model, SNAPSHOT_PROCESSES).map((p) => ({
      pid: p.pid,
      user: p.user,
      cpuPercent: Math.round(p.cpuPercent * 10) / 10,
      rssBytes: p.rssBytes,
      comm: p.comm,
      command: p.cmdline || `[${p.comm}]`,
      program: programFirst(p.cmdline) || `[${p.comm}]`,
      startTime: startTime(p.startTicks),
      kernelThread: p.kernelThread,
      ...unitOf(p.cgroup),
      ...(p.container ? { container: sanitize(p.container, 300) } : {}),
    })),
    filesystems: selectFilesystems(model).map((fs) => ({
      mount: fs.mountPoint,
      mounts: [fs.mountPoint, ...fs.otherMounts],
      device: fs.device,
      source: fs.source,
      type: fs.type,
      // A filesystem that never answered statfs has no figures: null, not 0.
      sizeBytes: fs.known ? fs.sizeBytes : null,
      usedBytes: fs.known ? fs.usedBytes : null,
      availBytes: fs.known ? fs.availBytes : null,
      reservedBytes: fs.known ? fs.reservedBytes : null,
      // df's Use%, as a fraction (dfUse): the console's USE and fleet's usedFraction say the same.
      usedFraction: fs.known ? fs.blocksUse : null,
      // What runs out first: the console's USE then shows inode use.
      limitedBy: fs.known ? (fs.inodesBind ? 'inodes' : 'blocks') : null,
      fillRateBytesPerSec: round(fs.fillRate),
      secondsToFull: round(fs.secondsToFull),
      secondsToFullRoot: round(fs.secondsToFullRoot),
      responding: fs.responding,
      fullForUsers: fs.known ? fs.usersFull : null,
      deletedOpenBytes: fs.deletedOpenBytes,
      io: latencyReport(fs.latency),
      slowUnder: fs.slowUnder?.name ?? null,
      inodes: fs.inodes
        ? { total: fs.inodes.total, used: fs.inodes.used, usedFraction: fs.inodes.useFraction, fillRatePerSec: round(fs.inodes.fillRate), secondsToFull: round(fs.inodes.secondsToFull) }
        : null,
    })),
    devices: devicesReport(model),
    writers: groups.flatMap((g) =>
      g.writers.map((w) => ({
        pid: w.pid,
        startTime: startTime(w.startTicks),
        command: w.cmdline || `[${w.comm}]`,
        program: programFirst(w.cmdline) || `[${w.comm}]`,
        user: w.user,
        unit: w.unit,
        cgroup: w.cgroup,
        writeBytesPerSec: round(w.writeRate),
        wcharBytesPerSec: round(w.wcharRate),
        busiestFile: w.busiest?.path ?? null,
        files: w.files.map((f) => ({ path: f.path, mount: w.mountOf(f.device), sizeBytes: f.sizeBytes, growthBytesPerSec: round(f.growthRate), deleted: f.deleted })),
        deletedOpenBytes: w.deletedOpenBytes,
        // A full filesystem's suspect: files open for writing there, and the evidence (see ARCHITECTURE.md, Writers).
        suspect: w.suspect
          ? {
            filesystem: w.suspect.mount,
            device: w.suspect.device,
            blocked: w.suspect.blocked,
            writeCallsPerSec: round(w.syscwRate),
            lifetimeWriteBytes: w.suspect.lifetimeWriteBytes,
            wroteHereBytes: w.suspect.wroteHereBytes,
            since: startTime(w.startTicks),
            files: w.suspect.files.map((f) => ({ path: f.path, sizeBytes: f.sizeBytes, allocatedBytes: f.allocatedBytes })),
          }
          : null,
        creatingFilesIn: w.creating ? { path: w.creating.path, mount: w.creating.mount, cwd: w.creating.cwd } : null,
      })),
    ).sort((a, b) => (b.writeBytesPerSec ?? 0) - (a.writeBytesPerSec ?? 0)),
    deletedOpen: selectDeletedFiles(model).map((d) => ({
      pid: d.pid, command: d.command, user: d.user, fd: d.file.fd, path: d.file.path, mount: d.mount, bytes: d.file.allocatedBytes,
    })),
    services: servicesReport(model),
    log: logReport(model),
    network: networkReport(model),
    bandwidth: bandwidthReport(model),
    groups: groups.map((g) => ({
      name: sanitize(g.name, 400),
      kind: g.kind,
      writeBytesPerSec: round(g.writeRate),
      wcharBytesPerSec: round(g.wcharRate),
      accounting: g.accounting,
      pids: g.writers.map((w) => w.pid),
    })),
  };
}

/** `{ unit }` for a process in a service unit, else nothing. */
function unitOf(cgroup: string): { unit?: string } {
  const unit = groupOf(cgroup).unit;
  return unit ? { unit } : {};
}

function servicesReport(model: ModelState): Record<string, unknown> {
  const s = model.services;
  if (!s) return { available: false, manager: null, reason: 'not read', failed: [], restarting: [] };
  const entry = (a: UnitAlert) => ({ unit: a.unit.id, state: `${a.unit.activeState} (${a.unit.subState})`, restarts: a.unit.nRestarts, restartsRecent: a.restartsRecent, description: a.unit.description, result: a.unit.result });
  const alerts = unitAlerts(s);
  return {
    available: s.unavailable === null,
    manager: s.manager === 'none' ? null : s.manager,
    reason: s.unavailable,
    failed: alerts.filter((a) => a.failed).map(entry),
    restarting: alerts.filter((a) => a.restartsRecent > 0).map(entry),
  };
}

/** How many recent log lines a snapshot carries. */
export const SNAPSHOT_LOG_LINES = 50;

function logReport(model: ModelState): Record<string, unknown> | null {
  const log = model.log;
  if (!log) return null;
  const now = Math.max(log.lastAt, model.lastSampleAt ?? 0);
  return {
    source: log.source || null,
    problem: log.problem,
    volatile: log.journal?.volatile ?? null,
    storage: log.journal?.storage ?? null,
    storagePath: log.journal?.storagePath ?? null,
    recent: log.lines.slice(-SNAPSHOT_LOG_LINES).map((l) => ({
      time: new Date(l.t).toISOString(), priority: l.priority, unit: sanitize(l.unit, 200), pid: l.pid, message: sanitize(l.message, 2000),
    })),
    crashes: selectCrashes(log, now).map((c) => ({ ...c, unit: sanitize(c.unit, 200), lastMessage: sanitize(c.lastMessage, 500) })),
    oomKills: selectOomKills(log, now).map((o) => ({ time: new Date(o.t).toISOString(), victim: sanitize(o.victim, 200), pid: o.pid, cgroup: o.cgroup ? sanitize(o.cgroup, 300) : null, message: sanitize(o.message, 500) })),
    kernel: log.kernel ? { source: log.kernel.source, problem: log.kernel.problem ? sanitize(log.kernel.problem, 300) : null } : null,
    kernelEvents: selectKernelEvents(log, now).map((k) => ({ kind: k.kind, subject: sanitize(k.subject, 100), count: k.count10m, time: new Date(k.lastAt).toISOString(), lastMessage: sanitize(k.lastMessage, 500) })),
    ipRanges: selectTopRanges(log, now, 20),
    window: windowReport(log, now),
  };
}

/** What the counts cover: '10m', or '10m (only the last 4m were readable)' and since when. */
function windowReport(log: NonNullable<ModelState['log']>, now: number): Record<string, unknown> {
  const w = countWindow(log, now);
  return { label: w.label, since: new Date(w.since).toISOString(), partial: w.partial, bound: log.readBack?.bound || null };
}

function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 10) / 10;
}

/** The longest a snapshot waits past its window for the message read after it (the hardware facts). */
const ALONGSIDE_GRACE_MS = 6000;

/** The longest a snapshot waits past its window for the log's read-back at start (its own bound is 5 s). */
const READBACK_WAIT_MS = 8000;

/**
 * Runs `source` for `durationMs`, then resolves with the report: once the
 * sample due at the end has arrived (a busy machine's sample can take a while
 * to read), or two seconds after the end at the latest, and once the log has
 * been read back over its window (READBACK_WAIT_MS more at most). `after` (reading the
 * hardware facts) runs once the window has closed, so its own work never
 * disturbs what was measured, and its message joins the report if it comes
 * within ALONGSIDE_GRACE_MS.
 */
export function takeSnapshot(source: Source, durationMs: number, historySeconds = 60, after: (() => Promise<Message>) | null = null): Promise<Record<string, unknown>> {
  let model = initialModel(historySeconds);
  let extra: Message | null = null;
  const readAfter = () => (after ? Promise.race([after().then((m) => { extra = m; }, () => {}), new Promise((r) => setTimeout(r, ALONGSIDE_GRACE_MS).unref())]) : Promise.resolve());
  return new Promise((resolve) => {
    let first: number | null = null;
    let done = false;
    let closing = false;
    const readBackDone = () => model.log?.readBack?.reading !== true;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(latest);
      clearTimeout(longest);
      source.stop();
      void readAfter().then(() => resolve(snapshotReport(extra ? reduce(model, extra) : model, { windowSeconds: durationMs / 1000 })));
    };
    // The window has closed: finish now, or once the log's read-back is done.
    const close = () => {
      closing = true;
      if (readBackDone()) setImmediate(finish);
    };
    const latest = setTimeout(close, durationMs + 2000);
    const longest = setTimeout(finish, durationMs + 2000 + READBACK_WAIT_MS);
    source.start((message) => {
      model = reduce(model, message);
      if (closing && message.kind === 'log' && readBackDone()) setImmediate(finish);
      if (message.kind !== 'sample') return;
      first ??= message.t;
      // Samples are stamped when they start: the one started at the end closes the snapshot.
      if (message.t - first >= durationMs - 50) close();
    });
  });
}
