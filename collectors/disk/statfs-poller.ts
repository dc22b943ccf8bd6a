/**
 * statfs for every filesystem, without letting a hung one (a dead NFS server,
 * a FUSE daemon that never answers) delay the others, the screen or the exit.
 * Local filesystems (ext4, xfs, tmpfs, ...) answer statfs from memory: their
 * calls run on libuv's threadpool. Network and FUSE filesystems can hang for
 * good, and a threadpool thread stuck in the kernel would hold the process at
 * exit (libuv joins its threads), so each of their calls is a `stat -f` child
 * that sitrep kills and never waits for. A filesystem gets at most one call in
 * flight; a poll waits a short while for answers and reports what came back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { statfs as statfsAsync } from 'node:fs/promises';
import type { FilesystemSample, StatfsCounters } from '../../src/stream/messages.js';
import type { FoldedMount } from './parse-mountinfo.js';

/** The statfs call, injectable for tests. */
export type StatfsFn = (path: string) => Promise<StatfsCounters>;

const realStatfs: StatfsFn = async (path) => {
  const s = await statfsAsync(path);
  return { bsize: s.bsize, blocks: s.blocks, bfree: s.bfree, bavail: s.bavail, files: s.files, ffree: s.ffree };
};

/** Filesystem types whose statfs can hang: network and FUSE. */
const MAY_HANG = /^(fuse(blk|\..*)?|nfs4?|cifs|smb3?|smbfs|9p|ceph|glusterfs|afs|lustre|gpfs|beegfs|ocfs2|gfs2|davfs|sshfs|vboxsf|virtiofs)$/;

/** Whether statfs on a filesystem of `type` may block for good. */
export function mayHang(type: string): boolean {
  return MAY_HANG.test(type);
}

/** statfs in a `stat -f` child; `children` holds it until it answers or is killed. */
export function childStatfs(children: Set<ChildProcess>, killAfterMs = 10_000): StatfsFn {
  return (path) =>
    new Promise((resolve, reject) => {
      const child = spawn('stat', ['-f', '-c', '%S %b %f %a %c %d', '--', path], { cwd: '/', stdio: ['ignore', 'pipe', 'ignore'] });
      children.add(child);
      let out = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d.slice(0, 200)));
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        children.delete(child);
        const [bsize, blocks, bfree, bavail, files, ffree] = out.trim().split(/\s+/).map(Number);
        if (code !== 0 || ffree === undefined || [bsize, blocks, bfree, bavail, files, ffree].some((n) => !Number.isFinite(n))) return reject(new Error('stat -f failed'));
        resolve({ bsize: bsize!, blocks: blocks!, bfree: bfree!, bavail: bavail!, files: files!, ffree });
      });
    });
}

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
  /** Devices that answered at least once (pruned to the mounts of each poll). */
  private readonly answered = new Set<string>();
  private readonly children = new Set<ChildProcess>();
  private readonly hangable: StatfsFn;

  // `hangable` defaults in the body, where `this.children` plainly exists.
  constructor(
    private readonly statfs: StatfsFn = realStatfs,
    private readonly timing: PollerTiming = { waitMs: 300, limitMs: 2000 },
    hangable?: StatfsFn,
  ) {
    this.hangable = hangable ?? childStatfs(this.children);
  }

  /** Kills the `stat -f` children still waiting on a hung filesystem; nothing waits for them. */
  stop(): void {
    for (const child of this.children) child.kill('SIGKILL');
    this.children.clear();
  }

  /** Asks every mount that has no call in flight, and reports after at most waitMs. */
  async poll(mounts: readonly FoldedMount[]): Promise<FilesystemSample[]> {
    const answers = new Map<string, StatfsCounters>();
    const calls: Promise<void>[] = [];
    for (const m of mounts) {
      if (this.inFlight.has(m.device)) continue;
      this.inFlight.set(m.device, Date.now());
      calls.push(
        (mayHang(m.type) ? this.hangable : this.statfs)(m.mountPoint)
          .then((stat) => {
            answers.set(m.device, stat);
            this.answered.add(m.device);
          }, () => undefined)
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
    for (const device of this.answered) if (!mounts.some((m) => m.device === device)) this.answered.delete(device);
    return mounts.map((m) => {
      const since = this.inFlight.get(m.device);
      // Outstanding past the limit, or never answered at all within a poll's wait: not responding.
      const waited = since === undefined ? 0 : now - since;
      return {
        device: m.device,
        source: m.source,
        type: m.type,
        mountPoint: m.mountPoint,
        otherMounts: m.otherMounts,
        responding: since === undefined || (waited < this.timing.limitMs && (this.answered.has(m.device) || waited < this.timing.waitMs)),
        stat: answers.get(m.device) ?? null,
      };
    });
  }
}
