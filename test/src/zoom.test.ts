/** Zoom (z): the reducer's state, the layout it gives, the measures it pages by, and selection by identity across it. */
import { describe, expect, it } from 'vitest';
import { commandFor, type Command } from '../../src/view/keymap.js';
import { initialModel, reduce } from '../../src/model/model.js';
import { ALL_PANES, type PaneId } from '../../src/core/types.js';
import { Store } from '../../src/view/store.js';
import { initialView, stepView, type ViewContext, type ViewState } from '../../src/view/view.js';
import { computeLayout } from '../../src/panes/layout.js';
import { pagesOf } from '../../src/panes/measure.js';
import { paneRows } from '../../src/panes/pane-rows.js';
import { rowTarget } from '../../src/panes/targets.js';
import { helpLines } from '../../src/view/keymap-help.js';
import { header, proc, sample } from '../support/samples.js';
import { testContext } from '../support/view-context.js';

const ctx: ViewContext = testContext({ rows: 50 });
const apply = (commands: Command[], view: ViewState = initialView(ALL_PANES)): ViewState => commands.reduce((v, c) => stepView(v, c, ctx, ALL_PANES), view);

describe('zoom in the view reducer', () => {
  it('z and Esc are bound in normal mode, and the help lists them', () => {
    expect(commandFor('z', 'normal')).toBe('view.zoom');
    expect(commandFor('escape', 'normal')).toBe('zoom.exit');
    // Esc keeps its meaning elsewhere: it still cancels a filter, a search and a dialog.
    expect(commandFor('escape', 'list-filter')).toBe('filter.cancel');
    expect(commandFor('escape', 'log-search')).toBe('search.cancel');
    expect(commandFor('escape', 'confirm-signal')).toBe('dialog.no');
    expect(commandFor('escape', 'browse')).toBe('browse.escape');
    const help = helpLines('live').map((l) => (l.kind === 'binding' ? `${l.label} ${l.help}` : l.title)).join('\n');
    expect(help).toMatch(/z\s+zoom: the focused pane takes the whole screen/);
    expect(help).toMatch(/Esc\s+zoom: back to the whole layout/);
  });

  it.each(ALL_PANES)('zooms %s and gives the layout back with z or with Esc', (pane) => {
    const focus = `focus.${pane}` as Command;
    const zoomed = apply([focus, 'view.zoom']);
    expect(zoomed).toMatchObject({ focus: pane, zoomed: true });
    expect(apply([focus, 'view.zoom', 'view.zoom']).zoomed).toBe(false);
    expect(apply([focus, 'view.zoom', 'zoom.exit']).zoomed).toBe(false);
    // Esc with nothing zoomed changes nothing.
    expect(apply([focus, 'zoom.exit'])).toEqual(apply([focus]));
  });

  it('keeps the zoom when the focus moves (the zoomed pane follows it) and leaves selections alone', () => {
    const v = apply(['focus.cpu', 'select.down', 'select.down', 'view.zoom', 'focus.next']);
    expect(v).toMatchObject({ focus: 'network', zoomed: true });
    expect(v.selected.cpu).toBe(2);
    expect(apply(['view.zoom', 'focus.log', 'zoom.exit']).selected).toEqual(initialView(ALL_PANES).selected);
  });

  it('refuses ← → in the zoomed Log with a reason (it wraps whole lines), and scrolls it when not zoomed', () => {
    const zoomed = apply(['focus.log', 'view.zoom', 'pane.right']);
    expect(zoomed.log.hscroll).toBe(0);
    expect(zoomed.notice).toMatch(/zoomed Log shows whole lines/);
    expect(apply(['focus.log', 'pane.right']).log.hscroll).toBeGreaterThan(0);
  });
});

describe('zoom in the layout and the measures', () => {
  it.each(ALL_PANES)('gives %s the whole body at 120x40, 80x24 and 60x15', (pane) => {
    for (const [w, h] of [[120, 40], [80, 24], [60, 15]] as const) {
      const layout = computeLayout(w, h, ALL_PANES, pane, {}, true);
      expect(layout).toEqual({ kind: 'full', panes: [[pane, { x: 0, y: 0, width: w, height: h - 1 }]] });
    }
    expect(computeLayout(30, 8, ALL_PANES, pane, {}, true).kind).toBe('too-small');
    expect(computeLayout(120, 40, ALL_PANES, pane, {}, false)).toMatchObject({ kind: 'full', panes: { length: 5 } });
  });

  it('pages by the zoomed pane: more rows than in the layout', () => {
    const m = [header(), sample(0, 0, 0, Array.from({ length: 80 }, (_, i) => proc(100 + i, i)))].reduce(reduce, initialModel());
    const view = { ...initialView(ALL_PANES), focus: 'cpu' as PaneId };
    const laidOut = pagesOf(m, 120, 40, view).cpu;
    const zoomed = pagesOf(m, 120, 40, { ...view, zoomed: true }).cpu;
    expect(laidOut).toBeGreaterThan(0);
    expect(zoomed).toBeGreaterThan(laidOut + 5);
  });

  it('keeps the selected process by identity across zoom, unzoom and a re-sort', () => {
    const procs = (order: number[]) => order.map((pid, i) => proc(pid, 1000 - i * 10));
    const store = new Store([header(), sample(0, 0, 0, procs([10, 20, 30, 40])), sample(1, 100, 100, procs([10, 20, 30, 40]).map((p) => ({ ...p, cpuTicks: p.cpuTicks + (50 - p.pid) * 3 })))].reduce(reduce, initialModel()), initialView(ALL_PANES));
    const measure = () => ({ pages: pagesOf(store.getState().model, 120, 40, store.getState().view) });
    for (const key of ['4', 'j', 'j', 'z']) store.dispatchKey(key, measure());
    const before = store.getState().view;
    expect(before.zoomed).toBe(true);
    const chosen = before.anchors.cpu;
    expect(chosen).not.toBeNull();
    // The list re-sorts: the selection follows the process, not the row number.
    store.dispatchMessage(sample(2, 200, 200, procs([10, 20, 30, 40]).map((p) => ({ ...p, cpuTicks: p.cpuTicks + p.pid * 40 }))));
    store.dispatchKey('escape', measure());
    const after = store.getState().view;
    expect(after.zoomed).toBe(false);
    expect(after.anchors.cpu).toEqual(chosen);
    // The row drawn as selected is that process, at its new place in the list.
    const pid = Number(/^proc:(\d+):/.exec(chosen!.key)?.[1]);
    const model = store.getState().model;
    expect(rowTarget(model, paneRows(model, 'cpu', after)?.[after.selected.cpu])?.process.pid).toBe(pid);
    expect(after.selected.cpu).not.toBe(before.selected.cpu);
  });
});
