import { describe, expect, it } from 'vitest';
import { fdinfoDirectory, fdinfoPos, fdinfoWrites, parseCgroup, parseIo, parseIoBytes, parseIoStatWrites } from '../../../collectors/proc/parse-io.js';
import { deviceName, socketInode } from '../../../collectors/proc/read-open-writes.js';
import type { IoCounters } from '../../../src/stream/messages.js';
import { groupOf } from '../../../src/model/groups.js';

describe('parseIo', () => {
  it('reads the counters of /proc/<pid>/io', () => {
    const text = 'rchar: 323934931\nwchar: 323929600\nsyscr: 632687\nsyscw: 632675\nread_bytes: 4096\nwrite_bytes: 323932160\ncancelled_write_bytes: 8192\n';
    expect(parseIo(text)).toEqual({ rchar: 323934931, wchar: 323929600, readBytes: 4096, writeBytes: 323932160, cancelledWriteBytes: 8192, syscw: 632675 });
    expect(parseIo('')).toBeNull();
  });

  it('reads the fdinfo position and the O_DIRECTORY flag', () => {
    expect(fdinfoPos('pos:\t4096\nflags:\t0102001\nmnt_id:\t30\n')).toBe(4096);
    expect(fdinfoPos('flags:\t01\n')).toBeNull();
    expect(fdinfoDirectory('pos:\t0\nflags:\t0200000\n')).toBe(true);
    expect(fdinfoDirectory('pos:\t0\nflags:\t02100000\n')).toBe(false);
  });
});

/** The parser as it was (a string per line, a regexp per value): the reference the in-place one must equal. */
function stringParse(text: string, at?: number): IoCounters | null {
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
  return { rchar, wchar, readBytes, writeBytes, cancelledWriteBytes: cancelled, ...(syscw === null ? {} : { syscw }), ...(at === undefined ? {} : { at }) };
}

describe('parseIoBytes, in place from a kept buffer', () => {
  it('equals the string parser on every readable /proc/<pid>/io here, crafted lines, and with stale bytes beyond the length', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const texts: string[] = [];
    for (const name of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
      try {
        texts.push(readFileSync(`/proc/${name}/io`, 'utf8'));
      } catch {
        // another user's process without the right to read it
      }
    }
    expect(texts.length).toBeGreaterThan(3);
    const base = texts[0]!;
    const crafted = [
      base.replace('wchar: ', 'wchar:\t '), base.replace(/syscw: \d+\n/, ''), base.replace(/wchar: \d+/, 'wchar: 12x'), base.trimEnd(),
      base.replace(/rchar: \d+/, 'rchar:'), base.replace('read_bytes', 'read_byte'), `${base}extra: 1\n`, '', 'rchar: 1\nwchar: 2\nread_bytes: 3\nwrite_bytes: 4',
    ];
    const kept = new Uint8Array(4096).fill(10);
    for (const text of [...texts, ...crafted]) {
      const bytes = Buffer.from(text, 'utf8');
      kept.fill(10).set(bytes);
      expect(parseIoBytes(kept, bytes.length, 5)).toEqual(stringParse(text, 5));
      expect(parseIo(text)).toEqual(stringParse(text));
    }
    // the same property order as before (the recording's field order)
    expect(Object.keys(parseIo(base, 1)!)).toEqual(Object.keys(stringParse(base, 1)!));
  });
});

describe('socketInode', () => {
  it('reads the inode of a socket link and nothing else', () => {
    expect(socketInode('socket:[123456]')).toBe(123456);
    expect(socketInode('socket:[0]')).toBe(0);
    for (const t of ['socket:[]', 'socket:[12', 'socket:[1a]', 'pipe:[12]', '/tmp/socket:[1]', 'socket:[1] ']) expect(socketInode(t)).toBe(-1);
  });
});

describe('parseCgroup', () => {
  it('prefers the cgroup v2 path', () => {
    expect(parseCgroup('0::/system.slice/web-writer.service\n')).toBe('/system.slice/web-writer.service');
  });

  it('falls back to the v1 systemd hierarchy, then to any v1 path', () => {
    const v1 = '12:memory:/system.slice/apache2.service\n1:name=systemd:/system.slice/apache2.service\n0::/\n';
    expect(parseCgroup(v1)).toBe('/system.slice/apache2.service');
    expect(parseCgroup('4:memory:/process_api/abc\n1:cpu:/\n0::/\n')).toBe('/process_api/abc');
    expect(parseCgroup('0::/\n')).toBe('/');
  });
});

describe('parseIoStatWrites', () => {
  it('sums wbytes over the devices of a cgroup v2 io.stat', () => {
    const text = '8:0 rbytes=4096 wbytes=1048576 rios=1 wios=256 dbytes=0 dios=0\n254:0 rbytes=0 wbytes=2048 rios=0 wios=1 dbytes=0 dios=0\n';
    expect(parseIoStatWrites(text)).toBe(1048576 + 2048);
    expect(parseIoStatWrites('')).toBe(0);
    expect(parseIoStatWrites('garbage')).toBeNull();
  });
});

describe('fdinfoWrites and deviceName', () => {
  it('reads the access mode from the octal flags', () => {
    expect(fdinfoWrites('pos:\t0\nflags:\t0100001\nmnt_id:\t29\n')).toBe(true);
    expect(fdinfoWrites('pos:\t0\nflags:\t02100002\n')).toBe(true);
    expect(fdinfoWrites('pos:\t0\nflags:\t0100000\n')).toBe(false);
  });

  it('splits a dev_t into major and minor', () => {
    expect(deviceName(0x0700)).toBe('7:0');
    expect(deviceName(0xfe01)).toBe('254:1');
    expect(deviceName(259 * 256 + 3)).toBe('259:3');
    // Minor numbers above 255 keep their high bits above the major (new_encode_dev).
    expect(deviceName(((300 & ~0xff) << 12) | (8 << 8) | (300 & 0xff))).toBe('8:300');
  });
});

describe('groupOf', () => {
  it('names services, scopes, user services and containers', () => {
    expect(groupOf('/system.slice/apache2.service')).toEqual({ name: 'apache2.service', kind: 'unit', unit: 'apache2.service' });
    expect(groupOf('/user.slice/user-1000.slice/user@1000.service/app.slice/app-x.scope').unit).toBe('app-x.scope');
    expect(groupOf('/user.slice/user-1000.slice/user@1000.service').unit).toBe('user@1000.service');
    expect(groupOf('/system.slice/docker-0123456789abcdef0123.scope')).toMatchObject({ kind: 'container', name: 'container 0123456789ab' });
    expect(groupOf('/process_api/abc')).toEqual({ name: '/process_api/abc', kind: 'cgroup', unit: null });
  });
});
