import { describe, expect, it } from 'vitest';
import { fdinfoDirectory, fdinfoPos, fdinfoWrites, parseCgroup, parseIo, parseIoStatWrites } from '../../../collectors/proc/parse-io.js';
import { deviceName } from '../../../collectors/proc/read-open-writes.js';
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
