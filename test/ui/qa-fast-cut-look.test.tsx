/**
 * QA of the fast path: a line cut exactly where a span begins (the spans
 * before it fill width-1 cells, so the cut span keeps no text). Ink's slice
 * then holds no style of the cut span, so its '…' has the look of the last
 * text kept; the fast path gave it the look of the span cut to nothing. Seen
 * on the compact tab bar ('5 Network' fits, the dim '  Tab: next' does not:
 * a dim '…' instead of a plain one) and on a status line with an alert banner
 * (a dim '…' instead of the banner's inverse red).
 */
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../ui/App.js';
import { InkFrames } from '../../src/term/ink-frames.js';
import { parseFrame } from '../../src/term/cells.js';
import { fastFrame } from '../../src/draw/screen.js';
import { Store, shownModel } from '../../src/view/store.js';
import { initialModel } from '../../src/model/model.js';
import { demoMessagesTo } from '../../demo/demo-source.js';
import { fitLine, spansLine } from '../../src/panes/styled.js';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

/** The rows (text, then styles) where Ink and the fast path differ. */
function differing(args: Parameters<typeof fastFrame>[0], ink: InkFrames): string[] {
  const { width, height } = args;
  const a = parseFrame(ink.frame(<App {...args} />, width, height), width, height);
  const b = parseFrame(fastFrame(args)!, width, height);
  const out: string[] = [];
  for (let y = 0; y < height; y++) {
    if (a[y]!.chars.join('') !== b[y]!.chars.join('') || a[y]!.styles.join('|') !== b[y]!.styles.join('|')) {
      out.push(`row ${y}: ${a[y]!.chars.join('')}\n ink styles: ${a[y]!.styles.join('|')}\nfast styles: ${b[y]!.styles.join('|')}`);
    }
  }
  return out;
}

function demoArgs(width: number, height: number) {
  const store = new Store(initialModel(600));
  for (const m of demoMessagesTo('crash-loop', 70, 1000, Date.parse('2026-12-07T10:00:00Z'))) store.dispatchMessage(m);
  const { model: live, view } = store.getState();
  return { model: shownModel(store.getState()), live, view, width, height };
}

describe("a '…' where a span is cut to nothing", () => {
  it('fitLine gives it the look of the last text kept', () => {
    const line = spansLine([{ text: 'abcd', look: { color: 'red' } }, { text: 'efgh', look: { dim: true } }]);
    const spans = fitLine(line, 5);
    expect(spans.map((s) => s.text).join('')).toBe('abcd…');
    expect(spans[spans.length - 1]!.look).toEqual({ color: 'red' });
  });

  it('the compact tab bar at 46 columns is what Ink draws', () => {
    const ink = new InkFrames(46, 19);
    try {
      expect(differing(demoArgs(46, 19), ink)).toEqual([]);
    } finally {
      ink.close();
    }
  });

  it('the status line with an alert banner at 57 columns is what Ink draws', () => {
    const ink = new InkFrames(57, 17);
    try {
      expect(differing({ ...demoArgs(57, 17), banner: { text: 'SSH host · STALE 12s', alert: true } }, ink)).toEqual([]);
    } finally {
      ink.close();
    }
  });
});
