/** Issue 28 items 5, 6: what `b` never blocks, and whose log lines count. */
import { describe, expect, it } from 'vitest';
import { defaultGateways4, defaultGateways6, nameservers } from '../../collectors/net/host-guard.js';
import { acceptedPeers } from '../../collectors/net/ssh-sessions.js';
import { blockRefusal, unblockableKind } from '../../src/effects/intents.js';
import { countedRangesOf, lineSender } from '../../src/model/log-sender.js';

const SSHD_LINE = 'Failed password for root from 203.0.113.77 port 50000 ssh2';

describe('ranges b refuses', () => {
  it('refuses loopback, link-local and multicast outright', () => {
    expect(unblockableKind('127.0.0.0/24')).toBe('loopback');
    expect(unblockableKind('0:0:0::/48')).toBe('loopback');
    expect(unblockableKind('169.254.3.0/24')).toBe('link-local');
    expect(unblockableKind('fe80:0:0::/48')).toBe('link-local');
    expect(unblockableKind('224.0.0.0/24')).toBe('multicast');
    expect(unblockableKind('ff02:0:0::/48')).toBe('multicast');
    expect(unblockableKind('198.51.100.0/24')).toBeNull();
    expect(unblockableKind('2001:db8:1::/48')).toBeNull();
  });

  it('refuses a range holding this host, its gateway or its DNS server, with the reason', () => {
    const guarded = [
      { address: '192.0.2.1', what: 'an address of this host' as const },
      { address: '10.1.2.254', what: 'the default gateway' as const },
      { address: '2001:db8:53::1', what: 'a DNS server' as const },
    ];
    expect(blockRefusal('192.0.2.0/24', [], guarded)).toBe('refused: 192.0.2.0/24 holds 192.0.2.1, an address of this host');
    expect(blockRefusal('10.1.2.0/24', [], guarded)).toBe('refused: 10.1.2.0/24 holds 10.1.2.254, the default gateway');
    expect(blockRefusal('2001:db8:53::/48', [], guarded)).toBe('refused: 2001:db8:53::/48 holds 2001:db8:53::1, a DNS server');
    expect(blockRefusal('198.51.100.0/24', [], guarded)).toBeNull();
  });

  it('reads default gateways and DNS servers', () => {
    const route = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\neth0\t00000000\tFE0200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\neth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n';
    expect(defaultGateways4(route)).toEqual(['192.0.2.254']);
    const route6 = '00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003 eth0\n';
    expect(defaultGateways6(route6)).toEqual(['fe80:0:0:0:0:0:0:1']);
    expect(nameservers('# x\nnameserver 198.18.7.53\nnameserver fe80::1%eth0\nsearch x\n')).toEqual(['198.18.7.53', 'fe80::1']);
  });
});

describe('whose log lines count', () => {
  const journal = (fields: Record<string, string>) => ({ t: 0, priority: 3, unit: '', pid: 1, message: SSHD_LINE, fields: { _TRANSPORT: 'syslog', SYSLOG_IDENTIFIER: 'sshd', ...fields } });
  it('an sshd line counts only when journald says sshd (its binary, as root) sent it', () => {
    const real = journal({ _COMM: 'sshd', _EXE: '/usr/sbin/sshd', _UID: '0' });
    expect(lineSender(real)).toEqual({ state: 'verified' });
    expect(countedRangesOf(real)).toEqual(['203.0.113.0/24']);
    for (const forged of [journal({ _COMM: 'logger', _EXE: '/usr/bin/logger', _UID: '65534' }), journal({ _COMM: 'sshd', _EXE: '/tmp/sshd', _UID: '0' }), journal({ _COMM: 'sshd', _EXE: '/usr/sbin/sshd', _UID: '1000' })]) {
      expect(lineSender(forged).state).toBe('impostor');
      expect(countedRangesOf(forged)).toEqual([]);
    }
    expect(lineSender(journal({ _COMM: 'logger', _EXE: '/usr/bin/logger', _UID: '65534' }))).toEqual({ state: 'impostor', reason: "this line claims to be sshd's, but journald says logger (uid 65534, /usr/bin/logger) wrote it" });
  });

  it('a file line counts, unverified; a firewall line in the journal counts only from the kernel', () => {
    const file = { t: 0, priority: 3, unit: '', pid: 1, message: SSHD_LINE, fields: { SYSLOG_IDENTIFIER: 'sshd' } };
    expect(lineSender(file).state).toBe('unverified');
    expect(countedRangesOf(file)).toEqual(['203.0.113.0/24']);
    const fw = (transport: string) => ({ t: 0, priority: 4, unit: '', pid: null, message: 'IN=eth0 OUT= SRC=203.0.113.9 DST=192.0.2.1 PROTO=TCP', fields: { _TRANSPORT: transport, _COMM: 'logger', _UID: '1000' } });
    expect(lineSender(fw('kernel')).state).toBe('verified');
    expect(countedRangesOf(fw('syslog'))).toEqual([]);
  });
});

describe('SSH sessions', () => {
  it('counts a session only when its local end is a port a root socket listens on', () => {
    const head = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
    const listen = '   0: 0100000A:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 100 1 0 100 0 0 10 0\n';
    const accepted = '   1: 0100000A:0016 09643398:C350 01 00000000:00000000 00:00000000 00000000     0        0 200 1 0 20 4 30 10 -1\n';
    const outgoing = '   2: 0100000A:E5A0 09643398:2328 01 00000000:00000000 00:00000000 00000000 65534        0 300 1 0 20 4 30 10 -1\n';
    expect([...acceptedPeers(head + listen + accepted + outgoing)]).toEqual([['200', '152.51.100.9']]);
    const userListener = listen.replace('     0        0 100', ' 1000        0 100');
    expect([...acceptedPeers(head + userListener + accepted)]).toEqual([]);
  });
});
