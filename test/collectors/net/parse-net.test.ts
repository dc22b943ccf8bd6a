import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAddress, parseNetDev, parseSnmp, parseSocketTable, parseSockstat } from '../../../collectors/net/parse-net.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:07E8 00000000:0000 0A 00000000:00000005 00:00000000 00000000     0        0 1521 1 0000000055cd4c48 100 0 0 10 0
   1: 0100007F:0016 0571000A:D431 01 00000010:00000000 02:00000A2B 00000000  1000        0 99817 4 0000000000000000 20 4 30 10 -1
   2: garbage line \x1b[31m with escapes
   3: 0100007F:0016 0571000A:D431 0Z 00000000:00000000 00:00000000 00000000     0        0 1 1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0000000000000000FFFF00000571000A:0050 0000000000000000FFFF00000A7100CB:C350 03 00000000:00000000 00:00000000 00000000    33        0 4343 1 0000000000000000 100 0 0 10 0
   2: B80D0120000000000000000001000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 100 0 0 10 0
`;

describe('the network table parsers', () => {
  it('reads socket rows: addresses, ports, state names, queues, uid and inode; skips malformed lines', () => {
    const rows = parseSocketTable(TCP, 'tcp');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ proto: 'tcp', localAddress: '0.0.0.0', localPort: 2024, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', txQueue: 0, rxQueue: 5, uid: 0, inode: 1521 });
    expect(rows[1]).toMatchObject({ localAddress: '127.0.0.1', localPort: 22, remoteAddress: '10.0.113.5', remotePort: 54321, state: 'ESTABLISHED', txQueue: 16, uid: 1000, inode: 99817 });
    expect(rows[1]!.timerTicks).toBeUndefined();
  });

  it("gives a TIME-WAIT row its timer (clock ticks left), and none when the field is garbled", () => {
    const line = (timer: string) => `   1: 0100007F:E682 0571000A:97DB 06 00000000:00000000 ${timer} 00000000     0        0 0 3 000000001a33e484\n`;
    expect(parseSocketTable(line('03:0000173E'), 'tcp')).toEqual([{ proto: 'tcp', localAddress: '127.0.0.1', localPort: 59010, remoteAddress: '10.0.113.5', remotePort: 38875, state: 'TIME-WAIT', txQueue: 0, rxQueue: 0, uid: 0, inode: 0, timerTicks: 5950 }]);
    expect(parseSocketTable(line('03-0000173E'), 'tcp')[0]!.timerTicks).toBeUndefined();
    expect(parseSocketTable(line('03:00x0173E'), 'tcp')[0]!.timerTicks).toBeUndefined();
  });

  it('decodes IPv6, folds IPv4-mapped addresses into IPv4, and writes the short form', () => {
    const rows = parseSocketTable(TCP6, 'tcp');
    expect(rows.map((r) => [r.localAddress, r.remoteAddress, r.state])).toEqual([
      ['::1', '::', 'LISTEN'],
      ['10.0.113.5', '203.0.113.10', 'SYN-RECV'],
      ['2001:db8::1', '::', 'LISTEN'],
    ]);
    expect(decodeAddress('zz00007F')).toBeNull();
    expect(decodeAddress('0100007F00')).toBeNull();
  });

  it('reads sockstat, snmp and netstat groups, and interface counters', () => {
    expect(parseSockstat('sockets: used 8\nTCP: inuse 1 orphan 0 tw 3 alloc 1 mem 326\nUDP: inuse 0 mem 0\n')).toEqual({ sockets: { used: 8 }, TCP: { inuse: 1, orphan: 0, tw: 3, alloc: 1, mem: 326 }, UDP: { inuse: 0, mem: 0 } });
    const snmp = parseSnmp('Tcp: RtoAlgorithm RtoMin ActiveOpens RetransSegs MaxConn\nTcp: 1 200 17 42 -1\nTcpExt: SyncookiesSent ListenOverflows ListenDrops\nTcpExt: 3 5 7\nUdp: InDatagrams\nUdp: not-a-number\n');
    expect(snmp.Tcp).toMatchObject({ ActiveOpens: 17, RetransSegs: 42, MaxConn: -1 });
    expect(snmp.TcpExt).toEqual({ SyncookiesSent: 3, ListenOverflows: 5, ListenDrops: 7 });
    expect(snmp.Udp).toEqual({});
    // a values line must name the header's group, whole, with no line break of its own (what /^Name: (.*)$/ required)
    expect(parseSnmp('Tcp: A B\nTcpX: 1 2\nIp: C\nIp:  3\nUdp: D\nUdp: 4\r\nIcmp: E\nIcmp:5\n')).toEqual({ Ip: { C: 3 } });
    const dev = parseNetDev('Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n    lo:    3193      29    0    0    0     0          0         0     3193      29    0    0    0     0       0          0\n  eth0: 10 2 0 4 0 0 0 0 20 3 0 6 0 0 0 0\n bad: 1 2\n');
    expect(dev).toEqual([
      { name: 'lo', rxBytes: 3193, rxPackets: 29, rxDrops: 0, txBytes: 3193, txPackets: 29, txDrops: 0 },
      { name: 'eth0', rxBytes: 10, rxPackets: 2, rxDrops: 4, txBytes: 20, txPackets: 3, txDrops: 6 },
    ]);
  });
});

describe('hostile and broken tables', () => {
  it('never throws on truncated, garbled or binary /proc/net text, and keeps the whole lines', () => {
    const texts = [TCP, TCP6];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 2000; round++) {
      const base = texts[round % 2]!;
      const cut = base.slice(0, Math.floor(random() * base.length));
      const chars = [...cut];
      for (let k = 0; k < 3; k++) chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 0x110) );
      const garbled = chars.join('');
      for (const text of [cut, garbled]) {
        expect(() => parseSocketTable(text, 'tcp')).not.toThrow();
        expect(() => parseSnmp(text)).not.toThrow();
        expect(() => parseNetDev(text)).not.toThrow();
        expect(() => parseSockstat(text)).not.toThrow();
        for (const row of parseSocketTable(text, 'tcp')) {
          expect(Number.isSafeInteger(row.inode) && row.localPort <= 65535 && row.remotePort <= 65535).toBe(true);
          expect(row.localAddress).toMatch(/^[0-9a-f.:]+$/);
        }
      }
    }
    // a huge line, and NUL bytes
    expect(parseSocketTable(`   0: ${'A'.repeat(1_000_000)}\n\0\0\0`, 'tcp')).toEqual([]);
  });
});

describe('against the real kernel tables', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  afterAll(() => {
    sockets.forEach((s) => s.destroy());
    servers.forEach((s) => s.close());
  });

  it("finds this process's listening socket and its connection, by port and by the fd's socket inode", async () => {
    const server = createServer((s) => sockets.push(s));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const client = createConnection(port, '127.0.0.1');
    sockets.push(client);
    await new Promise((r) => client.once('connect', r));
    const rows = [...parseSocketTable(readFileSync('/proc/net/tcp', 'utf8'), 'tcp'), ...parseSocketTable(readFileSync('/proc/net/tcp6', 'utf8'), 'tcp')];
    const listening = rows.find((r) => r.localPort === port && r.state === 'LISTEN');
    expect(listening).toMatchObject({ localAddress: '127.0.0.1', remotePort: 0 });
    expect(rows.find((r) => r.remotePort === port && r.state === 'ESTABLISHED')).toMatchObject({ localAddress: '127.0.0.1', remoteAddress: '127.0.0.1' });
    const links = readdirSync('/proc/self/fd').map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    });
    expect(links).toContain(`socket:[${listening!.inode}]`);
    expect(parseNetDev(readFileSync('/proc/net/dev', 'utf8')).map((i) => i.name)).toContain('lo');
    expect(parseSockstat(readFileSync('/proc/net/sockstat', 'utf8')).TCP?.inuse).toBeGreaterThan(0);
    expect(parseSnmp(readFileSync('/proc/net/snmp', 'utf8')).Tcp?.ActiveOpens).toBeGreaterThan(0);
  });
});
