/**
 * Issue 32: a sample that did not walk the socket tables because no counter
 * moved (`quiet`) is a read that saw nothing new: new connections per second
 * fall to 0 over the window instead of holding the last walk's rate.
 */
import { describe, expect, it } from 'vitest';
import type { NetSample, SocketRow } from '../../src/stream/net-messages.js';
import { foldSockets, type FoldMemory } from '../../src/sources/net-fold.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { NEW_WINDOW_MS } from '../../src/model/net.js';
import { header, sample } from '../support/samples.js';

const row = (remotePort: number, inode: number): SocketRow => ({
  proto: 'tcp', localAddress: '192.0.2.1', localPort: 80, remoteAddress: '203.0.113.5', remotePort, state: 'ESTABLISHED', txQueue: 0, rxQueue: 0, uid: 0, inode,
});
const listener: SocketRow = { ...row(0, 9), localAddress: '0.0.0.0', remoteAddress: '0.0.0.0', state: 'LISTEN' };
const tcp = (passiveOpens: number) => ({ listenOverflows: 0, listenDrops: 0, syncookiesSent: 0, retransSegs: 0, passiveOpens, activeOpens: 0, estabResets: 0 });

/** Three walks a second apart, 5 new connections each, then `quietSeconds` samples without a walk (flagged quiet or not). */
function run(quietSeconds: number, flagged: boolean): ModelState {
  let m = reduce(initialModel(), header());
  let memory: FoldMemory | null = null;
  let rows: SocketRow[] = [listener];
  for (let i = 0; i < 3; i++) {
    rows = [...rows, ...[0, 1, 2, 3, 4].map((k) => row(1000 + i * 10 + k, 100 + i * 10 + k))];
    const folded = foldSockets(rows, memory, () => null, 1);
    memory = folded.memory;
    m = reduce(m, { ...sample(i, 100, 100), net: { interfaces: [], tcp: tcp(i * 5), sockstat: null, table: folded.table } });
  }
  for (let s = 3; s < 3 + quietSeconds; s++) {
    const net: NetSample = { interfaces: [], tcp: tcp(10), sockstat: null, ...(flagged ? { quiet: true } : {}) };
    m = reduce(m, { ...sample(s, 100, 100), net });
  }
  return m;
}

describe('quiet samples (issue 32)', () => {
  it('a burst of 5 new a second reads 5/s, then falls to 0 once quiet samples span the window', () => {
    expect(run(0, true).net?.fresh?.totalPerSecond).toBeCloseTo(5);
    const halfway = run(2, true).net?.fresh?.totalPerSecond ?? -1;
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(5);
    const settled = run(NEW_WINDOW_MS / 1000 + 1, true).net!;
    expect(settled.fresh?.totalPerSecond).toBe(0);
    expect(settled.fresh?.unseenPerSecond).toBe(0);
    // the table itself is the last walk's, with its time
    expect(settled.tableAt).toBe(100_000 + 2 * 1000);
  });

  it('a sample without the flag (an older recording, a huge table spaced out) keeps the last walk\'s rate', () => {
    expect(run(NEW_WINDOW_MS / 1000 + 1, false).net?.fresh?.totalPerSecond).toBeCloseTo(5);
  });
});
