import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { FilesystemSample, Message, StatfsCounters } from '../../src/stream/messages.js';
import { selectFilesystems } from '../../src/model/disk-selectors.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { displayWidth } from '../../src/text/width.js';
import { DisksPane } from '../support/panes.js';
import { formatCountdown } from '../../src/panes/disk-lines.js';
import { header, sample } from '../support/samples.js';

const MiB = 1024 * 1024;
const fsample = (device: string, mountPoint: string, stat: StatfsCounters | null, over: Partial<FilesystemSample> = {}): FilesystemSample => ({
  device, source: '/dev/x', type: 'ext4', mountPoint, otherMounts: [], responding: true, stat, ...over,
});
const stat = (usedMiB: number, sizeMiB = 1000, reservedMiB = 50, files = 1000, ffree = 900): StatfsCounters => ({
  bsize: MiB, blocks: sizeMiB, bfree: sizeMiB - usedMiB, bavail: Math.max(0, sizeMiB - usedMiB - reservedMiB), files, ffree,
});

/** A model after `seconds` samples, where each filesystem list comes from `at(s)`. */
function model(seconds: number, at: (s: number) => FilesystemSample[]): ModelState {
  const messages: Message[] = [header()];
  for (let s = 0; s < seconds; s++) messages.push({ ...sample(s, s, s), filesystems: at(s) });
  return messages.reduce(reduce, initialModel(60));
}

const strip = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[\d;]*m/g, '');

describe('Disks pane', () => {
  it('sorts the soonest full first and shows rate and countdown', () => {
    const m = model(4, (s) => [
      fsample('1:1', '/calm', stat(100)),
      fsample('1:2', '/srv', stat(500 + s * 100)),
      fsample('1:3', '/slow', stat(100 + s)),
    ]);
    const rows = selectFilesystems(m);
    expect(rows.map((r) => r.mountPoint)).toEqual(['/srv', '/slow', '/calm']);
    expect(rows[0]!.fillRate).toBeCloseTo(100 * MiB);
    const { lastFrame } = render(<DisksPane model={m} width={118} height={8} selected={0} focused />);
    const frame = strip(lastFrame());
    expect(frame).toContain('+100M/s');
    expect(frame).toMatch(/full in \d+s/);
    expect(frame.split('\n').every((l) => displayWidth(l) <= 118)).toBe(true);
  });

  it('says in words when nothing is available but root still has reserve', () => {
    const m = model(3, () => [fsample('1:1', '/srv', stat(950, 1000, 50))]);
    const frame = strip(render(<DisksPane model={m} width={118} height={8} selected={0} focused />).lastFrame());
    expect(frame).toContain('0 B available — 50.0M reserved for root');
    expect(frame).toContain('FULL (users)');
  });

  it('shows inodes as the binding limit when they run out first', () => {
    const m = model(6, (s) => [fsample('1:1', '/mail', stat(100, 1000, 50, 2000, 1000 - s * 100))]);
    const fs = selectFilesystems(m)[0]!;
    expect(fs.inodesBind).toBe(true);
    expect(fs.inodes!.secondsToFull).toBeCloseTo(5, 0);
    const frame = strip(render(<DisksPane model={m} width={118} height={8} selected={0} focused />).lastFrame());
    expect(frame).toMatch(/inodes full in \ds/);
    expect(frame).toContain('inodes run out first: 1500/2000 used');
  });

  it('marks a filesystem that does not answer, keeping its last figures', () => {
    const m = model(4, (s) => [fsample('1:1', '/mnt/nfs', s < 2 ? stat(10) : null, { type: 'nfs4', responding: s < 2 })]);
    const frame = strip(render(<DisksPane model={m} width={118} height={8} selected={0} focused />).lastFrame());
    expect(frame).toContain('not responding');
    expect(selectFilesystems(m)[0]!.usedBytes).toBe(10 * MiB);
  });

  it('shows freeing without a countdown', () => {
    const m = model(5, (s) => [fsample('1:1', '/srv', stat(800 - s * 50))]);
    const frame = strip(render(<DisksPane model={m} width={118} height={6} selected={0} focused />).lastFrame());
    expect(frame).toContain('freeing 50.0M/s');
    expect(frame).not.toContain('full in');
  });

  it('sanitizes hostile mount paths and shortens long ones from the left', () => {
    const m = model(2, () => [
      fsample('1:1', '/srv/esc\x1b[31mred\x1b]0;pwn\x07 x\ny', stat(1)),
      fsample('1:2', `/very/long/${'d'.repeat(80)}/var/mod_gzip`, stat(1)),
    ]);
    const raw = render(<DisksPane model={m} width={118} height={6} selected={0} focused={false} />).lastFrame() ?? '';
    expect(raw).not.toMatch(/\x1b\]|\x07/);
    expect(strip(raw)).toContain('/srv/escred x y');
    expect(strip(raw)).toContain('…');
    expect(strip(raw)).toContain('/var/mod_gzip');
  });

  it('formats countdowns the way the brief does', () => {
    expect(formatCountdown(42)).toBe('42s');
    expect(formatCountdown(3 * 3600 + 600)).toBe('3h10m');
    expect(formatCountdown(125)).toBe('2m05s');
  });
});
