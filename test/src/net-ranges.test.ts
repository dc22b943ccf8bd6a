import { describe, expect, it } from 'vitest';
import type { NetSample, SocketRow } from '../../src/stream/net-messages.js';
import { foldSockets, CONNECTIONS_PER_RANGE, NET_RANGES } from '../../src/sources/net-fold.js';
import { initialModel, reduce } from '../../src/model/model.js';
import { countOf, selectConnections, selectListeners, selectRanges } from '../../src/model/net-ranges.js';
import { netPaneLines, netTotalsLine } from '../../src/panes/net-lines.js';
import { header, proc, sample } from '../support/samples.js';

const sock = (remote: string, state: string, inode: number, localPort = 443, over: Partial<SocketRow> = {}): SocketRow => ({
  proto: 'tcp', localAddress: '198.51.100.7', localPort, remoteAddress: remote, remotePort: 40000 + inode, state, txQueue: 0, rxQueue: 0, uid: 33, inode, ...over,
});
const noOwner = () => null;
/** The listeners the connections reach: only connections in to a listened port are ranked (issue 28 item 7). */
const listening = (rows: SocketRow[], ports = [22, 80, 443]): SocketRow[] => [...rows, ...ports.filter((p) => !rows.some((r) => r.state === 'LISTEN' && r.localPort === p)).map((p) => sock('0.0.0.0', 'LISTEN', 0, p))];

/** A model fed two samples whose network parts carry `tables` (the second 2 s after the first). */
function modelWith(...tables: NetSample['table'][]) {
  let m = reduce(initialModel(), header());
  tables.forEach((table, i) => {
    const s = sample(i * 2, 100, 100, [proc(700, 5, { comm: 'php-fpm', cgroup: '0::/system.slice/php-fpm.service' })]);
    m = reduce(m, { ...s, net: { interfaces: [{ name: 'eth0', rxBytes: i * 2000, rxPackets: i, rxDrops: 0, txBytes: i * 1000, txPackets: i, txDrops: 0 }], tcp: null, sockstat: null, ...(table ? { table } : {}) } });
  });
  return m;
}

