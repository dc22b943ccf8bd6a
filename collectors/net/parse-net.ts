/**
 * Parsers for the kernel's network tables (issue 14's collector, not yet
 * sampled or drawn): the socket tables /proc/net/{tcp,tcp6,udp,udp6}, the
 * counters of /proc/net/sockstat, the header/value pairs of /proc/net/snmp and
 * /proc/net/netstat, and the interfaces of /proc/net/dev. Pure: text in, raw
 * counters and rows out; rates belong to the model. A malformed line is
 * skipped, never an error.
 */
import type { InterfaceCounters, SocketRow } from '../../src/stream/net-messages.js';

export type { InterfaceCounters, SocketRow };

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

/** The value of hex digits text[from, to), or NaN (any other character, or none). */
function hexAt(text: string, from: number, to: number): number {
  if (to <= from || to - from > 8) return NaN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return NaN;
    n = n * 16 + d;
  }
  return n;
}

/** Decoded addresses by their hex text: a flood repeats a few thousand addresses (cleared past ADDRESS_CACHE). */
const addressCache = new Map<string, string | null>();
const ADDRESS_CACHE = 65_536;

function cachedAddress(hexText: string): string | null {
  let address = addressCache.get(hexText);
  if (address === undefined) {
    if (addressCache.size >= ADDRESS_CACHE) addressCache.clear();
    address = decodeAddress(hexText);
    addressCache.set(hexText, address);
  }
  return address;
}

/** Field bounds of the line being parsed: start and end of fields 0-9. */
const bounds = new Int32Array(20);

/** Cuts the first ten space-separated fields of text[at, end) into `bounds`; false when there are fewer. */
function cutFields(text: string, at: number, end: number): boolean {
  let i = at;
  for (let k = 0; k < 10; k++) {
    while (i < end && text.charCodeAt(i) === 32) i++;
    let j = i;
    while (j < end && text.charCodeAt(j) !== 32) j++;
    if (i === j) return false;
    bounds[2 * k] = i;
    bounds[2 * k + 1] = j;
    i = j;
  }
  return true;
}

/** A decimal integer in text[from, to), or NaN. */
function decimalAt(text: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return NaN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** The address and port of field k ("0100007F:1F90"), or null. */
function endpointAt(text: string, k: number): { address: string; port: number } | null {
  const from = bounds[2 * k]!;
  const to = bounds[2 * k + 1]!;
  const colon = to - 5;
  if (colon <= from || text.charCodeAt(colon) !== 58) return null;
  const address = cachedAddress(text.slice(from, colon));
  const port = hexAt(text, colon + 1, to);
  return address === null || Number.isNaN(port) ? null : { address, port };
}

/**
 * The rows of one socket table (`proto` says which kind it is: tcp and tcp6
 * are 'tcp'). Fields are cut by hand, not split: a flood's table has tens of
 * thousands of lines (measured on 50,000: 120 ms with split and RegExps).
 */
export function parseSocketTable(text: string, proto: 'tcp' | 'udp'): SocketRow[] {
  const rows: SocketRow[] = [];
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const row = cutFields(text, at, end) ? parseSocketLine(text, proto) : null;
    if (row) rows.push(row);
    at = end + 1;
  }
  return rows;
}

function parseSocketLine(text: string, proto: 'tcp' | 'udp'): SocketRow | null {
  const b = bounds;
  if (text.charCodeAt(b[1]! - 1) !== 58 || Number.isNaN(decimalAt(text, b[0]!, b[1]! - 1))) return null;
  const local = endpointAt(text, 1);
  const remote = endpointAt(text, 2);
  const state = hexAt(text, b[6]!, b[7]!);
  const colon = text.indexOf(':', b[8]!);
  const inQueues = colon > b[8]! && colon < b[9]!;
  const tx = inQueues ? hexAt(text, b[8]!, colon) : NaN;
  const rx = inQueues ? hexAt(text, colon + 1, b[9]!) : NaN;
  const uid = decimalAt(text, b[14]!, b[15]!);
  const inode = decimalAt(text, b[18]!, b[19]!);
  if (!local || !remote || !(state > 0 && state < TCP_STATES.length) || Number.isNaN(tx) || Number.isNaN(rx) || Number.isNaN(uid) || Number.isNaN(inode)) return null;
  const row = { proto, localAddress: local.address, localPort: local.port, remoteAddress: remote.address, remotePort: remote.port, state: TCP_STATES[state]!, txQueue: tx, rxQueue: rx, uid, inode };
  return proto === 'tcp' && state === TIME_WAIT ? withTimer(row, text) : row;
}

const TIME_WAIT = 6;

/** A TIME-WAIT row with its timer ("03:0000173E": clock ticks until the kernel drops it), when the field reads right. */
function withTimer(row: SocketRow, text: string): SocketRow {
  const from = bounds[10]!;
  const ticks = text.charCodeAt(from + 2) === 58 ? hexAt(text, from + 3, bounds[11]!) : NaN;
  return Number.isNaN(ticks) ? row : { ...row, timerTicks: ticks };
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

const LINE_BREAK = /[\r\u2028\u2029]/;

const DECIMAL = /^-?\d+$/;

/** What follows `name: ` on a values line, or null: what /^name: (.*)$/ matched, without making that regexp each sample. */
function valuesOf(line: string, name: string): string | null {
  if (!line.startsWith(name) || !line.startsWith(': ', name.length)) return null;
  const rest = line.slice(name.length + 2);
  return LINE_BREAK.test(rest) ? null : rest;
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
    const values = head ? valuesOf(lines[i + 1]!, head[1]!) : null;
    if (!head || values === null || !/^[A-Za-z]/.test(head[2]!)) continue;
    const names = head[2]!.trim().split(/\s+/);
    const nums = values.trim().split(/\s+/);
    if (names.length !== nums.length) continue;
    const group: Record<string, number> = {};
    for (let k = 0; k < names.length; k++) if (DECIMAL.test(nums[k]!)) group[names[k]!] = Number(nums[k]);
    out[head[1]!] = group;
    i++;
  }
  return out;
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
