/** Pure parsers for a process's I/O files: /proc/<pid>/io, cgroup and fdinfo. */
import type { IoCounters } from '../src/stream/messages.js';

/** Parses /proc/<pid>/io; null when a field is missing. */
export function parseIo(text: string): IoCounters | null {
  const field = (name: string): number | null => {
    const m = new RegExp(`^${name}:\\s*(\\d+)`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  const rchar = field('rchar');
  const wchar = field('wchar');
  const readBytes = field('read_bytes');
  const writeBytes = field('write_bytes');
  const cancelled = field('cancelled_write_bytes');
  if (rchar === null || wchar === null || readBytes === null || writeBytes === null) return null;
  return { rchar, wchar, readBytes, writeBytes, cancelledWriteBytes: cancelled ?? 0 };
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
