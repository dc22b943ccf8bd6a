/** What is computed from everything but the log is kept across a log batch (besidesLog, memoBesidesLog), and made again after a sample. */
import { describe, expect, it } from 'vitest';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { besidesLog } from '../../src/model/same-besides-log.js';
import { selectFilesystems } from '../../src/model/disk-selectors.js';
import { selectWriterGroups } from '../../src/model/writer-selectors.js';
import { selectRanges } from '../../src/model/net-ranges.js';
import { paneRows } from '../../src/panes/pane-rows.js';
import { INITIAL_LISTS } from '../../src/core/list-options.js';
import { demoMessagesTo } from '../../demo/demo-source.js';

function lastModel(): ModelState {
  let m = initialModel(600);
  for (const message of demoMessagesTo('disk-fill', 20, 1000, Date.parse('2026-12-07T10:00:00Z'))) m = reduce(m, message);
  return m;
}

describe('besidesLog', () => {
  const m = lastModel();
  const logOnly: ModelState = { ...m, events: [...m.events, { t: 1, type: 'note', text: 'x' }] };
  const sampled: ModelState = { ...logOnly, processes: [...m.processes] };
  const view = { selected: { disks: 0 }, lists: INITIAL_LISTS } as Parameters<typeof paneRows>[2];

  it('a log-only successor has the same key; a sample makes a new one', () => {
    expect(besidesLog(m)).toBe(m);
    expect(besidesLog(logOnly)).toBe(m);
    expect(besidesLog(sampled)).toBe(sampled);
  });

  it("the log-blind selectors and panes' rows answer a log-only successor with the same objects; a sample, afresh but equal", () => {
    for (const [state, same] of [[logOnly, true], [sampled, false]] as const) {
      for (const select of [selectFilesystems, selectRanges] as const) expect(select(state, null) === select(m, null)).toBe(same);
      expect(selectWriterGroups(state) === selectWriterGroups(m)).toBe(same);
      expect(selectFilesystems(state)).toEqual(selectFilesystems(m));
      for (const pane of ['disks', 'writers', 'cpu', 'network'] as const) expect(paneRows(state, pane, view) === paneRows(m, pane, view)).toBe(same);
    }
  });
});
