/** A full filesystem's suspects, shared files charged to their writer, and the creator of small files (issue 29). */
import { describe, expect, it } from 'vitest';
import type { FilesystemSample, IoCounters, Message, OpenWrite, ProcessSample } from '../../src/stream/messages.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { selectWriterGroups } from '../../src/model/writer-selectors.js';
import { writersPaneLines } from '../../src/panes/writer-lines.js';
import { INITIAL_LISTS } from '../../src/core/list-options.js';
import { writeSuspects } from '../../collectors/proc/write-suspects.js';
import { header, proc, sample } from '../support/samples.js';

const MB = 1024 * 1024;
const io = (writeBytes: number, wchar: number, syscw: number): IoCounters => ({ rchar: 0, wchar, readBytes: 0, writeBytes, cancelledWriteBytes: 0, syscw });
const file = (fd: number, path: string, size: number, device = '7:0', pos?: number): OpenWrite =>
  ({ fd, path, deleted: false, sizeBytes: size, allocatedBytes: size, device, inode: [...path].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_003, 7), ...(pos === undefined ? {} : { pos }) });
const fs = (bavail: number, ffree = 60_000, files = 65_536): FilesystemSample[] => [{
  device: '7:0', source: '/dev/loop0', type: 'ext4', mountPoint: '/srv/full', otherMounts: [], responding: true,
  stat: { bsize: 4096, blocks: 60_000, bfree: bavail + 3000, bavail, files, ffree },
}];
const run = (steps: Array<{ ps: ProcessSample[]; fs?: FilesystemSample[] }>): ModelState =>
  ([header(), ...steps.map(({ ps, fs: f }, s) => ({ ...sample(s, s, s, ps), ...(f ? { filesystems: f } : {}) }))] as Message[]).reduce(reduce, initialModel(60));
const writers = (m: ModelState) => selectWriterGroups(m).flatMap((g) => g.writers);
const culprit = (syscw: number, over: Partial<ProcessSample> = {}) =>
  proc(42, 0, { user: 'nobody', io: io(200 * MB, 200 * MB, syscw), cgroup: '/system.slice/apache2.service', openWrites: [file(3, '/srv/full/access.log', 200 * MB)], ...over });

describe('a full filesystem names its suspects', () => {
  it('lists a quiet process holding a file open on a full filesystem from the first sample, with its lifetime writes', () => {
    const m = run([{ ps: [culprit(5000)], fs: fs(0) }]);
    const w = writers(m)[0]!;
    expect(w).toMatchObject({ pid: 42, writeRate: 0, blocked: false });
    expect(w.suspect).toMatchObject({ mount: '/srv/full', wroteHereBytes: 200 * MB, lifetimeWriteBytes: 200 * MB });
    expect(selectWriterGroups(m)[0]!.suspectOf).toBe('/srv/full');
    const lines = writersPaneLines(m, 140).map((l) => l.text);
    expect(lines[0]).toContain('FULL /srv/full');
    expect(lines.find((l) => l.includes('42 '))).toMatch(/wrote 200M here since .* · \/srv\/full\/access\.log 200M/);
  });

  it('marks it blocked when its write() calls rise while nothing is written, and it stays listed between scans', () => {
    const m = run([{ ps: [culprit(5000)], fs: fs(0) }, { ps: [culprit(5010)], fs: fs(0) }, { ps: [culprit(5020, { openWrites: undefined })], fs: fs(0) }]);
    const w = writers(m)[0]!;
    expect(w.suspect).toMatchObject({ blocked: true, files: [expect.objectContaining({ path: '/srv/full/access.log' })] });
    expect(w.syscwRate).toBe(10);
    const row = writersPaneLines(m, 140).find((l) => l.key === 'proc:42:100')!;
    expect(row.text).toContain('blocked: writes failing');
    expect(row.text).toContain('0 B/s');
    expect(row).toMatchObject({ kind: 'process', pid: 42, startTicks: 100 });
    // the Writers filter finds it by its command, user or file
    expect(writersPaneLines(m, 140, null, { ...INITIAL_LISTS.writers, filter: 'access' }).some((l) => l.pid === 42)).toBe(true);
  });

  it('does not list a quiet process whose filesystem has room', () => {
    const m = run([{ ps: [culprit(5000)], fs: fs(30_000) }, { ps: [culprit(5010)], fs: fs(30_000) }]);
    expect(writers(m)).toEqual([]);
  });

  it('picks the blocked writers and the largest lifetime writers for a descriptor scan, bounded', () => {
    const quiet = (pid: number, bytes: number, syscw: number) => proc(pid, 0, { io: io(bytes, bytes, syscw) });
    const calls = new Map();
    const first = writeSuspects([quiet(1, 10 * MB, 5), quiet(2, 100, 5), ...Array.from({ length: 8 }, (_, i) => quiet(10 + i, (i + 2) * MB, 0))], calls, 0);
    expect(first).toHaveLength(5);
    expect(first).not.toContain(1); // index 1: pid 2 wrote 100 bytes in its life
    const again = writeSuspects([quiet(1, 10 * MB, 5), quiet(2, 100, 9)], calls, 1);
    expect(again).toEqual([1]);
    expect([...calls.keys()]).toEqual([1, 2]); // the gone are forgotten
    // a new process on a reused pid is not compared with the old one's counts
    expect(writeSuspects([proc(2, 0, { startTicks: 999, io: io(100, 100, 50) })], calls, 2)).toEqual([]);
  });
});

