/** Figures an admin must be able to trust: full, cancelled writes, busiest file, units. */
import { describe, expect, it } from 'vitest';
import type { FilesystemSample, IoCounters, Message, ProcessSample, StatfsCounters } from '../../src/stream/messages.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { dfUse, fullForUsers, selectFilesystems } from '../../src/model/disk-selectors.js';
import { selectWriterGroups } from '../../src/model/writer-selectors.js';
import { etaText, noteLine, rowLine } from '../../src/panes/disk-lines.js';
import { fleetSummary } from '../../src/model/fleet.js';
import { formatBytes } from '../../src/text/format.js';
import { header, proc, sample } from '../support/samples.js';
import { writeRecordingFile } from '../support/recording-file.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

function fs(device: string, mountPoint: string, stat: StatfsCounters, type = 'ext4'): FilesystemSample {
  return { device, source: `/dev/${device}`, type, mountPoint, otherMounts: [], responding: true, stat };
}
/** statfs counters for `size` bytes with `used` used and `reserved` held for root, 4 KiB blocks. */
function counters(size: number, used: number, reserved: number, files = 0, ffree = 0): StatfsCounters {
  const b = (n: number) => Math.round(n / 4096);
  return { bsize: 4096, blocks: b(size), bfree: b(size - used), bavail: Math.max(0, b(size - used - reserved)), files, ffree };
}
function model(...seconds: FilesystemSample[][]): ModelState {
  const messages: Message[] = [header(), ...seconds.map((f, s) => ({ ...sample(s, s, s), filesystems: f }))];
  return messages.reduce(reduce, initialModel(60));
}

describe('a full filesystem is called full', () => {
  it('calls full what ext4 leaves under one 1 MiB write (measured: 656 KiB left after ENOSPC)', () => {
    expect(fullForUsers(656 * KiB, 973 * MiB)).toBe(true);
    expect(fullForUsers(176 * KiB, 973 * MiB)).toBe(true);
    expect(fullForUsers(0, 200 * MiB)).toBe(true);
    expect(fullForUsers(8 * MiB, 973 * MiB)).toBe(false);
    // an empty 1 MiB tmpfs is not full; a full one is
    expect(fullForUsers(1 * MiB, 1 * MiB)).toBe(false);
    expect(fullForUsers(0, 1 * MiB)).toBe(true);
  });

  it('sorts the full one first, with the reserve wording, even below a busier root', () => {
    const root = fs('8:1', '/', counters(100 * GiB, 24 * GiB, 5 * GiB));
    const srv = fs('7:0', '/srv', counters(973 * MiB, 973 * MiB - 176 * KiB - 48 * MiB, 48 * MiB));
    const [first] = selectFilesystems(model([root, srv], [root, srv]));
    expect(first!.mountPoint).toBe('/srv');
    expect(etaText(first!)).toBe('FULL (users)');
    expect(noteLine(first!)).toMatch(/176K available — 48\.0M reserved for root/);
  });

  it('says FULL without a reserve on a tmpfs', () => {
    const tmp = fs('0:50', '/run/shm', counters(200 * MiB, 200 * MiB, 0), 'tmpfs');
    const [row] = selectFilesystems(model([tmp]));
    expect(etaText(row!)).toBe('FULL');
    expect(noteLine(row!)).toContain('no reserve: root cannot write either');
  });

  it('sorts a filesystem at 99% use above ones that are not urgent', () => {
    const big = fs('8:1', '/', counters(100 * GiB, 60 * GiB, 0));
    const nearly = fs('8:2', '/data', counters(100 * GiB, 99.2 * GiB, 0));
    const rows = selectFilesystems(model([big, nearly], [big, nearly]));
    expect(rows.map((r) => r.mountPoint)).toEqual(['/data', '/']);
  });

  it('shows no inode countdown that is days away (2 inodes/s on a large root)', () => {
    const at = (s: number) => fs('8:1', '/', counters(100 * GiB, 20 * GiB, 0, 6_000_000, 6_000_000 - 1_000_000 - 2 * s));
    const [row] = selectFilesystems(model([at(0)], [at(1)], [at(2)], [at(3)]));
    expect(row!.inodes!.secondsToFull).toBeNull();
    expect(row!.inodesBind).toBe(false);
    expect(etaText(row!)).toBe('');
  });
});

