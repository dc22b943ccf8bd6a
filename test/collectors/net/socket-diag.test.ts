import { describe, expect, it } from 'vitest';
import { parseSsTcpInfo } from '../../../collectors/net/socket-diag.js';
import { BandwidthFeed, foldTalkers, READ_EVERY_MS } from '../../../src/sources/bandwidth-feed.js';

const SS = `ESTAB 0      0      192.0.2.1:51358 203.0.113.10:9100 users:(("python3",pid=25630,fd=4))
\t bbr wscale:10,10 rto:204 bytes_sent:100000 bytes_acked:99000 bytes_received:50 segs_out:5
ESTAB 0      0      [2001:db8::1]:22 [2001:db8:5::9]:5000 users:(("sshd",pid=7,fd=3),("sshd",pid=8,fd=3))
\t cubic bytes_acked:400 bytes_received:1000
ESTAB 0      0      127.0.0.1:5 127.0.0.1:6
\t cubic bytes_sent:7 bytes_received:7
`;

describe('socket diagnostics (issue 35)', () => {
  it('parses ss -tinpH: endpoints, owner, bytes (sent, else acked)', () => {
    const rows = parseSsTcpInfo(SS);
    expect(rows.map((r) => [r.remoteAddress, r.pid, r.comm, r.sent, r.received])).toEqual([
      ['203.0.113.10', 25630, 'python3', 100000, 50],
      ['2001:db8:5::9', 7, 'sshd', 400, 1000],
      ['127.0.0.1', null, '', 7, 7],
    ]);
  });

  it('folds by process and range: differences for sockets seen twice, all of a new one; loopback left out', () => {
    const first = parseSsTcpInfo(SS);
    const prev = new Map(first.map((s) => [`${s.local} ${s.remote}`, s]));
    const next = first.map((s) => ({ ...s, sent: s.sent + 1000 }));
    next.push({ ...first[0]!, local: '192.0.2.1:51359', sent: 300, received: 0 });
    const r = foldTalkers(next, prev, 2, (pid) => pid * 10);
    expect(r.sockets).toBe(3);
    expect(r.flows[0]).toMatchObject({ owner: { pid: 25630, startTicks: 256300 }, range: '203.0.113.0/24', sentBytes: 1300, sockets: 2 });
    expect(r.flows[1]).toMatchObject({ range: '2001:db8:5::/48', sentBytes: 1000, receivedBytes: 0 });
    expect(foldTalkers(next, null, 0, () => null).flows[0]!.sentBytes).toBe(0); // the first reading only primes
  });

  it('reads on the pane clock: every 5 s with traffic, not at all while quiet, every sample focused', async () => {
    let reads = 0;
    const feed = new BandwidthFeed(async () => (reads++, []));
    const iface = (bytes: number) => feed.noteInterfaces([{ name: 'eth0', rxBytes: bytes, txBytes: 0, rxPackets: 0, rxDrops: 0, txPackets: 0, txDrops: 0 }]);
    iface(0);
    expect(feed.due(Date.now())).toBe(true);
    await feed.take(0, () => null);
    const t = Date.now();
    expect(feed.due(t + 1000)).toBe(false);
    expect(feed.due(t + READ_EVERY_MS + 10)).toBe(false); // quiet
    iface(10_000_000);
    expect(feed.due(t + READ_EVERY_MS + 10)).toBe(true);
    feed.setFocused(true);
    iface(0);
    expect(feed.due(t + 1000)).toBe(true);
    expect(reads).toBe(1);
  });

  it('primes aside: the first reading is started beside the sample and not waited for; then the clock applies', async () => {
    let release: (v: never[]) => void = () => {};
    let reads = 0;
    const feed = new BandwidthFeed(() => (reads++, new Promise((r) => (release = r))));
    expect(feed.primeAside()).toBe(true); // started, the sample goes on without it
    expect(feed.primeAside()).toBe(true); // still priming: no second read
    expect(reads).toBe(1);
    release([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(feed.primeAside()).toBe(false);
    expect(feed.due(Date.now() + 1000)).toBe(false);
  });
});
