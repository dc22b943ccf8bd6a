/** Issue 29 item 10: a listed group member that wrote nothing this interval shows a figure, not `— —`. */
import { describe, expect, it } from 'vitest';
import type { IoCounters, Message, ProcessSample } from '../../src/stream/messages.js';
import { initialModel, reduce } from '../../src/model/model.js';
import { writersPaneLines } from '../../src/panes/writer-lines.js';
import { header, proc, sample } from '../support/samples.js';

const MB = 1024 * 1024;
const io = (bytes: number): IoCounters => ({ rchar: 0, wchar: bytes, readBytes: 0, writeBytes: bytes, cancelledWriteBytes: 0 });
const p = (pid: number, bytes: number): ProcessSample => proc(pid, 0, { io: io(bytes), cgroup: '/system.slice/apache2.service' });

describe('Writers rows that wrote nothing this interval', () => {
  it('show 0 B/s for a member that paused (still listed for a moment), never `— —`', () => {
    // 11 wrote in second 1 and paused in second 2; 10 kept writing.
    const m = ([header(), sample(0, 0, 0, [p(10, 0), p(11, 0)]), sample(1, 1, 1, [p(10, MB), p(11, MB)]), sample(2, 2, 2, [p(10, 2 * MB), p(11, MB)])] as Message[])
      .reduce(reduce, initialModel(60));
    const lines = writersPaneLines(m, 120);
    const paused = lines.find((l) => l.pid === 11)!.text;
    expect(paused).not.toMatch(/—\s+—/);
    expect(paused).toMatch(/\b11 .*0 B\/s\s+0 B\/s/);
    expect(lines.find((l) => l.pid === 10)!.text).toMatch(/1\.0M\/s/);
  });
});
