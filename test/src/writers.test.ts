import { describe, expect, it } from 'vitest';
import type { IoCounters, Message, ProcessSample } from '../../src/stream/messages.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { selectWriterGroups } from '../../src/model/writer-selectors.js';
import { header, proc, sample } from '../support/samples.js';

const MB = 1024 * 1024;
const io = (writeBytes: number, wchar = writeBytes): IoCounters => ({ rchar: 0, wchar, readBytes: 0, writeBytes, cancelledWriteBytes: 0 });
const p = (pid: number, writeBytes: number, over: Partial<ProcessSample> = {}): ProcessSample =>
  proc(pid, 0, { io: io(writeBytes), cgroup: '/system.slice/apache2.service', ...over });
const run = (...seconds: ProcessSample[][]): ModelState =>
  ([header(), ...seconds.map((ps, s) => sample(s, s, s, ps))] as Message[]).reduce(reduce, initialModel(60));
const writers = (m: ModelState) => selectWriterGroups(m).flatMap((g) => g.writers);

describe('writer rates', () => {
  it('computes write and wchar rates from counter deltas', () => {
    const m = run([p(10, 0)], [p(10, 20 * MB, { io: io(20 * MB, 30 * MB) })]);
    expect(writers(m)[0]).toMatchObject({ pid: 10, writeRate: 20 * MB, wcharRate: 30 * MB });
  });

  it('does not count a reaped child twice: its bytes already charged are taken off the parent', () => {
    // Second 1: child 11 wrote 5 MB. Second 2: it wrote 3 MB more and was reaped;
    // the kernel adds its 8 MB into the parent, which wrote 1 MB itself.
    const m = run(
      [p(10, 0), p(11, 0, { ppid: 10, startTicks: 200 })],
      [p(10, 0), p(11, 5 * MB, { ppid: 10, startTicks: 200 })],
      [p(10, 9 * MB)],
    );
    expect(writers(m)).toHaveLength(1);
    expect(writers(m)[0]!.writeRate).toBe(4 * MB);
  });

  it('turns counters re-read after being carried into a rate over the time between the two reads', () => {
    // The reader carried a quiet process's counters (read at t=100 s) for four
    // samples, then read them again at t=105 s: 10 MB more is 2 MB/s, not 10.
    const at = (s: number, bytes: number) => ({ io: { ...io(bytes), at: 100_000 + s * 1000 } });
    const m = run([p(10, 0, at(0, 0))], [p(10, 0, at(0, 0))], [p(10, 0, at(0, 0))], [p(10, 0, at(0, 0))], [p(10, 0, at(0, 0))], [p(10, 10 * MB, at(5, 10 * MB))]);
    expect(writers(m)[0]).toMatchObject({ pid: 10, writeRate: 2 * MB, wcharRate: 2 * MB });
  });

  it('charges children that lived and died between samples to their parent in full', () => {
    const m = run([p(10, 0)], [p(10, 12 * MB)]);
    expect(writers(m)[0]!.writeRate).toBe(12 * MB);
  });

  it('does not charge a recycled pid with the old process counters', () => {
    const m = run([p(10, 500 * MB, { startTicks: 100 })], [p(10, 2 * MB, { startTicks: 100_000 + 60_000 })]);
    expect(writers(m)[0]!.writeRate).toBe(2 * MB);
  });

  it('groups by unit with totals, busiest first, and drops idle processes', () => {
    const m = run(
      [p(10, 0), p(11, 0), p(12, 0, { cgroup: '/system.slice/cron.service' }), p(13, 0)],
      [p(10, 3 * MB), p(11, 2 * MB), p(12, 1 * MB, { cgroup: '/system.slice/cron.service' }), p(13, 0)],
    );
    const groups = selectWriterGroups(m);
    expect(groups.map((g) => [g.name, g.writeRate, g.writers.length])).toEqual([
      ['apache2.service', 5 * MB, 2],
      ['cron.service', 1 * MB, 1],
    ]);
  });

  it('takes group totals from cgroup io.stat where the kernel keeps them, and shows groups with no live writer', () => {
    const apache = '/system.slice/apache2.service';
    const php = '/system.slice/php-fpm.service';
    const messages: Message[] = [
      header(),
      { ...sample(0, 0, 0, [p(10, 0)]), cgroupWrites: [{ cgroup: apache, writeBytes: 0 }, { cgroup: php, writeBytes: 0 }] },
      { ...sample(1, 1, 1, [p(10, 2 * MB)]), cgroupWrites: [{ cgroup: apache, writeBytes: 7 * MB }, { cgroup: php, writeBytes: 3 * MB }] },
    ];
    const groups = selectWriterGroups(messages.reduce(reduce, initialModel(60)));
    expect(groups.map((g) => [g.name, g.writeRate, g.accounting, g.writers.length])).toEqual([
      ['apache2.service', 7 * MB, 'cgroup', 1],
      ['php-fpm.service', 3 * MB, 'cgroup', 0],
    ]);
  });

  it('ranks the writers to the filesystem selected in Disks first', () => {
    const on = (device: string) => [{ fd: 3, path: '/x', deleted: false, sizeBytes: 1, allocatedBytes: 1, device }];
    const m = run(
      [p(10, 0), p(12, 0, { cgroup: '/system.slice/cron.service' })],
      [p(10, 9 * MB, { openWrites: on('8:1') }), p(12, 1 * MB, { cgroup: '/system.slice/cron.service', openWrites: on('7:0') })],
    );
    expect(selectWriterGroups(m).map((g) => g.name)).toEqual(['apache2.service', 'cron.service']);
    expect(selectWriterGroups(m, '7:0').map((g) => g.name)).toEqual(['cron.service', 'apache2.service']);
    expect(writers(m)[0]).toMatchObject({ writeBytesTotal: 9 * MB, wcharTotal: 9 * MB });
  });

  it('resolves file mounts, growth and deleted-but-open space', () => {
    const file = (size: number, deleted = false) => ({ fd: 3, path: '/srv/x', deleted, sizeBytes: size, allocatedBytes: size, device: '7:0' });
    const fs = [{ device: '7:0', source: '/dev/loop0', type: 'ext4', mountPoint: '/srv', otherMounts: [], responding: true, stat: null }];
    const messages: Message[] = [
      header(),
      { ...sample(0, 0, 0, [p(10, 0, { openWrites: [file(0)] })]), filesystems: fs },
      { ...sample(1, 1, 1, [p(10, 4 * MB, { openWrites: [file(4 * MB, true)] })]), filesystems: fs },
    ];
    const w = writers(messages.reduce(reduce, initialModel(60)))[0]!;
    expect(w.busiest).toMatchObject({ path: '/srv/x', mount: '/srv', growthRate: 4 * MB });
    expect(w.deletedOpenBytes).toBe(4 * MB);
  });
});
