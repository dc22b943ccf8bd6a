/**
 * Parsers for the kernel's network tables (issue 14's collector, not yet
 * sampled or drawn): the socket tables /proc/net/{tcp,tcp6,udp,udp6}, the
 * counters of /proc/net/sockstat, the header/value pairs of /proc/net/snmp and
 * /proc/net/netstat, and the interfaces of /proc/net/dev. Pure: text in, raw
 * counters and rows out; rates belong to the model. A malformed line is
 * skipped, never an error.
 */
import type { SocketRow } from '../src/stream/net-messages.js';

export type { SocketRow };

const TCP_STATES = ['', 'ESTABLISHED', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING', 'NEW-SYN-RECV'];

const hex = (text: string): number => (/^[0-9A-Fa-f]{1,8}$/.test(text) ? parseInt(text, 16) : NaN);

/** The four bytes of a little-endian 32-bit word, in address order. */
function wordBytes(word: string): number[] {
  const n = hex(word);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

/**
 * An address as the kernel prints it (each 32-bit word in host byte order, on
 * the little-endian machines sitrep runs on): 8 hex digits for IPv4, 32 for
 * IPv6. An IPv4-mapped IPv6 address comes back as its IPv4 address.
 */
export function decodeAddress(text: string): string | null {
  if (text.length === 8) {
    const b = wordBytes(text);
    return b.some(Number.isNaN) || Number.isNaN(hex(text)) ? null : b.join('.');
  }
  if (text.length !== 32 || !/^[0-9A-Fa-f]{32}$/.test(text)) return null;
  const bytes = [0, 8, 16, 24].flatMap((i) => wordBytes(text.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return compressIpv6(groups);
}

/** The usual short form: the longest run of two or more zero groups becomes `::`. */
function compressIpv6(groups: string[]): string {
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.len < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

function endpoint(text: string | undefined): { address: string; port: number } | null {
  const [addr, port] = (text ?? '').split(':');
  const address = decodeAddress(addr ?? '');
  const p = hex(port ?? '');
  return address === null || Number.isNaN(p) || (port ?? '').length !== 4 ? null : { address, port: p };
}

/** The rows of one socket table (`proto` says which kind it is: tcp and tcp6 are 'tcp'). */
export function parseSocketTable(text: string, proto: 'tcp' | 'udp'): SocketRow[] {
  const rows: SocketRow[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^\d+:$/.test(f[0]!)) continue;
    const local = endpoint(f[1]);
    const remote = endpoint(f[2]);
    const state = hex(f[3]!);
    const [tx, rx] = (f[4] ?? '').split(':').map(hex);
    const uid = Number(f[7]);
    const inode = Number(f[9]);
    if (!local || !remote || !(state > 0 && state < TCP_STATES.length) || tx === undefined || rx === undefined || Number.isNaN(tx) || Number.isNaN(rx) || !Number.isSafeInteger(uid) || !Number.isSafeInteger(inode)) continue;
    rows.push({ proto, localAddress: local.address, localPort: local.port, remoteAddress: remote.address, remotePort: remote.port, state: TCP_STATES[state]!, txQueue: tx, rxQueue: rx, uid, inode });
  }
  return rows;
}

/** /proc/net/sockstat: per protocol, its counters (`TCP: inuse 5 orphan 0 tw 2 …` → { TCP: { inuse: 5, … } }). */
export function parseSockstat(text: string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const line of text.split('\n')) {
    const m = /^(\w+): (.*)$/.exec(line.trim());
    if (!m) continue;
    const f = m[2]!.split(/\s+/);
    const counters: Record<string, number> = {};
    for (let i = 0; i + 1 < f.length; i += 2) if (/^\d+$/.test(f[i + 1]!)) counters[f[i]!] = Number(f[i + 1]);
    out[m[1]!] = counters;
  }
  return out;
}

/**
 * /proc/net/snmp and /proc/net/netstat: a header line of names and a line of
 * values per group (`Tcp:`, `TcpExt:` …) → { Tcp: { RetransSegs: 12, … } }.
 */
export function parseSnmp(text: string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = /^(\w+): (.*)$/.exec(lines[i]!);
    const values = head ? new RegExp(`^${head[1]}: (.*)$`).exec(lines[i + 1]!) : null;
    if (!head || !values || !/^[A-Za-z]/.test(head[2]!)) continue;
    const names = head[2]!.trim().split(/\s+/);
    const nums = values[1]!.trim().split(/\s+/);
    if (names.length !== nums.length) continue;
    const group: Record<string, number> = {};
    names.forEach((n, k) => {
      if (/^-?\d+$/.test(nums[k]!)) group[n] = Number(nums[k]);
    });
    out[head[1]!] = group;
    i++;
  }
  return out;
}

/** One interface's counters from /proc/net/dev. */
export interface InterfaceCounters {
  readonly name: string;
  readonly rxBytes: number;
  readonly rxPackets: number;
  readonly rxDrops: number;
  readonly txBytes: number;
  readonly txPackets: number;
  readonly txDrops: number;
}

/** /proc/net/dev: every interface's byte, packet and drop counters. */
export function parseNetDev(text: string): InterfaceCounters[] {
  const out: InterfaceCounters[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const name = line.slice(0, colon).trim();
    const f = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (!name || f.length < 16 || f.some((n) => !Number.isSafeInteger(n))) continue;
    out.push({ name, rxBytes: f[0]!, rxPackets: f[1]!, rxDrops: f[3]!, txBytes: f[8]!, txPackets: f[9]!, txDrops: f[11]! });
  }
  return out;
}
