/**
 * Issue 29, item 8: new connections by identity (protocol and both
 * endpoints), TIME-WAIT apart from live connections, nothing new at the first
 * table read, and the reconciliation with the kernel's PassiveOpens.
 */
import { describe, expect, it } from 'vitest';
import type { NetSample, SocketRow } from '../../src/stream/net-messages.js';
import { foldSockets, type FoldMemory } from '../../src/sources/net-fold.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { selectRanges } from '../../src/model/net-ranges.js';
import { netHeader, netPaneLines, netTotalsLine } from '../../src/panes/net-lines.js';
import { networkReport } from '../../src/report/snapshot-network.js';
import { header, sample } from '../support/samples.js';

const row = (remote: string, remotePort: number, state: string, inode: number, localPort = 80): SocketRow => ({
  proto: 'tcp', localAddress: '192.0.2.1', localPort, remoteAddress: remote, remotePort, state, txQueue: 0, rxQueue: 0, uid: 0, inode,
});
const listener = (port: number): SocketRow => ({ ...row('0.0.0.0', 0, 'LISTEN', 9, port), localAddress: '0.0.0.0' });
const noOwner = () => null;

/** Folds each walk after the one before and feeds the model one a second, with the PassiveOpens counter given. */
function run(walks: SocketRow[][], passiveOpens: number[] = walks.map(() => 0)): ModelState {
  let m = reduce(initialModel(), header());
  let memory: FoldMemory | null = null;
  walks.forEach((rows, i) => {
    const { table, memory: next } = foldSockets(rows.some((r) => r.state === 'LISTEN') ? rows : [listener(80), ...rows], memory, noOwner, 1);
    memory = next;
    const tcp = { listenOverflows: 0, listenDrops: 0, syncookiesSent: 0, retransSegs: 0, passiveOpens: passiveOpens[i]!, activeOpens: 0, estabResets: 0 };
    const net: NetSample = { interfaces: [], tcp, sockstat: null, table };
    m = reduce(m, { ...sample(i, 100, 100), net });
  });
  return m;
}

