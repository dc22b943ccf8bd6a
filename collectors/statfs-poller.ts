/**
 * statfs for every filesystem, without letting a hung one (a dead NFS server)
 * delay the others or the screen. Each call runs on libuv's threadpool; a
 * filesystem gets at most one call in flight, so a hung mount holds at most one
 * thread, and it is not asked again until that call returns. A poll waits a
 * short while for answers and reports whatever has come back.
 */
import { statfs as statfsAsync } from 'node:fs/promises';
import type { FilesystemSample, StatfsCounters } from '../src/messages.js';
import type { FoldedMount } from './parse-mountinfo.js';

/** The statfs call, injectable for tests. */
export type StatfsFn = (path: string) => Promise<StatfsCounters>;

const realStatfs: StatfsFn = async (path) => {
  const s = await statfsAsync(path);
  return { bsize: s.bsize, blocks: s.blocks, bfree: s.bfree, bavail: s.bavail, files: s.files, ffree: s.ffree };
};

/** Timing of the poller. */
export interface PollerTiming {
  /** How long a poll waits for answers before reporting. */
  readonly waitMs: number;
  /** A call outstanding this long marks its filesystem as not responding. */
  readonly limitMs: number;
}

/** Polls statfs for folded mounts; keep one per source. */
export class StatfsPoller {
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly statfs: StatfsFn = realStatfs,
    private readonly timing: PollerTiming = { waitMs: 300, limitMs: 2000 },
  ) {}

  /** Asks every mount that has no call in flight, and reports after at most waitMs. */
  async poll(mounts: readonly FoldedMount[]): Promise<FilesystemSample[]> {
    const answers = new Map<string, StatfsCounters>();
    const calls: Promise<void>[] = [];
    for (const m of mounts) {
      if (this.inFlight.has(m.device)) continue;
      this.inFlight.set(m.device, Date.now());
      calls.push(
        this.statfs(m.mountPoint)
          .then((stat) => void answers.set(m.device, stat), () => undefined)
          .finally(() => this.inFlight.delete(m.device)),
      );
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.timing.waitMs);
    });
    await Promise.race([Promise.all(calls), deadline]);
    clearTimeout(timer);
    const now = Date.now();
    return mounts.map((m) => {
      const since = this.inFlight.get(m.device);
      return {
        device: m.device,
        source: m.source,
        type: m.type,
        mountPoint: m.mountPoint,
        otherMounts: m.otherMounts,
        responding: since === undefined || now - since < this.timing.limitMs,
        stat: answers.get(m.device) ?? null,
      };
    });
  }
}
