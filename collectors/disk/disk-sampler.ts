/** Reads the real filesystems of this machine and their statfs counters. */
import type { FilesystemSample } from '../../src/stream/messages.js';
import { foldMounts, parseMountinfo } from './parse-mountinfo.js';
import { readText } from '../proc/read-processes.js';
import { StatfsPoller } from './statfs-poller.js';

/** Samples filesystems; mountinfo is re-read every time, so new mounts appear. */
export class DiskSampler {
  constructor(
    private readonly poller = new StatfsPoller(),
    private readonly mountinfoPath = '/proc/self/mountinfo',
  ) {}

  /** One poll of every real filesystem. */
  sample(): Promise<FilesystemSample[]> {
    const mounts = foldMounts(parseMountinfo(readText(this.mountinfoPath) ?? ''));
    return this.poller.poll(mounts);
  }

  /** Kills statfs children still waiting on hung filesystems. */
  stop(): void {
    this.poller.stop();
  }
}
