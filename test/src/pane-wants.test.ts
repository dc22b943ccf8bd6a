/** paneWants keeps the log-blind panes' answers across a log batch, asks again after a sample, and answers as the registry does. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { paneWants } from '../../src/panes/pane-wants.js';
import { PANE_REGISTRY } from '../../src/panes/registry.js';
import { disksPaneLines, disksWantedRows } from '../../src/panes/disk-lines.js';
import { selectFilesystems } from '../../src/model/disk-selectors.js';
import { ALL_PANES, type PaneId } from '../../src/core/types.js';
import { demoMessagesTo } from '../../demo/demo-source.js';
import { DEMOS } from '../../src/cli/options-types.js';

const T0 = Date.parse('2026-12-07T10:00:00Z');

function models(demo: (typeof DEMOS)[number], seconds: number): ModelState[] {
  let m = initialModel(600);
  const out: ModelState[] = [];
  for (const message of demoMessagesTo(demo, seconds, 1000, T0)) out.push((m = reduce(m, message)));
  return out;
}

/** What the registry answers for `model`, asked afresh. */
function asked(model: ModelState) {
  const wants: Partial<Record<PaneId, number>> = {};
  for (const id of ALL_PANES) {
    const w = PANE_REGISTRY[id].wants?.(model);
    if (w !== undefined) wants[id] = w;
  }
  return { ...wants, urgent: ALL_PANES.filter((id) => PANE_REGISTRY[id].placement?.(model) === 'top'), shown: ALL_PANES.filter((id) => PANE_REGISTRY[id].placement?.(model) === 'slot') };
}

afterEach(() => vi.restoreAllMocks());

describe('paneWants', () => {
  it('answers what the registry answers, state after state of every demo', () => {
    for (const demo of DEMOS) for (const m of models(demo, 40)) expect(paneWants(m)).toEqual(asked(m));
  });

  it('a log-only change keeps Disks, Writers and Network; Memory is asked again; another change asks them all', () => {
    const m = models('disk-fill', 20).at(-1)!;
    paneWants(m);
    const disks = vi.spyOn(PANE_REGISTRY.disks, 'wants');
    const network = vi.spyOn(PANE_REGISTRY.network, 'wants');
    const memory = vi.spyOn(PANE_REGISTRY.memory, 'placement');
    const logOnly: ModelState = { ...m, events: [...m.events, { t: 1, type: 'note', text: 'x' }] };
    expect(paneWants(logOnly)).toEqual(asked(m));
    expect(disks).toHaveBeenCalledTimes(1); // by asked() only
    expect(network).toHaveBeenCalledTimes(1);
    expect(memory).toHaveBeenCalledTimes(3); // paneWants, then asked() twice
    disks.mockClear();
    const sampled: ModelState = { ...logOnly, filesystems: new Map(m.filesystems ?? []) };
    paneWants(sampled);
    expect(disks).toHaveBeenCalledTimes(1);
  });

  it("disksWantedRows counts disksPaneLines' lines without making them", () => {
    for (const demo of DEMOS) {
      for (const m of models(demo, 60)) expect(disksWantedRows(m)).toBe(1 + disksPaneLines(selectFilesystems(m), 80).length);
    }
  });
});
