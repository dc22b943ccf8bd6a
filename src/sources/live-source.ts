/** The live source: collectors reading this machine, on one scheduler. */
import { DiskSampler } from '../../collectors/disk/disk-sampler.js';
import { readDiskStats } from '../../collectors/disk/diskstats.js';
import { readHeader } from '../../collectors/hardware/host-facts.js';
import { ServicesPoller } from '../../collectors/services/services-poller.js';
import { startLogTail, type LogOptions, type LogTail } from '../../collectors/log/log-tail.js';
import { SystemSampler } from '../../collectors/proc/system-sampler.js';
import type { MemoryWatch } from '../../collectors/memory/memory-reader.js';
import type { FilesystemSample, Message, Source } from '../stream/messages.js';
import { startScheduler, type Scheduler } from './scheduler.js';
import { NetFeed } from './net-feed.js';
import { BandwidthFeed } from './bandwidth-feed.js';
import { ContainerResolver } from '../../collectors/proc/containers.js';

/** Options of the live source. */
export interface LiveOptions {
  readonly intervalMs: number;
  readonly procRoot?: string;
  /** Injected disk sampler (tests); defaults to this machine's. */
  readonly disks?: DiskSampler;
  /** false: do not read the service manager (tests). */
  readonly services?: boolean;
  /** Where logs come from; null: no log tail (tests). */
  readonly log?: LogOptions | null;
  /** false: do not read the network tables (--no-network, and the bench's comparison). */
  readonly network?: boolean;
  /** Read the TCP socket diagnostics and walk the socket tables every sample, as while the Network pane is looked at (snapshot: a one-off, its figures whole). */
  readonly bandwidthEverySample?: boolean;
  /** false: no memory detail (--no-memory, the bench's comparison). */
  readonly memory?: boolean;
}

/** A live source that can be told to read the service manager again soon. */
export interface LiveSource extends Source {
  /** Reads units at the next sample (after a service action). */
  refreshServices(): void;
  /** Reads journald's storage again (after J). */
  refreshJournal(): void;
  /** The Network pane gained or lost the focus: per-process bandwidth is read every sample while it has it. */
  setNetworkFocus(focused: boolean): void;
  /** What the console shows of memory: the Memory pane (its cgroups read each sample), the detail's process (its smaps_rollup read). */
  watchMemory(watch: MemoryWatch): void;
  /** The Network pane is looked at (focused, zoomed, its list open): walk the socket tables every sample (issue 32). */
  watchNetwork(on: boolean): void;
}

function errorEvent(t: number, what: string, error: unknown): Message {
  return { kind: 'event', t, type: 'error', text: `${what} failed: ${error instanceof Error ? error.message : String(error)}` };
}

/** Builds a source that samples this machine every `intervalMs`. */
export function liveSource(options: LiveOptions): LiveSource {
  let scheduler: Scheduler | null = null;
  let stopped = false;
  let services: ServicesPoller | null = null;
  let logTail: LogTail | null = null;
  let diskSampler: DiskSampler | null = null;
  const bandwidth = new BandwidthFeed();
  const containers = new ContainerResolver();
  // pid -> start ticks of the latest sample, to name a socket's owner (ss gives the pid only).
  let starts = new Map<number, number>();
  let sampler: SystemSampler | null = null;
  let watch: MemoryWatch = { pane: false, process: null };
  let netWatched = false;
  let primed = false;
  return {
    start(emit: (message: Message) => void) {
      const header = readHeader(options.intervalMs, Date.now(), options.procRoot);
      const system = new SystemSampler(options.procRoot, header.pageSize, options.memory !== false);
      sampler = system;
      system.watchMemory(watch);
      const disks = options.disks ?? new DiskSampler();
      const net = options.network === false ? null : new NetFeed(options.procRoot);
      const talkers = options.network === false || options.procRoot ? null : bandwidth;
      if (options.bandwidthEverySample) {
        bandwidth.setFocused(true);
        netWatched = true;
      }
      diskSampler = disks;
      services = options.services === false ? null : new ServicesPoller(options.procRoot);
      const units = services;
      units?.prime();
      emit(header);
      if (options.log !== null) logTail = startLogTail(options.log ?? {}, (m) => !stopped && emit(m));
      scheduler = startScheduler(options.intervalMs, async () => {
        const now = Date.now();
        // statfs calls start first (on the threadpool); /proc is read meanwhile.
        const pendingDisks = disks.sample();
        const pendingTalkers = talkers && primed && !talkers.primeAside() && talkers.due(now) ? talkers.take(now, (pid) => starts.get(pid) ?? null) : null;
        let message: Message;
        try {
          message = await system.sampleAsync(now);
        } catch (error) {
          message = errorEvent(now, 'sampling', error);
        }
        let filesystems: FilesystemSample[] | undefined;
        try {
          filesystems = await pendingDisks;
        } catch (error) {
          if (!stopped) emit(errorEvent(now, 'disk sampling', error));
        }
        if (message.kind === 'sample' && filesystems) message = { ...message, filesystems };
        if (message.kind === 'sample' && !options.procRoot) {
          try {
            message = { ...message, diskStats: readDiskStats() };
          } catch (error) {
            if (!stopped) emit(errorEvent(now, 'diskstats', error));
          }
        }
        if (message.kind === 'sample' && net) {
          try {
            message = { ...message, net: net.sample((inode) => system.socketOwner(inode), netWatched) };
            if (message.kind === 'sample') talkers?.noteInterfaces(message.net?.interfaces ?? []);
          } catch (error) {
            if (!stopped) emit(errorEvent(now, 'network sampling', error));
          }
        }
        if (message.kind === 'sample' && !options.procRoot) {
          const named = containers.resolve(message.processes.map((p) => p.cgroup ?? ''));
          if (named.length) message = { ...message, containers: named };
        }
        if (message.kind === 'sample') starts = new Map(message.processes.map((p) => [p.pid, p.startTicks]));
        if (message.kind === 'sample' && pendingTalkers) message = { ...message, bandwidth: await pendingTalkers };
        const fresh = message.kind === 'sample' ? units?.take(message.processes, now) : undefined;
        if (message.kind === 'sample' && fresh) message = { ...message, services: fresh };
        if (!stopped) emit(message);
        // ss is first run once the first frame is out (a fork and an exec, 1–3 ms of this thread).
        if (talkers && !primed) setImmediate(() => !stopped && talkers.primeAside());
        primed = true;
      });
    },
    refreshServices() {
      services?.refresh();
    },
    refreshJournal() {
      logTail?.refreshStorage();
    },
    setNetworkFocus(focused: boolean) {
      bandwidth.setFocused(focused);
    },
    watchMemory(w: MemoryWatch) {
      watch = w;
      sampler?.watchMemory(w);
    },
    watchNetwork(on: boolean) {
      netWatched = on;
    },
    stop() {
      stopped = true;
      scheduler?.stop();
      scheduler = null;
      services?.stop();
      logTail?.stop();
      diskSampler?.stop();
    },
  };
}
