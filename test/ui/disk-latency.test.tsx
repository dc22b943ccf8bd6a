import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { DiskIoCounters, Message } from '../../src/stream/messages.js';
import { initialModel, reduce } from '../../src/model/model.js';
import { DisksPane } from '../support/panes.js';
import { header, sample } from '../support/samples.js';

const strip = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[\d;]*m/g, '');

describe('Disks pane: latency (issue 35)', () => {
  it('shows AWAIT and UTIL, and SLOW with its usual await when a device goes far above its baseline', () => {
    const messages: Message[] = [header()];
    let writes = 0;
    let writeMs = 0;
    for (let s = 0; s < 40; s++) {
      const slow = s >= 32;
      writes += slow ? 10 : 100;
      writeMs += slow ? 10 * 250 : 100 * 2;
      const io: DiskIoCounters = { name: 'sdb', device: '8:16', reads: 0, readMs: 0, writes, writeMs, ioMs: s * 900, weightedMs: writeMs, inFlight: 1 };
      messages.push({ ...sample(s, s, s), filesystems: [{ device: '8:16', source: '/dev/sdb', type: 'ext4', mountPoint: '/data', otherMounts: [], responding: true, stat: { bsize: 4096, blocks: 1000, bfree: 500, bavail: 450, files: 100, ffree: 50 } }], diskStats: [io] });
    }
    const m = messages.reduce(reduce, initialModel(60));
    const out = strip(render(<DisksPane model={m} width={140} height={6} selected={0} focused={false} />).lastFrame());
    expect(out).toMatch(/AWAIT +UTIL/);
    expect(out).toMatch(/\/data .*\d+ms SLOW +90%/);
    expect(out).toContain('slow: sdb await');
    expect(out).toContain('(its usual 2.0ms)');
  });
});
