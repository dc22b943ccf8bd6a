/**
 * The crash-loop demo's network (issue 14): a flood from 203.0.113.0/24 on
 * php-fpm's FastCGI port, SYN-RECV rising while it lasts, a few real clients
 * from other ranges on nginx's 443. Blocking the range empties it within two
 * seconds (the drop rule kills new SYNs; the held connections time out).
 * Produces the same folded table as the live collector.
 */
import type { ConnectionSample, InterfaceCounters, NetSample, RangeCount, SocketOwner, TcpCounters } from '../src/stream/net-messages.js';
import type { World } from './world.js';

const FPM_PORT = 9000;
const LISTEN_ADDRESS = '10.0.0.5';

/** The simulated sockets, advanced with the story. */
export interface DemoNet {
  /** Advances `dt` seconds; `attacked` while the range is not blocked. */
  step(dt: number, attacked: boolean): void;
  /** This moment's network part; `owner` of php-fpm's listener and of nginx's. */
  sample(php: SocketOwner | null, nginx: SocketOwner | null): NetSample;
}

/** Builds the demo network of `attack` (its first three octets). */
export function demoNet(attack: string, random: () => number): DemoNet {
  let established = 180;
  let synRecv = 40;
  let fresh = 0;
  let rx = 0;
  let tx = 0;
  let overflows = 0;
  let passive = 0;
  let blockedFor = 0;
  return {
    step(dt, attacked) {
      if (attacked) {
        blockedFor = 0;
        fresh = Math.round((25 + random() * 10) * dt);
        established = Math.min(500, established + Math.round(4 * dt));
        synRecv = Math.min(900, synRecv + Math.round((12 + random() * 6) * dt));
        overflows += Math.round(20 * dt);
      } else {
        blockedFor += dt;
        fresh = 0;
        synRecv = 0;
        established = blockedFor >= 2 ? 0 : Math.floor(established / 4);
      }
      passive += fresh + 3;
      rx += (attacked ? 9e6 : 4e5) * dt;
      tx += (attacked ? 3e6 : 6e5) * dt;
    },
    sample(php, nginx) {
      const attackRange = `${attack}.0/24`;
      const ranges: RangeCount[] = [];
      if (established + synRecv > 0) {
        ranges.push({
          range: attackRange,
          byState: [{ state: 'SYN-RECV', count: synRecv }, { state: 'ESTABLISHED', count: established }].filter((s) => s.count > 0).sort((a, b) => b.count - a.count),
          fresh,
          ports: [{ port: FPM_PORT, count: established + synRecv }],
          owners: php ? [php] : [],
        });
      }
      const clients = ['198.51.100.0/24', '192.0.2.0/24', '2001:db8:77::/48'];
      clients.forEach((range, i) => ranges.push({ range, byState: [{ state: 'ESTABLISHED', count: 6 - i * 2 }], fresh: i === 0 ? 1 : 0, ports: [{ port: 443, count: 6 - i * 2 }], owners: nginx ? [nginx] : [] }));
      ranges.push({ range: '10.0.0.0/24', byState: [{ state: 'ESTABLISHED', count: 2 }], fresh: 0, ports: [{ port: 22, count: 1 }, { port: 5432, count: 1 }], owners: [] });
      const connections: ConnectionSample[] = [];
      for (let i = 0; i < Math.min(128, established + synRecv); i++) {
        connections.push({ range: attackRange, proto: 'tcp', localAddress: LISTEN_ADDRESS, localPort: FPM_PORT, remoteAddress: `${attack}.${1 + ((i * 37) % 254)}`, remotePort: 30000 + i * 17, state: i < synRecv ? 'SYN-RECV' : 'ESTABLISHED', owner: php });
      }
      const total = established + synRecv + 12 + 2 + 4;
      const interfaces: InterfaceCounters[] = [{ name: 'eth0', rxBytes: Math.round(rx), rxPackets: Math.round(rx / 800), rxDrops: Math.round(overflows / 4), txBytes: Math.round(tx), txPackets: Math.round(tx / 900), txDrops: 0 }];
      const tcp: TcpCounters = { listenOverflows: overflows, listenDrops: overflows, syncookiesSent: 0, retransSegs: Math.round(passive / 10), passiveOpens: passive, activeOpens: 40, estabResets: 3 };
      return {
        interfaces,
        tcp,
        sockstat: { tcpInUse: total - synRecv, tcpTimeWait: 4, tcpOrphan: 0, udpInUse: 2 },
        table: {
          sockets: total,
          byState: [{ state: 'ESTABLISHED', count: established + 12 }, { state: 'SYN-RECV', count: synRecv }, { state: 'LISTEN', count: 4 }, { state: 'TIME-WAIT', count: 2 }].filter((s) => s.count > 0).sort((a, b) => b.count - a.count),
          everySamples: 1,
          ranges,
          otherRanges: 0,
          otherSockets: 0,
          listeners: [
            { address: '0.0.0.0', port: 22, queued: 0, backlog: 128, owner: null },
            { address: '0.0.0.0', port: 443, queued: 0, backlog: 511, owner: nginx },
            { address: LISTEN_ADDRESS, port: FPM_PORT, queued: established + synRecv > 0 ? Math.min(511, Math.round(synRecv / 2) + 200) : 0, backlog: 511, owner: php },
            { address: '127.0.0.1', port: 5432, queued: 0, backlog: 244, owner: null },
          ],
          connections,
        },
      };
    },
  };
}

/** The owner (pid, start) of a unit's main process in the world, or null. */
export function mainOwner(w: World, pid: number): SocketOwner | null {
  const p = w.processes.find((x) => x.pid === pid);
  return p ? { pid: p.pid, startTicks: p.startTicks } : null;
}
