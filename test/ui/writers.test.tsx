import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { IoCounters, Message, ProcessSample } from '../../src/stream/messages.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { displayWidth } from '../../src/text/width.js';
import { processTarget } from '../../src/panes/targets.js';
import { ProcessDetail } from '../../ui/ProcessDetail.js';
import { WritersPane } from '../support/panes.js';
import { writersListLength, writersPaneLines } from '../../src/panes/writer-lines.js';
import { writerRows } from '../../src/panes/writer-lines.js';
import { header, proc, sample } from '../support/samples.js';

const MB = 1024 * 1024;
const io = (n: number): IoCounters => ({ rchar: 0, wchar: n, readBytes: 0, writeBytes: n, cancelledWriteBytes: 0 });
const file = (size: number, path = '/srv/var/mod_gzip/cache-0001.gz') => ({ fd: 5, path, deleted: false, sizeBytes: size, allocatedBytes: size, device: '7:0' });
const strip = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[\d;]*m/g, '');

function model(extra: Partial<ProcessSample> = {}, path?: string): ModelState {
  const fs = [{ device: '7:0', source: '/dev/loop0', type: 'ext4', mountPoint: '/srv', otherMounts: [], responding: true, stat: null }];
  const w = (n: number) => proc(42, 0, { user: 'www-data', cgroup: '/system.slice/apache2.service', io: io(n), openWrites: [file(n, path)], ...extra });
  const messages: Message[] = [header(), { ...sample(0, 0, 0, [w(0)]), filesystems: fs }, { ...sample(1, 1, 1, [w(100 * MB)]), filesystems: fs }];
  return messages.reduce(reduce, initialModel(60));
}

/** The pane over `m`'s rows, 6 rows high. */
const Writers = ({ m, width }: { m: ReturnType<typeof model>; width: number }) => <WritersPane model={m} width={width} height={6} selected={0} focused rows={writerRows(m)} />;

describe('Writers pane', () => {
  it('shows the group with its total and the writer with its rate, mount and busiest file', () => {
    const frame = strip(render(<Writers m={model()} width={100} />).lastFrame());
    expect(frame).toContain('apache2.service (unit) · 100M/s written');
    expect(frame).toMatch(/42 www-data\s+100M\/s\s+100M\/s \/srv\s+\/srv\/var\/mod_gzip\/cache-0001\.gz/);
  });

  it('keeps the file in a narrow pane (a 40x10 terminal), shortened from the left', () => {
    const frame = strip(render(<Writers m={model()} width={38} />).lastFrame());
    expect(frame).toMatch(/42 +100M\/s …[^ ]*cache-0001\.gz/);
    expect(frame.split('\n').every((l) => displayWidth(l) <= 38)).toBe(true);
    const wide = strip(render(<Writers m={model()} width={70} />).lastFrame());
    expect(wide).toContain('/srv/var/mod_gzip/cache-0001.gz');
  });

  it('sanitizes hostile process and file names', () => {
    const m = model({ cmdline: 'evil\x1b]0;t\x07\nname' }, '/srv/a\x1b[2Jb\nc');
    const raw = render(<WritersPane model={m} width={100} height={6} selected={0} focused={false} rows={writerRows(m)} />).lastFrame() ?? '';
    expect(raw).not.toMatch(/\x1b\]|\x1b\[2J|\x07/);
    expect(strip(raw)).toContain('/srv/ab c');
  });

  it('counts its lines without building them, consistently', () => {
    const m = model();
    expect(writersListLength(m)).toBe(writersPaneLines(m).length);
    expect(writersListLength(m)).toBe(2);
  });

  it('says so when nobody writes', () => {
    const idle = ([header(), sample(0, 0, 0, [proc(1, 0, { io: io(0) })]), sample(1, 1, 1, [proc(1, 0, { io: io(0) })])] as Message[]).reduce(reduce, initialModel(60));
    expect(strip(render(<WritersPane model={idle} width={80} height={5} selected={0} focused rows={writerRows(idle)} />).lastFrame())).toContain('no process is writing');
  });
});

describe('Process detail', () => {
  it('shows the command, unit, totals and files of the locked process', () => {
    const m = model();
    const target = { process: processTarget(m, m.processes[0]!), file: null };
    const frame = strip(render(<ProcessDetail model={m} target={target} width={100} height={20} />).lastFrame());
    expect(frame).toContain('Process 42');
    expect(frame).toContain('unit apache2.service');
    expect(frame).toContain('total 100M to disk');
    expect(frame).toMatch(/100M\s+100M\/s \/srv\s+\/srv\/var\/mod_gzip\/cache-0001\.gz/);
  });
});
