/** The live source: collectors reading this machine, on one scheduler. */
import { DiskSampler } from '../../collectors/disk-sampler.js';
import { readHeader } from '../../collectors/host-facts.js';
import { SystemSampler } from '../../collectors/system-sampler.js';
import type { FilesystemSample, Message, Source } from '../messages.js';
import { startScheduler, type Scheduler } from './scheduler.js';

/** Options of the live source. */
export interface LiveOptions {
  readonly intervalMs: number;
  readonly procRoot?: string;
  /** Injected disk sampler (tests); defaults to this machine's. */
  readonly disks?: DiskSampler;
}

function errorEvent(t: number, what: string, error: unknown): Message {
  return { kind: 'event', t, type: 'error', text: `${what} failed: ${error instanceof Error ? error.message : String(error)}` };
}

/** Builds a source that samples this machine every `intervalMs`. */
export function liveSource(options: LiveOptions): Source {
  let scheduler: Scheduler | null = null;
  let stopped = false;
  return {
    start(emit: (message: Message) => void) {
      const header = readHeader(options.intervalMs, Date.now(), options.procRoot);
      const system = new SystemSampler(options.procRoot, header.pageSize);
      const disks = options.disks ?? new DiskSampler();
      emit(header);
      scheduler = startScheduler(options.intervalMs, async () => {
        const now = Date.now();
        // statfs calls start first (on the threadpool); /proc is read meanwhile.
        const pendingDisks = disks.sample();
        let message: Message;
        try {
          message = system.sample(now);
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
        if (!stopped) emit(message);
      });
    },
    stop() {
      stopped = true;
      scheduler?.stop();
      scheduler = null;
    },
  };
}