describe('the socket fold and the Network selectors', () => {
  it('groups by /24 and /48, counts states and new connections per second, lists the ports reached, private last', () => {
    const first = foldSockets(listening([sock('203.0.113.5', 'ESTABLISHED', 1), sock('10.0.0.8', 'ESTABLISHED', 2, 22)]), null, noOwner, 1);
    expect(first.table.ranges.map((r) => r.fresh)).toEqual([0, 0]);
    const rows = [
      sock('203.0.113.5', 'ESTABLISHED', 1),
      sock('203.0.113.9', 'SYN-RECV', 0),
      sock('203.0.113.200', 'ESTABLISHED', 12, 80),
      sock('203.0.113.201', 'TIME-WAIT', 0, 80),
      sock('2001:db8:5:1::9', 'ESTABLISHED', 13),
      sock('10.0.0.8', 'ESTABLISHED', 2, 22),
      sock('10.0.0.9', 'ESTABLISHED', 14, 22),
      sock('10.0.0.10', 'ESTABLISHED', 15, 22),
    ];
    const second = foldSockets(listening(rows), first.memory, noOwner, 1);
    const m = modelWith(first.table, second.table);
    const ranges = selectRanges(m, null);
    expect(ranges.map((r) => r.range)).toEqual(['203.0.113.0/24', '2001:db8:5::/48', '10.0.0.0/24']);
    const top = ranges[0]!;
    // new: inode 12, the SYN-RECV request and the TIME-WAIT socket not seen before (3 in 2 s); live: ESTABLISHED and SYN-RECV
    expect(top).toMatchObject({ connections: 3, timeWait: 1, sockets: 4, newPerSecond: 1.5, private: false });
    expect([countOf(top.byState, 'ESTABLISHED'), countOf(top.byState, 'SYN-RECV'), countOf(top.byState, 'TIME-WAIT')]).toEqual([2, 1, 1]);
    expect(top.localPorts).toEqual([80, 443]);
    expect(ranges[2]).toMatchObject({ private: true, connections: 3, newPerSecond: 1, localPorts: [22] });
    expect(second.table.byState).toEqual([{ state: 'ESTABLISHED', count: 6 }, { state: 'LISTEN', count: 3 }, { state: 'SYN-RECV', count: 1 }, { state: 'TIME-WAIT', count: 1 }]);
    // the same SYN-RECV request in the next table is not new again
    const third = foldSockets(listening(rows), second.memory, noOwner, 1);
    expect(third.table.ranges.map((r) => r.fresh)).toEqual([0, 0, 0]);
  });

  it("names the units a range reaches through the listener on its port, and gives each listener's accept-queue fill, fullest first", () => {
    const owner = (inode: number) => (inode === 7 ? { pid: 700, startTicks: 100 } : null);
    const { table } = foldSockets([
      sock('0.0.0.0', 'LISTEN', 7, 9000, { localAddress: '0.0.0.0', rxQueue: 120, txQueue: 128 }),
      sock('::', 'LISTEN', 8, 22, { localAddress: '::', rxQueue: 0, txQueue: 128 }),
      sock('203.0.113.5', 'SYN-RECV', 0, 9000),
    ], null, owner, 1);
    const m = modelWith(table);
    expect(selectListeners(m, null).map((l) => [l.port, l.fill, l.owner?.unit ?? null])).toEqual([[9000, 120 / 128, 'php-fpm.service'], [22, 0, null]]);
    expect(selectRanges(m, null)[0]).toMatchObject({ range: '203.0.113.0/24', units: ['php-fpm.service'] });
    expect(selectConnections(m, '203.0.113.0/24')).toEqual([{ proto: 'tcp', local: '198.51.100.7:9000', remote: '203.0.113.5:40000', state: 'SYN-RECV', owner: { pid: 700, startTicks: 100, comm: 'php-fpm', unit: 'php-fpm.service' } }]);
    const lines = netPaneLines(m, 100);
    expect(netPaneLines(m, 100, [{ address: '203.0.113.77', own: true }])[0]!.text).toMatch(/^203\.0\.113\.0\/24 \(you\)/);
    expect(netPaneLines(m, 100, [{ address: '203.0.113.77', own: false }])[0]!.text).toMatch(/^203\.0\.113\.0\/24 \(SSH\)/);
    expect(lines[0]).toMatchObject({ key: 'range:203.0.113.0/24' });
    expect(lines.find((l) => l.key === 'listen:0.0.0.0:9000')?.text).toContain('queue 120/128 94%  php-fpm.service');
  });

  it('draws nothing raw from hostile process and unit names', () => {
    const owner = () => ({ pid: 666, startTicks: 100 });
    const { table } = foldSockets([sock('0.0.0.0', 'LISTEN', 7, 80, { rxQueue: 5, txQueue: 10 }), sock('203.0.113.5', 'ESTABLISHED', 9, 80)], null, owner, 1);
    let m = reduce(initialModel(), header());
    const evil = proc(666, 5, { comm: '\x1b]0;pwned\x07x\u009b', cgroup: '0::/system.slice/\x1b[2Jevil\x1b[0m.service' });
    m = reduce(m, { ...sample(0, 1, 1, [evil]), net: { interfaces: [{ name: 'e\x1b[1mth0', rxBytes: 1, rxPackets: 1, rxDrops: 1, txBytes: 1, txPackets: 1, txDrops: 0 }], tcp: null, sockstat: null, table } });
    const text = [netTotalsLine(m, 120), ...netPaneLines(m, 120).map((l) => l.text)].join('\n');
    expect(text).toContain('evil');
    expect(text).toContain('th0');
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it('stays bounded on a flood: ranges past the list are counted, connections capped per range, counts exact', () => {
    const rows: SocketRow[] = [];
    for (let i = 0; i < 300; i++) for (let k = 0; k < 3; k++) rows.push(sock(`198.${18 + (i >> 8)}.${i & 255}.${k + 1}`, 'SYN-RECV', 0, 80, { remotePort: 1000 + k }));
    for (let i = 0; i < 500; i++) rows.push(sock(`203.0.113.${i % 250}`, 'ESTABLISHED', 1000 + i, 9000));
    const { table } = foldSockets(listening(rows, [80, 9000]), null, noOwner, 1);
    expect(table.sockets).toBe(1402); // and the 2 listeners
    expect(table.ranges).toHaveLength(NET_RANGES);
    expect(table.ranges[0]!.range).toBe('203.0.113.0/24');
    expect(table.otherRanges).toBe(301 - NET_RANGES);
    expect(table.ranges.reduce((n, r) => n + r.byState.reduce((a, s) => a + s.count, 0), 0) + table.otherSockets).toBe(1400);
    expect(table.connections.filter((c) => c.range === '203.0.113.0/24')).toHaveLength(CONNECTIONS_PER_RANGE);
  });

  it('gives interface rates from two samples, and a pane that says it waits before the first table', () => {
    const m = modelWith(undefined, undefined);
    expect(m.net?.interfaces[0]).toMatchObject({ name: 'eth0', rxBytesPerSecond: 1000, txBytesPerSecond: 500 });
    expect(m.net?.table).toBeNull();
    expect(netPaneLines(m, 80)).toEqual([]);
  });
});
