/** Zoom drawn by the App: each pane alone on the whole screen, and the zoomed Log's whole lines. */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import type { Message } from '../../src/stream/messages.js';
import { ALL_PANES } from '../../src/core/types.js';
import { initialView, stepView, type ViewState } from '../../src/view/view.js';
import { displayWidth } from '../../src/text/width.js';
import { entryRows } from '../../src/panes/log-wrap.js';
import { App } from '../../ui/App.js';
import { header, proc, sample } from '../support/samples.js';
import { testContext } from '../support/view-context.js';

const T0 = Date.UTC(2026, 11, 7, 3, 12, 0);
const LONG = 'Failed password for invalid user svc-nightly-backup-operator-account from 203.0.113.77 port 52344 ssh2';

function model(): ModelState {
  const messages: Message[] = [header({ cores: 2 })];
  for (let s = 0; s < 5; s++) messages.push({ ...sample(s, s * 30, s * 70, [proc(1, s), proc(2, 2 * s)]), t: T0 + s * 1000 });
  messages.push({ kind: 'log', t: T0 + 4000, source: '/var/log/auth.log', entries: Array.from({ length: 3 }, (_, i) => ({ t: T0 + 4000, priority: 6, unit: '', pid: 4242 + i, message: LONG, fields: { SYSLOG_IDENTIFIER: 'sshd' } })) });
  return messages.reduce(reduce, initialModel(60));
}

const strip = (s: string): string => s.replace(/\x1b\[[\d;]*m/g, '');
const frame = (m: ModelState, view: ViewState, width = 120, height = 40): string[] => {
  const { lastFrame, unmount } = render(<App model={m} live={m} view={view} width={width} height={height} />);
  const out = strip(lastFrame() ?? '').split('\n');
  unmount();
  return out;
};
const titles = (rows: string[]) => rows.flatMap((l) => [...l.matchAll(/╭─ (Disks|Writers|Log|CPU|Network|Memory)\b/g)].map((x) => x[1]));
const zoomOn = (pane: (typeof ALL_PANES)[number]): ViewState => {
  const ctx = testContext({ page: 1 });
  return stepView(stepView(initialView(), `focus.${pane}`, ctx), 'view.zoom', ctx);
};

describe('zoom in the App', () => {
  it.each(ALL_PANES)('draws %s alone on the whole screen, with the zoom marked, and the five panes again unzoomed', (pane) => {
    const m = model();
    const zoomed = zoomOn(pane);
    const rows = frame(m, zoomed);
    expect(rows).toHaveLength(40);
    const title = { disks: 'Disks', writers: 'Writers', log: 'Log', cpu: 'CPU', network: 'Network', memory: 'Memory' }[pane];
    expect(titles(rows)).toEqual([title]);
    expect(rows[0]).toMatch(new RegExp(`^╭─ ${title} \\[zoom: z/Esc\\]`));
    expect(rows[38]).toMatch(/^╰─+╯$/);
    expect(rows[39]).toContain('sitrep test-host');
    expect(rows.every((l) => displayWidth(l) <= 120)).toBe(true);
    expect(titles(frame(m, { ...zoomed, zoomed: false }))).toHaveLength(5);
  });

  it('zoomed below 80x24 too: the pane takes the body, no tab bar', () => {
    const rows = frame(model(), zoomOn('cpu'), 60, 15);
    expect(rows[0]).toMatch(/^╭─ CPU \[zoom/);
    expect(rows.join('\n')).not.toContain(' 1 Disks ');
  });

  it('the zoomed Log shows whole lines, wrapped: the source address is on screen where the layout cut it', () => {
    const m = model();
    const laidOut = frame(m, zoomOn('log')).join('\n');
    expect(laidOut).toContain('from 203.0.113.77 port 52344');
    expect(laidOut).toContain('whole lines');
    expect(frame(m, { ...zoomOn('log'), zoomed: false }).join('\n')).not.toContain('203.0.113.77');
    // At 80x24, each line wraps onto a second row, indented under the message.
    const narrow = frame(m, zoomOn('log'), 80, 24);
    const first = narrow.findIndex((l) => l.includes('sshd[4242]: Failed password'));
    expect(first).toBeGreaterThan(0);
    expect(narrow[first + 1]).toMatch(/^│ {9}\S/);
    // Broken at a space: the address is whole on one row.
    expect(narrow.slice(first, first + 3).some((l) => l.includes('203.0.113.77'))).toBe(true);
    expect(`${narrow[first]}${narrow[first + 1]}`.replace(/│/g, '').replace(/\s+/g, ' ')).toContain('from 203.0.113.77 port 52344 ssh2');
  });
});

describe('entryRows', () => {
  const line = { seq: 1, t: T0, priority: 6, unit: '', pid: 7, message: 'x'.repeat(500), fields: {} } as const;
  it('wraps to at most the row bound, the last row ending in … when the line is longer still', () => {
    const rows = entryRows(line, 40, T0, 3);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => displayWidth(r) === 40)).toBe(true);
    expect(rows[2]!.endsWith('…')).toBe(true);
    expect(entryRows({ ...line, message: 'short' }, 40, T0)).toHaveLength(1);
  });
});
