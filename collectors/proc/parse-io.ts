/** Pure parsers for a process's I/O files: /proc/<pid>/io, cgroup and fdinfo. */
import type { IoCounters } from '../../src/stream/messages.js';

/** Parses /proc/<pid>/io; null when a field is missing. */
export function parseIo(text: string, at?: number): IoCounters | null {
  // One pass over "name: value" lines (with thousands of processes this runs thousands of times a second).
  let rchar: number | null = null;
  let wchar: number | null = null;
  let readBytes: number | null = null;
  let writeBytes: number | null = null;
  let cancelled = 0;
  let syscw: number | null = null;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const colon = text.indexOf(':', start);
    if (colon > start && colon < end) {
      const value = text.slice(colon + 1, end).trim();
      const number = /^\d+$/.test(value) ? Number(value) : null;
      switch (text.slice(start, colon)) {
        case 'rchar': rchar = number; break;
        case 'wchar': wchar = number; break;
        case 'read_bytes': readBytes = number; break;
        case 'write_bytes': writeBytes = number; break;
        case 'cancelled_write_bytes': cancelled = number ?? 0; break;
        case 'syscw': syscw = number; break;
      }
    }
    start = end + 1;
  }
  if (rchar === null || wchar === null || readBytes === null || writeBytes === null) return null;
  return {
    rchar, wchar, readBytes, writeBytes, cancelledWriteBytes: cancelled,
    ...(syscw === null ? {} : { syscw }),
    ...(at === undefined ? {} : { at }),
  };
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
