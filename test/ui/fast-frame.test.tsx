/**
 * The fast path (src/draw/screen.ts) draws the same cells as Ink's App for
 * every panes-only screen: each demo at several sizes, with the focus, the
 * selection, a filter being typed, the zoom, the pause and a search moved by
 * keys. Any cell that differs fails, with its row printed.
 */
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../ui/App.js';
import { InkFrames } from '../../src/term/ink-frames.js';
import { parseFrame } from '../../src/term/cells.js';
import { fastFrame, panesOnly } from '../../src/draw/screen.js';
import { Store } from '../../src/view/store.js';
import { initialModel } from '../../src/model/model.js';
import { pagesOf } from '../../src/panes/measure.js';
import { shownModel } from '../../src/view/store.js';
import { demoMessagesTo } from '../../demo/demo-source.js';
import { DEMOS } from '../../src/cli/options-types.js';

// Colours as the console has them (src/app/process-setup.ts), set before Ink's chalk loads (vi.hoisted runs before the imports).
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

const SIZES: ReadonlyArray<readonly [number, number]> = [[120, 40], [80, 24], [200, 50], [60, 20], [100, 30], [40, 10]];
// Key runs from the first screen: focus moves, selections, sorting, a filter typed, zoom, pause, a Log search.
const KEYS: readonly (readonly string[])[] = [
  [],
  ['2', 'j', 'j'],
  ['3', 'k', 'k', 'g'],
  ['4', 'j', 'j', 'j', 'P'],
  ['5'],
  ['6', 'j'],
  ['1', 'j', 'z'],
  ['3', 'z'],
  ['4', '\\', 'n', 'o'],
  ['p', '2', 'j'],
  ['3', '/', 'e', 'r', 'r', 'enter'],
  ['3', '&', 'z', 'z', 'z', 'enter', '/', 'a', 'enter', 'n'],
  ['4', 't'],
];

function storeAt(demo: (typeof DEMOS)[number], seconds: number): Store {
  const store = new Store(initialModel(600));
  for (const m of demoMessagesTo(demo, seconds, 1000, Date.parse('2026-12-07T10:00:00Z'))) store.dispatchMessage(m);
  return store;
}

function differences(a: string, b: string, width: number, height: number): string[] {
  const ra = parseFrame(a, width, height);
  const rb = parseFrame(b, width, height);
  const out: string[] = [];
  for (let y = 0; y < height && out.length < 6; y++) {
    const same = ra[y]!.chars.join('') === rb[y]!.chars.join('') && ra[y]!.styles.join('|') === rb[y]!.styles.join('|');
    if (!same) out.push(`row ${y}\n ink: ${ra[y]!.chars.join('')}\nfast: ${rb[y]!.chars.join('')}\n ink styles: ${ra[y]!.styles.join('|')}\nfast styles: ${rb[y]!.styles.join('|')}`);
  }
  return out;
}

describe('the fast path draws what Ink draws', () => {
  for (const demo of DEMOS) {
    it(`${demo}: every size and key run gives the same cells`, () => {
      const ink = new InkFrames(120, 40);
      let compared = 0;
      try {
        for (const keys of KEYS) {
          for (const [width, height] of SIZES) {
            const store = storeAt(demo, 90);
            for (const key of keys) {
              const s = store.getState();
              store.dispatchKey(key, { pages: pagesOf(shownModel(s), width, height, s.view) });
            }
            const { model: live, view } = store.getState();
            const model = shownModel(store.getState());
            const args = { model, live, view, width, height };
            const fast = fastFrame(args);
            if (!panesOnly(view) || width < 40) continue;
            expect(fast, `${keys.join('')} ${width}x${height}`).not.toBeNull();
            const drawn = ink.frame(<App {...args} />, width, height);
            expect(differences(drawn, fast!, width, height), `${demo} keys "${keys.join(' ')}" at ${width}x${height}`).toEqual([]);
            compared++;
          }
        }
      } finally {
        ink.close();
      }
      expect(compared).toBeGreaterThan(50);
    });
  }

  it('a pane kept across a log batch (src/draw/pane-memo.ts) is still what Ink draws, message after message', () => {
    const ink = new InkFrames(120, 40);
    const start = Date.parse('2026-12-07T10:00:00Z');
    let compared = 0;
    try {
      for (const demo of DEMOS) {
        for (const keys of [[], ['4', 'j'], ['p']]) {
          const messages = demoMessagesTo(demo, 95, 1000, start);
          const store = new Store(initialModel(600));
          const cut = messages.length - 40;
          for (const m of messages.slice(0, cut)) store.dispatchMessage(m);
          for (const key of keys) {
            const s = store.getState();
            store.dispatchKey(key, { pages: pagesOf(shownModel(s), 120, 40, s.view) });
          }
          for (const m of messages.slice(cut)) {
            store.dispatchMessage(m);
            const { model: live, view } = store.getState();
            const args = { model: shownModel(store.getState()), live, view, width: 120, height: 40 };
            const fast = fastFrame(args)!;
            expect(differences(ink.frame(<App {...args} />, 120, 40), fast, 120, 40), `${demo} "${keys.join(' ')}" after a ${m.kind}`).toEqual([]);
            compared++;
          }
        }
      }
    } finally {
      ink.close();
    }
    expect(compared).toBe(DEMOS.length * 3 * 40);
  });
});
