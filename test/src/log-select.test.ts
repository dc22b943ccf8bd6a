/**
 * The Log selection through the real store and keymap, with log batches
 * arriving between keys: the line drawn selected (drawnLogSeq, what both
 * renderers draw) is the line the keys picked, also on the newest line of a
 * filtered Log, after new lines, a pause, a filter and eviction from the ring.
 */
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/stream/messages.js';
import { LOG_LINES } from '../../src/model/log.js';
import { initialModel, reduce } from '../../src/model/model.js';
import { shownModel, Store } from '../../src/view/store.js';
import { drawnLogSeq, logSelection } from '../../src/view/view-log.js';
import { dialogOf } from '../../src/view/view.js';
import { header } from '../support/samples.js';
import { testMeasure } from '../support/view-context.js';

const T0 = 1_800_000_000_000;
let t = T0;
const hit = (ip: string): LogEntry => ({ t: ++t, priority: 6, unit: 'nginx.service', pid: 80, message: `${ip} - - "GET /wp-login.php HTTP/1.1" 404 0` });
const noise = (n: number): LogEntry => ({ t: ++t, priority: 6, unit: 'cron.service', pid: 90, message: `housekeeping pass ${n} done` });

function logStore(entries: LogEntry[]): Store {
  const st = new Store(reduce(initialModel(), header()));
  st.dispatchMessage({ kind: 'log', t, source: 'journald', entries });
  return st;
}
const arrive = (st: Store, ...entries: LogEntry[]) => st.dispatchMessage({ kind: 'log', t, source: 'journald', entries });
function keys(st: Store, ...ks: string[]): void {
  for (const k of ks) st.dispatchKey(k, testMeasure(10));
}
const typed = (st: Store, text: string) => keys(st, ...[...text].map((c) => (c === ' ' ? 'space' : c)));
/** The message of the line drawn selected in the focused Log, or null when none is. */
function drawn(st: Store): string | null {
  const state = st.getState();
  const model = shownModel(state);
  const seq = drawnLogSeq(state.view, { model }, state.view.focus === 'log');
  return seq === null ? null : (model.log!.lines.find((l) => l.seq === seq)?.message ?? `missing seq ${seq}`);
}
/** The line keys act on (b, Enter, f): the one logSelection gives. */
function target(st: Store): string | undefined {
  const state = st.getState();
  const { lines, index } = logSelection(state.view, { model: shownModel(state) });
  return lines[index]?.message;
}
const filtered = () => {
  const st = logStore([noise(1), hit('203.0.113.7'), noise(2), hit('198.51.100.8'), noise(3), hit('192.0.2.9'), noise(4)]);
  keys(st, '3', '&');
  typed(st, 'wp-login.php');
  keys(st, 'enter');
  expect(logSelection(st.getState().view, { model: st.getState().model }).lines).toHaveLength(3);
  return st;
};

describe('the Log selection while lines arrive', () => {
  it('g then j onto the newest line of a filtered Log draws it selected, and it stays picked when a newer match arrives', () => {
    const st = filtered();
    keys(st, 'g');
    expect(drawn(st)).toMatch(/^203\.0\.113\.7 /);
    keys(st, 'j', 'j');
    expect(drawn(st)).toMatch(/^192\.0\.2\.9 /); // before: following, nothing drawn selected
    arrive(st, hit('45.33.10.10'), noise(5));
    expect(drawn(st)).toMatch(/^192\.0\.2\.9 /);
    expect(target(st)).toMatch(/^192\.0\.2\.9 /); // before: the line that arrived
    keys(st, 'b');
    expect(dialogOf(st.getState().view, 'action')?.title).toBe('Block 192.0.2.0/24?');
  });

  it('g on a one-line Log, k from following and PgDn past the end pick a line; End and G follow again', () => {
    const st = logStore([hit('203.0.113.7')]);
    keys(st, '3');
    expect(drawn(st)).toBeNull(); // following: no line drawn selected
    keys(st, 'g');
    expect(drawn(st)).toMatch(/^203\.0\.113\.7 /);
    keys(st, 'end');
    expect(st.getState().view.log.anchor).toBeNull();
    keys(st, 'k');
    expect(drawn(st)).toMatch(/^203\.0\.113\.7 /);
    arrive(st, ...Array.from({ length: 30 }, (_, i) => noise(i)));
    keys(st, 'pagedown', 'pagedown', 'pagedown', 'pagedown');
    expect(drawn(st)).toBe('housekeeping pass 29 done');
    arrive(st, noise(30));
    expect(drawn(st)).toBe('housekeeping pass 29 done');
    keys(st, 'G');
    expect(drawn(st)).toBeNull();
    expect(target(st)).toBe('housekeeping pass 30 done');
  });

  it('data arriving between g and j moves nothing: j goes to the line after the one g picked', () => {
    const st = filtered();
    keys(st, 'g');
    arrive(st, hit('45.33.10.10'), noise(5), hit('45.33.10.11'));
    keys(st, 'j');
    expect(drawn(st)).toMatch(/^198\.51\.100\.8 /);
  });

  it('a filter applied after g follows the filtered tail (nothing drawn); the next step picks in the filtered list', () => {
    const st = logStore([hit('203.0.113.7'), noise(1), hit('198.51.100.8'), noise(2)]);
    keys(st, '3', 'g');
    expect(drawn(st)).toMatch(/^203\.0\.113\.7 /);
    keys(st, '&');
    typed(st, 'wp-login');
    keys(st, 'enter');
    expect(drawn(st)).toBeNull();
    expect(target(st)).toMatch(/^198\.51\.100\.8 /);
    keys(st, 'k');
    expect(drawn(st)).toMatch(/^203\.0\.113\.7 /);
    keys(st, 'j');
    expect(drawn(st)).toMatch(/^198\.51\.100\.8 /);
  });

  it('paused, j onto the newest line on screen keeps that line after p, whatever arrived meanwhile', () => {
    const st = filtered();
    keys(st, 'g', 'p');
    arrive(st, hit('45.33.10.10'));
    keys(st, 'j', 'j');
    expect(drawn(st)).toMatch(/^192\.0\.2\.9 /);
    keys(st, 'p');
    expect(st.getState().view.frozen).toBeNull();
    expect(drawn(st)).toMatch(/^192\.0\.2\.9 /);
    keys(st, 'z');
    expect(drawn(st)).toMatch(/^192\.0\.2\.9 /);
  });

  it('an anchored line evicted from the ring: the oldest kept line is drawn selected, and j goes on from it', () => {
    const st = filtered();
    keys(st, 'g', 'j', 'j');
    // Newer matches arrive, then enough lines to push every earlier one out of the ring.
    arrive(st, hit('45.33.10.10'), hit('45.33.10.11'));
    expect(drawn(st)).toMatch(/^192\.0\.2\.9 /);
    arrive(st, ...Array.from({ length: LOG_LINES - 2 }, (_, i) => noise(i)));
    expect(drawn(st)).toMatch(/^45\.33\.10\.10 /);
    keys(st, 'j');
    expect(drawn(st)).toMatch(/^45\.33\.10\.11 /);
    arrive(st, ...Array.from({ length: LOG_LINES }, (_, i) => noise(i)));
    expect(drawn(st)).toBeNull(); // no line matches any more: nothing to draw
    expect(target(st)).toBeUndefined();
  });
});
