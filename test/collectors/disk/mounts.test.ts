import { describe, expect, it } from 'vitest';
import { foldMounts, parseMountinfo, unescapeMountPath } from '../../../collectors/disk/parse-mountinfo.js';
import { childStatfs, mayHang, StatfsPoller } from '../../../collectors/disk/statfs-poller.js';
import { statfsSync } from 'node:fs';
import type { StatfsCounters } from '../../../src/stream/messages.js';

const MOUNTINFO = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '23 27 0:22 / /sys rw,relatime - sysfs sysfs rw',
  '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
  '25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw',
  '40 27 254:0 /var/lib/jail /jail/var rw,relatime - ext4 /dev/vda rw',
  '41 27 7:0 / /srv/with\\040space rw - ext4 /dev/loop0 rw',
  '42 27 7:1 / /srv/esc\x1b[31mred rw - xfs /dev/loop1 rw',
  '43 27 0:50 / /mnt/nfs rw - nfs4 server:/export rw,vers=4.2',
  '44 27 0:51 / /snap/core/1 ro - squashfs /dev/loop9 ro',
  '45 27 0:52 / /run rw - tmpfs tmpfs rw',
  '46 45 0:53 / /run/user/0 rw - tmpfs tmpfs rw',
  'garbage line',
].join('\n');

describe('mountinfo', () => {
  it('unescapes octal escapes', () => {
    expect(unescapeMountPath('/a\\040b\\011c\\134d\\012e')).toBe('/a b\tc\\d\ne');
  });

  it('parses fields and skips malformed lines', () => {
    const entries = parseMountinfo(MOUNTINFO);
    expect(entries).toHaveLength(11);
    expect(entries[2]).toMatchObject({ device: '254:0', root: '/', mountPoint: '/', type: 'ext4', source: '/dev/vda' });
    expect(entries[5]!.mountPoint).toBe('/srv/with space');
  });

  it('keeps real filesystems, including tmpfs and nfs, and leaves out pseudo ones', () => {
    const mounts = foldMounts(parseMountinfo(MOUNTINFO)).map((m) => m.mountPoint).sort();
    expect(mounts).toEqual(['/', '/dev/shm', '/mnt/nfs', '/run', '/run/user/0', '/srv/esc\x1b[31mred', '/srv/with space']);
  });

  it('folds bind mounts of one device into one row listing the others', () => {
    const root = foldMounts(parseMountinfo(MOUNTINFO)).find((m) => m.device === '254:0')!;
    expect(root.mountPoint).toBe('/');
    expect(root.otherMounts).toEqual(['/jail/var']);
  });

  it('drops a mount hidden under a later mount on the same path', () => {
    const text = '1 0 8:1 / /data rw - ext4 /dev/sdb1 rw\n2 0 8:2 / /data rw - ext4 /dev/sdc1 rw';
    expect(foldMounts(parseMountinfo(text)).map((m) => m.device)).toEqual(['8:2']);
  });
});

describe('StatfsPoller with a filesystem that never answers', () => {
  const ok: StatfsCounters = { bsize: 4096, blocks: 100, bfree: 50, bavail: 40, files: 10, ffree: 5 };
  const mounts = [
    { device: '1:1', type: 'nfs4', source: 'dead:/x', mountPoint: '/mnt/dead', otherMounts: [] },
    { device: '1:2', type: 'ext4', source: '/dev/a', mountPoint: '/a', otherMounts: [] },
  ];

  // The injected statfs stands in for a dead NFS server: the call for /mnt/dead
  // never returns (as a statfs stuck in the kernel would hold its pool thread).
  it('reports the others on time, marks it not responding, and does not ask it again', async () => {
    const calls: string[] = [];
    const statfs = (path: string) => {
      calls.push(path);
      return path === '/mnt/dead' ? new Promise<StatfsCounters>(() => {}) : Promise.resolve(ok);
    };
    const poller = new StatfsPoller(statfs, { waitMs: 50, limitMs: 120 }, statfs);
    const started = Date.now();
    const first = await poller.poll(mounts);
    expect(Date.now() - started).toBeLessThan(500);
    expect(first.find((f) => f.device === '1:2')!.stat).toEqual(ok);
    // it never answered within the poll's wait: not responding from the first report (never "size 0")
    expect(first.find((f) => f.device === '1:1')).toMatchObject({ stat: null, responding: false });
    await new Promise((r) => setTimeout(r, 150));
    const second = await poller.poll(mounts);
    expect(second.find((f) => f.device === '1:1')).toMatchObject({ stat: null, responding: false });
    expect(second.find((f) => f.device === '1:2')!.stat).toEqual(ok);
    expect(calls.filter((p) => p === '/mnt/dead')).toHaveLength(1);
    expect(calls.filter((p) => p === '/a')).toHaveLength(2);
  });

  it('asks again once the slow call has answered', async () => {
    let release: (s: StatfsCounters) => void = () => {};
    let calls = 0;
    const statfs = () => {
      calls++;
      return calls === 1 ? new Promise<StatfsCounters>((r) => (release = r)) : Promise.resolve(ok);
    };
    const poller = new StatfsPoller(statfs, { waitMs: 20, limitMs: 40 }, statfs);
    await poller.poll([mounts[0]!]);
    release(ok);
    // The late answer settles in the promise jobs: one turn of the event loop, no wall clock.
    await new Promise((r) => setImmediate(r));
    const after = await poller.poll([mounts[0]!]);
    expect(after[0]).toMatchObject({ responding: true, stat: ok });
    expect(calls).toBe(2);
  });
});

describe('statfs of filesystems that may hang', () => {
  it('sends network and FUSE types to a child, local ones to the threadpool', () => {
    for (const t of ['nfs', 'nfs4', 'cifs', 'fuse', 'fuse.sshfs', 'fuseblk', 'ceph', '9p']) expect(mayHang(t)).toBe(true);
    for (const t of ['ext4', 'xfs', 'btrfs', 'tmpfs', 'overlay', 'zfs', 'vfat']) expect(mayHang(t)).toBe(false);
  });

  it('reads the same counters through stat -f as statfs(2) gives', async () => {
    const children = new Set<import('node:child_process').ChildProcess>();
    const viaChild = await childStatfs(children)('/');
    const direct = statfsSync('/');
    expect(viaChild.bsize).toBe(direct.bsize);
    expect(viaChild.blocks).toBe(direct.blocks);
    expect(viaChild.files).toBe(direct.files);
    expect(Math.abs(viaChild.bfree - direct.bfree)).toBeLessThan(direct.blocks / 100);
    expect(children.size).toBe(0);
  });

  it('measures an answering FUSE-type filesystem through its own default child, and kills none left waiting', async () => {
    const poller = new StatfsPoller();
    const mount = { device: '9:9', type: 'fuse.sshfs', source: 'host:/', mountPoint: '/', otherMounts: [] };
    const [first] = await poller.poll([mount]);
    expect(first!.responding).toBe(true);
    expect(first!.stat?.blocks).toBe(statfsSync('/').blocks);
    poller.stop();
  });
});

