/**
 * The addresses `b` must never block (issue 28 item 6): this host's own
 * (every interface), its default gateways (/proc/net/route and
 * /proc/net/ipv6_route) and its DNS servers (/etc/resolv.conf). Read in the
 * network namespace sitrep runs in; read again just before a block is added.
 */
import { networkInterfaces } from 'node:os';
import type { GuardedAddress } from '../../src/stream/messages.js';
import { readText } from '../proc/read-processes.js';

/** IPv4 gateways of the default routes in /proc/net/route text (little-endian hex). */
export function defaultGateways4(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || f[1] !== '00000000' || f[7] !== '00000000' || f[2] === '00000000') continue;
    const n = parseInt(f[2]!, 16);
    out.push([n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.'));
  }
  return out;
}

/** IPv6 next hops of the default routes (::/0) in /proc/net/ipv6_route text. */
export function defaultGateways6(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^0{32}$/.test(f[0]!) || f[1] !== '00' || /^0{32}$/.test(f[4]!)) continue;
    out.push(f[4]!.match(/.{4}/g)!.map((g) => parseInt(g, 16).toString(16)).join(':'));
  }
  return out;
}

/** The nameserver addresses of resolv.conf text (a zone index such as %eth0 dropped). */
export function nameservers(text: string): string[] {
  return [...text.matchAll(/^\s*nameserver\s+([0-9a-fA-F:.]+)(?:%\S+)?\s*$/gm)].map((m) => m[1]!);
}

/** Every guarded address, read now. */
export function guardedAddresses(procRoot = '/proc', resolvConf = '/etc/resolv.conf'): GuardedAddress[] {
  const out: GuardedAddress[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) out.push({ address: a.address.replace(/%.*$/, ''), what: 'an address of this host' });
  }
  for (const address of [...defaultGateways4(readText(`${procRoot}/net/route`) ?? ''), ...defaultGateways6(readText(`${procRoot}/net/ipv6_route`) ?? '')]) out.push({ address, what: 'the default gateway' });
  for (const address of nameservers(readText(resolvConf) ?? '')) out.push({ address, what: 'a DNS server' });
  return out;
}