describe("use is df's Use% (issue 29)", () => {
  it('rounds up to a whole percent as GNU df does, on used / (used + avail)', () => {
    expect(dfUse(0, 100)).toBe(0);
    expect(dfUse(0, 0)).toBe(0);
    expect(dfUse(28, 72)).toBe(0.28);
    expect(dfUse(2801, 7199)).toBe(0.29); // 28.01% shows as 29%
    expect(dfUse(9899, 101)).toBe(0.99);
    expect(dfUse(9999, 1)).toBe(1);
    // The real / of the machine this was seen on: df said 23%, used / size said 9%.
    expect(dfUse(24406712, 81984200)).toBe(0.23);
  });

  it('gives the console, the snapshot field and the fleet row one figure, with a large root reserve', () => {
    // 252 GiB, 23.5 GiB used, 78 GiB available: 151 GiB reserved for root.
    const m = model([fs('vda', '/', { bsize: 1024, blocks: 264212084, bfree: 264212084 - 24406712, bavail: 81984200, files: 100, ffree: 90 })]);
    const row = selectFilesystems(m)[0]!;
    expect(row.blocksUse).toBe(0.23);
    expect(row.useFraction).toBe(0.23);
    expect(rowLine(row, 120)).toMatch(/ 23% /);
    expect(fleetSummary(m).usedFraction).toBe(0.23);
  });
});

describe('inodes: USE and the sort follow whichever runs out first (issue 29)', () => {
  it('at 99% of inodes with nothing filling, the row is limited by inodes, USE is inode use, and it sorts above a fuller-by-bytes root', () => {
    const m = model([
      fs('vda', '/', counters(100 * GiB, 60 * GiB, 0, 1_000_000, 900_000)),
      fs('loop0', '/srv/spool', counters(64 * MiB, 6 * MiB, 0, 4032, 41)),
    ]);
    const [first, second] = selectFilesystems(m);
    expect(first!.mountPoint).toBe('/srv/spool');
    expect(first!.inodesBind).toBe(true);
    expect(first!.useFraction).toBe(0.99);
    expect(first!.blocksUse).toBe(0.1);
    expect(etaText(first!)).toBe('inodes 99% used');
    expect(rowLine(first!, 120)).toMatch(/ 99% /);
    expect(second!.mountPoint).toBe('/');
    expect(second!.inodesBind).toBe(false);
  });

  it('a byte countdown sooner than the inodes keeps the row on blocks', () => {
    const full = (s: number) => fs('loop0', '/srv/x', counters(1 * GiB, 500 * MiB + s * 100 * MiB, 0, 4032, 41));
    const row = selectFilesystems(model([full(0)], [full(1)], [full(2)]))[0]!;
    expect(row.secondsToFull).not.toBeNull();
    expect(row.inodesBind).toBe(false);
    expect(row.useFraction).toBe(row.blocksUse);
  });
});

describe('WRITE counts writes that land', () => {
  const io = (writeBytes: number, cancelledWriteBytes: number): IoCounters => ({ rchar: 0, wchar: writeBytes, readBytes: 0, writeBytes, cancelledWriteBytes });
  const run = (...seconds: ProcessSample[][]): ModelState =>
    ([header(), ...seconds.map((ps, s) => sample(s, s, s, ps))] as Message[]).reduce(reduce, initialModel(60));

  it('subtracts cancelled_write_bytes (dirty pages truncated before writeback)', () => {
    const m = run([proc(10, 0, { io: io(0, 0) })], [proc(10, 0, { io: io(42 * MiB, 40 * MiB) })]);
    const w = selectWriterGroups(m).flatMap((g) => g.writers)[0]!;
    expect(w.writeRate).toBe(2 * MiB);
    expect(w.writeBytesTotal).toBe(2 * MiB);
  });

  it('never shows a negative rate for a process that only truncates', () => {
    const m = run([proc(10, 0, { io: io(0, 0) })], [proc(10, 0, { io: io(0, 8 * MiB) })]);
    expect(selectWriterGroups(m).flatMap((g) => g.writers)).toEqual([]);
  });
});

describe('the busiest file is the growing one', () => {
  const io = (n: number): IoCounters => ({ rchar: 0, wchar: n, readBytes: 0, writeBytes: n, cancelledWriteBytes: 0 });
  const file = (fd: number, path: string, size: number) => ({ fd, path, deleted: false, sizeBytes: size, allocatedBytes: size, device: '7:0' });
  const run = (...seconds: ProcessSample[][]): ModelState =>
    ([header(), ...seconds.map((ps, s) => sample(s, s, s, ps))] as Message[]).reduce(reduce, initialModel(60));

  it('names the file that grew, not a larger quiet one', () => {
    const at = (n: number) => proc(10, 0, { io: io(n), openWrites: [file(2, '/var/log/quiet.log', 500 * MiB), file(5, '/srv/growing', n)] });
    const w = selectWriterGroups(run([at(0)], [at(10 * MiB)])).flatMap((g) => g.writers)[0]!;
    expect(w.busiest?.path).toBe('/srv/growing');
  });

  it('names no file when none grew (a parent whose children did the writing)', () => {
    const at = (n: number) => proc(10, 0, { io: io(n), openWrites: [file(2, '/root/npm-test.log', 6800)] });
    const w = selectWriterGroups(run([at(0)], [at(50 * MiB)])).flatMap((g) => g.writers)[0]!;
    expect(w.writeRate).toBe(50 * MiB);
    expect(w.busiest).toBeNull();
  });
});