describe('new connections and TIME-WAIT (issue 29)', () => {
  it('counts a connection once across SYN-RECV, the accept queue (inode 0), accept (an inode) and TIME-WAIT; a TIME-WAIT never seen before is new', () => {
    const walks = [
      [listener(80), row('203.0.113.5', 1000, 'ESTABLISHED', 11)],
      [listener(80), row('203.0.113.5', 1000, 'ESTABLISHED', 11), row('203.0.113.6', 2000, 'SYN-RECV', 0)],
      [listener(80), row('203.0.113.5', 1000, 'TIME-WAIT', 0), row('203.0.113.6', 2000, 'ESTABLISHED', 0)],
      [listener(80), row('203.0.113.5', 1000, 'TIME-WAIT', 0), row('203.0.113.6', 2000, 'ESTABLISHED', 12), row('203.0.113.7', 3000, 'TIME-WAIT', 0)],
    ];
    let memory: FoldMemory | null = null;
    const fresh: number[] = [];
    const opened: Array<number | undefined> = [];
    for (const rows of walks) {
      const folded: ReturnType<typeof foldSockets> = foldSockets(rows, memory, noOwner, 1);
      memory = folded.memory;
      fresh.push(folded.table.ranges[0]!.fresh);
      opened.push(folded.table.opened);
    }
    // nothing is new at the first walk; .6 is new once (as a request); .7 came and went between walks
    expect(fresh).toEqual([0, 1, 0, 1]);
    // handshakes first seen complete, to a listened port: .6 when it left SYN-RECV, .7 in TIME-WAIT; none known at the first walk
    expect(opened).toEqual([undefined, 0, 1, 1]);
  });

  it('knows a TIME-WAIT row by its timer: one in TIME-WAIT since before the previous walk is neither new nor kept, a young one is checked', () => {
    const tw = (port: number, ticks: number) => ({ ...row('203.0.113.8', port, 'TIME-WAIT', 0), timerTicks: ticks });
    const first = foldSockets([listener(80), tw(1, 3000), tw(2, 5990), row('203.0.113.8', 3, 'ESTABLISHED', 21)], null, noOwner, 1, null);
    // at the first walk only the young one is kept (the next walk may ask for it)
    expect(first.memory.byKey.size).toBe(1);
    // 1 s later: 1 and 2 are older, 3 went from ESTABLISHED to TIME-WAIT (its inode is gone), 4 and 5 are new
    const second = foldSockets([listener(80), tw(1, 2900), tw(2, 5890), tw(3, 5950), tw(4, 5960), tw(5, 5890)], first.memory, noOwner, 1, 1000);
    expect(second.table.ranges[0]!.fresh).toBe(2);
    expect(second.table.opened).toBe(2);
    expect(second.memory.byKey.size).toBe(4);
  });

  it('says nothing is new at the first table read, in the pane, the totals line and the snapshot', () => {
    const m = run([[listener(80), row('203.0.113.5', 1000, 'ESTABLISHED', 11)]]);
    expect(selectRanges(m, null)[0]).toMatchObject({ range: '203.0.113.0/24', newPerSecond: null });
    expect(netPaneLines(m, 120)[0]!.text).toMatch(/^203\.0\.113\.0\/24 +1 +0 +1 +… +0 /);
    expect(netTotalsLine(m, 200)).toContain('new/s from the next table read');
    const report = networkReport(m) as { ranges: Array<Record<string, unknown>>; totals: Record<string, unknown> };
    expect(report.ranges[0]).toMatchObject({ newPerSec: null });
    expect(report.totals).toMatchObject({ newPerSec: null, newConnections: null, newNote: 'one table read so far: nothing is known new until the next' });
  });

  it('ranks 40 ESTABLISHED above 70 TIME-WAIT, in the fold, the selectors, the pane and the snapshot; TW in its own column', () => {
    const walk = (k: number) => [
      listener(80),
      ...Array.from({ length: 40 }, (_, i) => row('198.51.100.10', 5000 + i, 'ESTABLISHED', 100 + i)),
      ...Array.from({ length: 70 + 5 * k }, (_, i) => row(`203.0.113.${10 + (i % 20)}`, 6000 + i, 'TIME-WAIT', 0)),
    ];
    const m = run([walk(0), walk(1), walk(2)], [0, 5, 10]);
    const { table } = foldSockets([listener(80), ...walk(0)], null, noOwner, 1);
    expect(table.ranges.map((r) => r.range)).toEqual(['198.51.100.0/24', '203.0.113.0/24']);
    expect(selectRanges(m, null).map((r) => [r.range, r.connections, r.timeWait, r.newPerSecond])).toEqual([['198.51.100.0/24', 40, 0, 0], ['203.0.113.0/24', 0, 80, 5]]);
    expect(netHeader(120)).toMatch(/RANGE +LIVE +SYN-RECV +ESTAB +NEW\/s +TW  PORTS/);
    const lines = netPaneLines(m, 120);
    expect(lines[0]!.text).toMatch(/^198\.51\.100\.0\/24 +40 +0 +40 +0 +0 /);
    expect(lines[1]!.text).toMatch(/^203\.0\.113\.0\/24 +0 +0 +0 +5 +80 /);
    const report = networkReport(m) as { ranges: Array<Record<string, unknown>> };
    expect(report.ranges.map((r) => [r.range, r.connections, r.timeWait, r.sockets])).toEqual([['198.51.100.0/24', 40, 0, 40], ['203.0.113.0/24', 0, 80, 80]]);
  });

  it('ranks equal live connections by new per second', () => {
    // 198.51.100.0/24 holds more sockets (10 old TIME-WAIT), 203.0.113.0/24 has 3 new ones
    const old = Array.from({ length: 10 }, (_, i) => row('198.51.100.11', 8000 + i, 'TIME-WAIT', 0));
    const walk = (k: number) => [row('198.51.100.10', 5000, 'ESTABLISHED', 1), ...old, row('203.0.113.10', 6000, 'ESTABLISHED', 2), ...Array.from({ length: k * 3 }, (_, i) => row('203.0.113.11', 7000 + i, 'TIME-WAIT', 0))];
    expect(selectRanges(run([walk(0), walk(1)]), null).map((r) => r.range)).toEqual(['203.0.113.0/24', '198.51.100.0/24']);
  });

  it('averages new per second over the table reads of the last 5 s, and reconciles it with PassiveOpens: what came and went unseen', () => {
    // 4 new TIME-WAIT a second for 8 s, while the kernel accepted 6 a second: 2 a second left no trace between walks
    const walks = Array.from({ length: 9 }, (_, k) => [listener(80), ...Array.from({ length: 4 * k }, (_, i) => row('203.0.113.10', 1000 + i, 'TIME-WAIT', 0))]);
    const m = run(walks, walks.map((_, k) => 100 + 6 * k));
    const fresh = m.net!.fresh!;
    expect(fresh.seconds).toBe(5);
    expect(fresh.perSecond.get('203.0.113.0/24')).toBe(4);
    expect([fresh.totalPerSecond, fresh.inboundPerSecond, fresh.passiveOpensPerSecond, fresh.unseenPerSecond]).toEqual([4, 4, 6, 2]);
    expect(netTotalsLine(m, 200)).toContain('new 4/s (PassiveOpens 6/s, 2/s too brief to see)');
    expect((networkReport(m) as { totals: Record<string, unknown> }).totals).toMatchObject({ newPerSec: 4, newConnections: { windowSeconds: 5, inboundPerSec: 4, passiveOpensPerSec: 6, unseenPerSec: 2 }, newNote: null });
    expect(m.net!.marks.length).toBeLessThanOrEqual(7);
  });
});
