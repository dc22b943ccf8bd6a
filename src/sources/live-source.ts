/** The live source: collectors reading this machine, on one scheduler. */
import { readHeader } from '../../collectors/host-facts.js';
import { SystemSampler } from '../../collectors/system-sampler.js';
import type { Message, Source } from '../messages.js';
import { startScheduler, type Scheduler } from './scheduler.js';

/** Options of the live source. */
export interface LiveOptions {
  readonly intervalMs: number;
  readonly procRoot?: string;
}

/** Builds a source that samples this machine every `intervalMs`. */
export function liveSource(options: LiveOptions): Source {
  let scheduler: Scheduler | null = null;
  return {
    start(emit: (message: Message) => void) {
      const header = readHeader(options.intervalMs, Date.now(), options.procRoot);
      const sampler = new SystemSampler(options.procRoot, header.pageSize);
      emit(header);
      scheduler = startScheduler(options.intervalMs, () => {
        const now = Date.now();
        let message: Message;
        try {
          message = sampler.sample(now);
        } catch (error) {
          message = { kind: 'event', t: now, type: 'error', text: `sampling failed: ${String(error)}` };
        }
        emit(message);
      });
    },
    stop() {
      scheduler?.stop();
      scheduler = null;
    },
  };
}