describe('small wrongs', () => {
  it('reads 1019K as 1.0M, and keeps three digits', () => {
    expect(formatBytes(1019 * KiB)).toBe('1.0M');
    expect(formatBytes(999)).toBe('999B');
    expect(formatBytes(99.97 * MiB)).toBe('100M');
    expect(formatBytes(1.5 * KiB)).toBe('1.5K');
  });
});

describe('a crash in file mode is counted once', () => {
  it('merges a kernel segfault naming the binary with the unit crash a moment later (php-cgi / php-fcgi.service)', async () => {
    const { parseSyslogLine } = await import('../../collectors/log/parse-journal.js');
    const { updateLog } = await import('../../src/model/log.js');
    const { selectCrashes } = await import('../../src/model/log-selectors.js');
    const now = new Date(2026, 11, 2, 1, 0, 30).getTime();
    let log = null as ReturnType<typeof updateLog> | null;
    for (let i = 0; i < 6; i++) {
      const at = (s: number) => `Dec  2 01:00:${String(i * 4 + s).padStart(2, '0')} web`;
      const lines = [
        `${at(0)} kernel: php-cgi[${100 + i}]: segfault at 10 ip 0000 sp 0000 error 4 in php-cgi[5000+1000]`,
        `${at(0)} systemd[1]: php-fcgi.service: Main process exited, code=dumped, status=11/SEGV`,
        `${at(0)} systemd[1]: php-fcgi.service: Failed with result 'core-dump'.`,
      ];
      log = updateLog(log, { kind: 'log', t: now, source: '/var/log/syslog', entries: lines.map((l) => parseSyslogLine(l, now)) });
    }
    const counts = selectCrashes(log!, now);
    expect(counts.map((c) => [c.unit, c.count10m])).toEqual([['php-fcgi.service', 6]]);
  });
});

describe('the drill-down lists writers under a directory fastest first', () => {
  it('sorts "writing under" by rate, not by group order', async () => {
    const { selectWritersUnder } = await import('../../src/model/writer-selectors.js');
    const io = (n: number): IoCounters => ({ rchar: 0, wchar: n, readBytes: 0, writeBytes: n, cancelledWriteBytes: 0 });
    const f = (path: string, size: number) => ({ fd: 3, path, deleted: false, sizeBytes: size, allocatedBytes: size, device: '7:0' });
    // The slow writer's group (2 processes, more in total) sorts first in Writers.
    const at = (s: number) => [
      proc(10, 0, { io: io(s * 1 * MiB), cgroup: '/system.slice/a.service', openWrites: [f('/srv/a.log', s * MiB)] }),
      proc(11, 0, { io: io(s * 9 * MiB), cgroup: '/system.slice/a.service', openWrites: [f('/var/other', s * MiB)] }),
      proc(12, 0, { io: io(s * 5 * MiB), cgroup: '/system.slice/b.service', openWrites: [f('/srv/b.log', s * MiB)] }),
    ];
    const m = ([header(), sample(0, 0, 0, at(0)), sample(1, 1, 1, at(1))] as Message[]).reduce(reduce, initialModel(60));
    expect(selectWriterGroups(m).map((g) => g.name)).toEqual(['a.service', 'b.service']);
    expect(selectWritersUnder(m, '/srv').map((w) => w.pid)).toEqual([12, 10]);
  });
});

describe('one time format, proper plurals, replay at real time', () => {
  it('writes a moment as local HH:MM:SS on the same day, with the date otherwise', async () => {
    const { formatTime, plural } = await import('../../src/text/format.js');
    const at = new Date(2026, 11, 2, 9, 5, 7).getTime();
    expect(formatTime(at, new Date(2026, 11, 2, 23, 0, 0).getTime())).toBe('09:05:07');
    expect(formatTime(at, new Date(2026, 11, 3, 0, 0, 1).getTime())).toBe('2026-12-02 09:05:07');
    expect(formatTime(at)).toBe('2026-12-02 09:05:07');
    expect([plural(1, 'file'), plural(17, 'file'), plural(1, 'entry', 'entries'), plural(0, 'entry', 'entries'), plural(1, 'directory', 'directories')])
      .toEqual(['1 file', '17 files', '1 entry', '0 entries', '1 directory']);
  });

  it('starts a replay at ×1', async () => {
    const { ReplaySource } = await import('../../src/sources/replay-source.js');
    const { openRecording } = await import('../../src/record/reader.js');
    const file = writeRecordingFile([header(), sample(0, 0, 0), sample(1, 1, 1)]);
    const opened = await openRecording(file);
    if ('error' in opened) throw new Error(opened.error);
    const replay = new ReplaySource(file, opened, 1000);
    expect(replay.banner()?.text).toMatch(/ ×1 /);
    replay.stop();
  });
});
