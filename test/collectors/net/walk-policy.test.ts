/**
 * Issue 32, the socket tables: the totals every sample, the tables walked only
 * when a counter moved, when the Network pane is looked at, or every
 * WALK_EVERY_MS. The policy alone, then the reader over a /proc/net of files
 * the test writes (a quiet machine, a connection, a SYN flood whose SYN-ACKs
 * are retransmitted, the pane focused).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalkPolicy, WALK_EVERY_MS, SOCKETS_PER_SAMPLE } from '../../../collectors/net/walk-policy.js';
import { NetReader } from '../../../collectors/net/net-reader.js';
import { NetFeed } from '../../../src/sources/net-feed.js';

const counters = [5, 3, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0, 4, 1, 0, 0];
const quietSignals = { counters, inSegs: 1000 };
/** The counters with the one at `i` moved to `v`. */
const withCounter = (i: number, v: number) => ({ counters: counters.map((c, k) => (k === i ? v : c)), inSegs: 1000 });

describe('walk policy', () => {
  it('walks at the first sample, then not while nothing moves, until WALK_EVERY_MS has passed', () => {
    const p = new WalkPolicy();
    const reasons: string[] = [];
    for (let s = 0; s <= 25; s++) {
      const r = p.decide(quietSignals, false, s * 1000);
      if (r) {
        p.walked(4, s * 1000);
        reasons.push(`${s}:${r}`);
      }
    }
    expect(WALK_EVERY_MS).toBe(10_000);
    expect(reasons).toEqual(['0:first', '10:periodic', '20:periodic']);
  });

  it('walks at the sample where any counter moved (a PassiveOpens, a SYN-ACK retransmitted, a drop), and every sample while watched', () => {
    const p = new WalkPolicy();
    expect(p.decide(quietSignals, false, 0)).toBe('first');
    p.walked(4, 0);
    expect(p.decide(quietSignals, false, 1000)).toBeNull();
    for (const [i, t] of [[1, 2000], [9, 3000], [5, 4000]] as const) {
      const moved = withCounter(i, counters[i]! + 1 + t);
      expect(p.decide(moved, false, t)).toBe('moved');
      p.walked(4, t);
      expect(p.decide(moved, false, t + 1000)).toBeNull();
    }
    expect(p.decide(withCounter(15, 9), true, 8000)).toBe('moved');
    p.walked(4, 8000);
    expect(p.decide(withCounter(15, 9), true, 9000)).toBe('watched');
    p.walked(4, 9000);
    expect(p.decide(withCounter(15, 9), true, 10_000)).toBe('watched');
  });

  it('spaces out a huge table, and keeps a change seen meanwhile for the next allowed sample', () => {
    const p = new WalkPolicy();
    p.decide(quietSignals, false, 0);
    p.walked(3 * SOCKETS_PER_SAMPLE, 0);
    expect(p.everySamples).toBe(3);
    const moved = withCounter(15, 99);
    expect(p.decide(moved, true, 1000)).toBeNull();
    expect(p.decide(moved, false, 2000)).toBeNull();
    expect(p.decide(moved, false, 3000)).toBe('moved');
  });

  it('walks at a surge of segments in (a SYN flood\'s first second), not at the steady traffic of a session', () => {
    const p = new WalkPolicy();
    let segs = 0;
    const at = (s: number, perSecond: number) => {
      segs += perSecond;
      return p.decide({ counters, inSegs: segs }, false, s * 1000);
    };
    expect(at(0, 0)).toBe('first');
    p.walked(4, 0);
    const reasons: string[] = [];
    for (let s = 1; s < 9; s++) reasons.push(String(at(s, 40 + (s % 3) * 30)));
    expect(reasons.every((r) => r === 'null')).toBe(true);
    expect(at(9, 2000)).toBe('surge');
  });

  it('walks every sample when the counters cannot be read', () => {
    const p = new WalkPolicy();
    expect(p.decide(null, false, 0)).toBe('first');
    p.walked(1, 0);
    expect(p.decide(null, false, 1000)).toBe('no-counters');
  });
});

