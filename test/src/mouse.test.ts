import { describe, expect, it } from 'vitest';
import { answerAt, paneAt, parseMouse, rowOnLine } from '../../src/view/mouse.js';
import { initialModel, reduce } from '../../src/model/model.js';
import { paneRows } from '../../src/panes/pane-rows.js';
import type { Message } from '../../src/stream/messages.js';
import { header, proc, sample } from '../support/samples.js';
import { initialView } from '../../src/view/view.js';
import { layoutOf } from '../../src/panes/measure.js';
import { ALL_PANES } from '../../src/core/types.js';
import { tabLabel } from '../../src/panes/tab-labels.js';

describe('SGR mouse reports (issue 35)', () => {
  it('splits presses, releases and wheel steps out of the input, 0-based; keys stay', () => {
    const { events, rest } = parseMouse('j\x1b[<0;31;12M\x1b[<0;31;12m\x1b[<65;5;6M\x1b[<64;5;6MK\x1b[<35;2;2M');
    expect(events).toEqual([
      { kind: 'press', button: 0, x: 30, y: 11 },
      { kind: 'release', button: 0, x: 30, y: 11 },
      { kind: 'wheel-down', button: 65, x: 4, y: 5 },
      { kind: 'wheel-up', button: 64, x: 4, y: 5 },
    ]);
    expect(rest).toBe('jK');
    expect(parseMouse('\x1b[A').rest).toBe('\x1b[A');
  });
});

describe("what a click lands on (issue 35)", () => {
  it("a dialog's No and Yes by their cells on the drawn line (after box-drawing characters); elsewhere nothing", () => {
    const line = '║ ' + '  No  ' + '   ' + '  Yes  ' + '   ←/→ choose · Enter take';
    expect(answerAt(line, 2)).toBe('no');
    expect(answerAt(line, 7)).toBe('no');
    expect(answerAt(line, 9)).toBe(null);
    expect(answerAt(line, 11)).toBe('yes');
    expect(answerAt(line, 17)).toBe('yes');
    expect(answerAt(line, 18)).toBe(null);
    expect(answerAt('║ Send a signal to 42?', 5)).toBe(null);
  });

  it("the pane under a cell is the frame's own layout", () => {
    const model = initialModel(60);
    const view = initialView();
    const layout = layoutOf(model, 150, 45, ALL_PANES, view.focus, false);
    if (layout.kind !== 'full') throw new Error(`layout ${layout.kind}`);
    for (const [id, r] of layout.panes) expect(paneAt(model, view, 150, 45, r.x + 1, r.y + 1)?.pane).toBe(id);
    expect(paneAt(model, view, 150, 45, 0, 44)).toBe(null);
  });
});

describe('the compact layout (issue 35)', () => {
  it('a press on the tab bar names the pane of the tab under it; the body is the shown pane', () => {
    const model = initialModel(60);
    const view = initialView();
    // ' 1 Disks  2 Writers  3 Log ...': tabs side by side from column 0.
    const labels = ALL_PANES.map((p) => tabLabel(p));
    let x = 0;
    ALL_PANES.forEach((p, i) => {
      expect(paneAt(model, view, 60, 15, x + 1, 0)).toMatchObject({ pane: p, tab: true });
      x += labels[i]!.length;
    });
    expect(paneAt(model, view, 60, 15, x + 5, 0)).toBe(null);
    expect(paneAt(model, view, 60, 15, 5, 3)).toMatchObject({ pane: view.focus });
    expect(paneAt(model, view, 60, 15, 5, 3)?.tab).toBeUndefined();
  });
});

describe('the row a clicked line shows (issue 35)', () => {
  const fs = (device: string, mountPoint: string) => ({ device, source: `/dev/${device}`, type: 'ext4', mountPoint, otherMounts: [], responding: true, stat: { bsize: 4096, blocks: 1000, bfree: 500, bavail: 450, files: 100, ffree: 50 } });
  const messages: Message[] = [header(), { ...sample(1, 1, 1, [proc(4242, 10)]), filesystems: [fs('sda1', '/'), fs('sdb', '/srv/data')] }];
  const model = messages.reduce(reduce, initialModel(60));
  const view = initialView();
  const disks = paneRows(model, 'disks', view)!;
  const index = (mount: string) => disks.findIndex((r) => r.label === mount);

  it('a mount by its whole column value: "/" is not the start of "/srv/data"', () => {
    expect(rowOnLine(model, view, 'disks', '│ /srv/data      ext4  sdb   50%  │')).toBe(index('/srv/data'));
    expect(rowOnLine(model, view, 'disks', '│ /              ext4  sda1  50%  │')).toBe(index('/'));
    expect(rowOnLine(model, view, 'disks', '│ /srv/da…a      ext4  sdb   50%  │')).toBe(null);
    expect(rowOnLine(model, view, 'disks', '│ MOUNT          TYPE  DEV   USE  │')).toBe(null);
  });

  it('a process by the pid its line starts with', () => {
    const cpu = paneRows(model, 'cpu', view)!;
    expect(rowOnLine(model, view, 'cpu', '│ 4242 root  0.0  sh │')).toBe(cpu.findIndex((r) => r.pid === 4242));
    expect(rowOnLine(model, view, 'cpu', '│ 4243 root  0.0  sh │')).toBe(null);
  });
});
