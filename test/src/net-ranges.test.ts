import { describe, expect, it } from 'vitest';
import type { SocketRow } from '../../src/stream/net-messages.js';
import { summarizeSockets } from '../../src/model/net-ranges.js';

const sock = (remote: string, state: string, inode: number, localPort = 443, over: Partial<SocketRow> = {}): SocketRow => ({
  proto: 'tcp', localAddress: '198.51.100.7', localPort, remoteAddress: remote, remotePort: 40000 + inode, state, txQueue: 0, rxQueue: 0, uid: 33, inode, ...over,
});

describe('summarizeSockets', () => {
  it('groups by /24 and /48, counts states and new connections per second, lists the ports reached, private last', () => {
    const first = summarizeSockets([sock('203.0.113.5', 'ESTABLISHED', 1), sock('10.0.0.8', 'ESTABLISHED', 2, 22)], null, 1);
    expect(first.ranges.map((r) => r.newPerSecond)).toEqual([0, 0]);
    const rows = [
      sock('203.0.113.5', 'ESTABLISHED', 1),
      sock('203.0.113.9', 'SYN-RECV', 11),
      sock('203.0.113.200', 'ESTABLISHED', 12, 80),
      sock('203.0.113.201', 'TIME-WAIT', 0, 80),
      sock('2001:db8:5:1::9', 'ESTABLISHED', 13),
      sock('10.0.0.8', 'ESTABLISHED', 2, 22),
      sock('10.0.0.9', 'ESTABLISHED', 14, 22),
      sock('10.0.0.10', 'ESTABLISHED', 15, 22),
    ];
    const s = summarizeSockets(rows, first.inodes, 2);
    expect(s.ranges.map((r) => r.range)).toEqual(['203.0.113.0/24', '2001:db8:5::/48', '10.0.0.0/24']);
    const top = s.ranges[0]!;
    expect(top).toMatchObject({ connections: 4, byState: { ESTABLISHED: 2, 'SYN-RECV': 1, 'TIME-WAIT': 1 }, newPerSecond: 1, private: false });
    expect(top.localPorts).toEqual([80, 443]);
    expect(s.ranges[2]).toMatchObject({ private: true, connections: 3, newPerSecond: 1, localPorts: [22] });
  });

  it("gives each listening socket's accept-queue fill, fullest first, and leaves listeners out of the ranges", () => {
    const s = summarizeSockets([
      sock('0.0.0.0', 'LISTEN', 7, 9000, { localAddress: '127.0.0.1', rxQueue: 120, txQueue: 128 }),
      sock('::', 'LISTEN', 8, 22, { localAddress: '::', rxQueue: 0, txQueue: 128 }),
    ], null, 1);
    expect(s.ranges).toEqual([]);
    expect(s.listening.map((l) => [l.port, l.fill])).toEqual([[9000, 120 / 128], [22, 0]]);
  });
});