const root = mkdtempSync(join(tmpdir(), 'sitrep-walk-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TCP_HEAD = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const LISTEN = '   0: 010000C0:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1234 1 0 100 0 0 10 0\n';
const synRecv = (i: number) => `   ${i}: 010000C0:1F90 ${(0x050071cb + i * 0x1000000).toString(16).toUpperCase().padStart(8, '0')}:${(40000 + i).toString(16).toUpperCase()} 03 00000000:00000000 01:00000064 00000001     0        0 0 1 0\n`;

let inSegs = 0;

/** Writes a /proc/net with the counters given (30 segments in since the last, as a session's traffic). */
function writeNet(c: { passive?: number; synRetrans?: number; inuse?: number; synRecv?: number }): void {
  const net = join(root, 'net');
  mkdirSync(net, { recursive: true });
  writeFileSync(join(net, 'snmp'), `Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors\nTcp: 1 200 120000 -1 10 ${c.passive ?? 0} 0 0 1 ${(inSegs += 30)} 100 0 0 0 0\n`);
  writeFileSync(join(net, 'netstat'), `TcpExt: SyncookiesSent ListenOverflows ListenDrops TCPReqQFullDoCookies TCPReqQFullDrop TCPSynRetrans\nTcpExt: 0 0 0 0 0 ${c.synRetrans ?? 0}\n`);
  writeFileSync(join(net, 'sockstat'), `sockets: used 40\nTCP: inuse ${c.inuse ?? 1} orphan 0 tw 0 alloc ${Math.floor(Math.random() * 99)} mem ${Math.floor(Math.random() * 9)}\nUDP: inuse 0 mem 0\n`);
  writeFileSync(join(net, 'sockstat6'), 'TCP6: inuse 0\nUDP6: inuse 0\n');
  writeFileSync(join(net, 'dev'), 'Inter-|   Receive\n face |bytes\n    lo: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0\n');
  let tcp = TCP_HEAD + LISTEN;
  for (let i = 1; i <= (c.synRecv ?? 0); i++) tcp += synRecv(i);
  writeFileSync(join(net, 'tcp'), tcp);
  for (const f of ['tcp6', 'udp', 'udp6']) writeFileSync(join(net, f), TCP_HEAD);
}

describe('the reader over a /proc/net (issue 32)', () => {
  it('a quiet machine does not walk every second: 3 walks in 25 s, every sample keeping its totals', () => {
    writeNet({});
    const reader = new NetReader(root);
    let walks = 0;
    for (let s = 0; s < 25; s++) {
      const r = reader.read(false, s * 1000);
      expect(r.tcp?.passiveOpens).toBe(0);
      expect(r.sockstat?.tcpInUse).toBe(1);
      if (r.rows) walks++;
      else expect(r.quiet).toBe(true);
    }
    // InSegs, TCP memory and the allocated sockets of every namespace moved every second: they do not cause a walk.
    expect(walks).toBe(3);
  });

  it('walks at the next sample when a connection opens, when a SYN flood makes the kernel retransmit SYN-ACKs, and while the pane is focused', () => {
    writeNet({});
    const feed = new NetFeed(root);
    const at = (s: number) => s * 1000;
    let now = 0;
    const sample = (watched = false) => feed.sample(() => null, watched);
    const realNow = performance.now;
    performance.now = () => now;
    try {
      now = at(0);
      expect(sample().table).toBeDefined();
      now = at(1);
      expect(sample()).toMatchObject({ quiet: true });
      expect(sample().table).toBeUndefined();
      writeNet({ passive: 1, inuse: 2 });
      now = at(2);
      expect(sample().table).toBeDefined();
      now = at(3);
      expect(sample().table).toBeUndefined();
      // 50 SYNs whose SYN-ACKs go unanswered: nothing moves until the retransmission, 1 s later.
      writeNet({ passive: 1, inuse: 2, synRecv: 50 });
      now = at(4);
      expect(sample().table).toBeUndefined();
      writeNet({ passive: 1, inuse: 2, synRecv: 50, synRetrans: 50 });
      now = at(5);
      const flood = sample().table;
      expect(flood?.byState.find((s) => s.state === 'SYN-RECV')?.count).toBe(50);
      now = at(6);
      expect(sample(true).table).toBeDefined();
      now = at(7);
      expect(sample(true).table).toBeDefined();
      now = at(8);
      expect(sample(false).table).toBeUndefined();
    } finally {
      performance.now = realNow;
    }
  });
});
