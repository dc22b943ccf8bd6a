/** Pure parsers for a process's I/O files: /proc/<pid>/io, cgroup and fdinfo. */
import type { IoCounters } from '../../src/stream/messages.js';

const encoder = new TextEncoder();

/** Whether `bytes[start, end)` spells `name` (ASCII). */
function named(bytes: Uint8Array, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = start; i < end; i++) if (bytes[i] !== name.charCodeAt(i - start)) return false;
  return true;
}

/** Whitespace as String.prototype.trim sees it in ASCII: tab, LF, VT, FF, CR, space. */
const blank = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** The decimal value of `bytes[start, end)` between blanks, or null when it is anything else (as `/^\d+$/` on the trimmed text). */
function decimal(bytes: Uint8Array, start: number, end: number): number | null {
  while (start < end && blank(bytes[start]!)) start++;
  while (end > start && blank(bytes[end - 1]!)) end--;
  if (start === end) return null;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c < 48 || c > 57) return null;
    value = value * 10 + (c - 48);
  }
  return value;
}

/**
 * Parses /proc/<pid>/io from the first `length` bytes of `bytes` (read into
 * a kept buffer: one pass over "name: value" lines, no string made; with
 * thousands of processes this runs thousands of times a second); null when a
 * field is missing. `at` (ms) stamps the counters with when they were read.
 */
export function parseIoBytes(bytes: Uint8Array, length: number, at?: number): IoCounters | null {
  let rchar: number | null = null;
  let wchar: number | null = null;
  let readBytes: number | null = null;
  let writeBytes: number | null = null;
  let cancelled = 0;
  let syscw: number | null = null;
  for (let start = 0; start < length; ) {
    let end = start;
    while (end < length && bytes[end] !== 10) end++; // the line's end (never past `length`: the buffer holds older bytes beyond)
    let colon = start;
    while (colon < end && bytes[colon] !== 58) colon++; // ':'
    if (colon > start && colon < end) {
      const number = decimal(bytes, colon + 1, end);
      if (named(bytes, start, colon, 'rchar')) rchar = number;
      else if (named(bytes, start, colon, 'wchar')) wchar = number;
      else if (named(bytes, start, colon, 'read_bytes')) readBytes = number;
      else if (named(bytes, start, colon, 'write_bytes')) writeBytes = number;
      else if (named(bytes, start, colon, 'cancelled_write_bytes')) cancelled = number ?? 0;
      else if (named(bytes, start, colon, 'syscw')) syscw = number;
    }
    start = end + 1;
  }
  if (rchar === null || wchar === null || readBytes === null || writeBytes === null) return null;
  // built in one order (the recording's): optional fields are added, never spread
  const io: { -readonly [K in keyof IoCounters]: IoCounters[K] } = { rchar, wchar, readBytes, writeBytes, cancelledWriteBytes: cancelled };
  if (syscw !== null) io.syscw = syscw;
  if (at !== undefined) io.at = at;
  return io;
}

/** Parses /proc/<pid>/io text (parseIoBytes over its UTF-8); null when a field is missing. */
export function parseIo(text: string, at?: number): IoCounters | null {
  const bytes = encoder.encode(text);
  return parseIoBytes(bytes, bytes.length, at);
}

/**
 * The cgroup path of a process from /proc/<pid>/cgroup: the v2 unified line
 * ('0::/path') when it names a cgroup, else the v1 systemd hierarchy, else the
 * first v1 line with a path other than '/'; '/' when nothing better exists.
 */
export function parseCgroup(text: string): string {
  let v2 = '';
  let systemd = '';
  let other = '';
  for (const line of text.split('\n')) {
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first < 0 || second < 0) continue;
    const controllers = line.slice(first + 1, second);
    const path = line.slice(second + 1);
    if (line.startsWith('0::')) v2 = path;
    else if (controllers === 'name=systemd') systemd = path;
    else if (!other && path !== '/') other = path;
  }
  if (v2 && v2 !== '/') return v2;
  return systemd && systemd !== '/' ? systemd : other || v2 || systemd || '/';
}

/** Whether fdinfo text says the descriptor was opened for writing (O_WRONLY or O_RDWR). */
export function fdinfoWrites(text: string): boolean {
  const m = /^flags:\s*([0-7]+)/m.exec(text);
  return m ? (parseInt(m[1]!, 8) & 3) !== 0 : false;
}

/** The fdinfo `pos` (the descriptor's file position), or null. */
export function fdinfoPos(text: string): number | null {
  const m = /^pos:\s*(\d+)/m.exec(text);
  return m ? Number(m[1]) : null;
}

/** Whether fdinfo flags say the descriptor is a directory opened with O_DIRECTORY. */
export function fdinfoDirectory(text: string): boolean {
  const m = /^flags:\s*([0-7]+)/m.exec(text);
  return m ? (parseInt(m[1]!, 8) & 0o200000) !== 0 : false;
}

/** Sums `wbytes` over the devices of a cgroup v2 io.stat file; null when there are none. */
export function parseIoStatWrites(text: string): number | null {
  let total = 0;
  let found = false;
  for (const m of text.matchAll(/\bwbytes=(\d+)/g)) {
    total += Number(m[1]);
    found = true;
  }
  return found ? total : text.trim() === '' ? 0 : null;
}