describe('a file several processes hold is charged to the one that grew it', () => {
  it('names each forked child by its own file, not the parent file it inherited', () => {
    const parentFile = (size: number) => file(3, '/srv/full/cache-0000.gz', size);
    const step = (s: number) => [
      proc(10, 0, { io: io(s * 4 * MB, s * 4 * MB, s * 64), openWrites: [parentFile(s * 4 * MB)] }),
      ...[1, 2, 3].map((n) => proc(10 + n, 0, { ppid: 10, io: io(s * MB, s * MB, s * 16), openWrites: [parentFile(s * 4 * MB), file(4, `/srv/full/cache-000${n}.gz`, s * MB)] })),
    ];
    for (const m of [run([{ ps: step(0) }, { ps: step(1) }]), run([{ ps: step(0) }, { ps: step(1) }, { ps: step(2) }])]) {
      const busiest = new Map(writers(m).map((w) => [w.pid, w.busiest?.path]));
      expect(busiest.get(10)).toBe('/srv/full/cache-0000.gz');
      for (const n of [1, 2, 3]) expect(busiest.get(10 + n)).toBe(`/srv/full/cache-000${n}.gz`);
      expect(writers(m).find((w) => w.pid === 11)!.files.find((f) => f.path.endsWith('0000.gz'))).toMatchObject({ growthRate: 0, grownBy: 10 });
    }
  });

  it('leaves a separately opened descriptor that did not move out of it', () => {
    // Two processes opened the same log on their own; only 21's position moved, although 20 wrote more elsewhere (a pipe).
    const step = (s: number) => [
      proc(20, 0, { io: io(0, s * 8 * MB, s), openWrites: [file(3, '/srv/full/app.log', s * MB, '7:0', 0)] }),
      proc(21, 0, { io: io(s * MB, s * MB, s), openWrites: [file(3, '/srv/full/app.log', s * MB, '7:0', s * MB)] }),
    ];
    const m = run([{ ps: step(1) }, { ps: step(2) }]);
    expect(writers(m).find((w) => w.pid === 21)!.busiest?.path).toBe('/srv/full/app.log');
    expect(writers(m).find((w) => w.pid === 20)!.busiest).toBeNull();
  });
});

describe('the creator of small files', () => {
  it('is linked to the filesystem whose inode use rises through its working directory', () => {
    const dirs = [{ path: '/srv/full/sessions', device: '7:0', cwd: true }];
    const step = (s: number) => ({ ps: [proc(30, 0, { io: io(s * 160 * 1024, s * 8000, s * 40), openWrites: [], dirs })], fs: fs(30_000, 60_000 - s * 40) });
    const m = run([step(0), step(1), step(2)]);
    const w = writers(m).find((r) => r.pid === 30)!;
    expect(w.creating).toEqual({ path: '/srv/full/sessions', device: '7:0', cwd: true, mount: '/srv/full' });
    const row = writersPaneLines(m, 140).find((l) => l.pid === 30)!.text;
    expect(row).toContain('/srv/full');
    expect(row).toContain('creating files in /srv/full/sessions (cwd)');
  });
});
