/** The memory parsers and the cgroup reader on real-shaped and hostile input: unreadable files, a cgroup that vanishes, names with escapes. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLimit, parseMeminfoExtras, parseMemoryEvents, parseMemoryPsi, parseStatusMemory, parseVmstat } from '../../../collectors/memory/parse-memory.js';
import { CGROUP_QUIET_EVERY, MemoryReader, memoryCgroupOf, readCgroup, walk } from '../../../collectors/memory/memory-reader.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const d = mkdtempSync(`${tmpdir()}/sitrep-mem-`);
  dirs.push(d);
  return d;
};

describe('memory parsers', () => {
  it('meminfo extras, vmstat, PSI with avg60, status split', () => {
    expect(parseMeminfoExtras('MemTotal: 100 kB\nDirty:  8 kB\nWriteback:  4 kB\nSReclaimable:  2 kB\nShmem: 1 kB\n')).toEqual({ dirty: 8192, writeback: 4096, reclaimable: 2048, shmem: 1024 });
    expect(parseVmstat('nr_free_pages 5\npswpin 12\npswpout 34\npgmajfault 56\n')).toEqual({ pswpin: 12, pswpout: 34, pgmajfault: 56 });
    expect(parseMemoryPsi('some avg10=1.50 avg60=0.75 avg300=0.10 total=1\nfull avg10=0.25 avg60=0.10 avg300=0.00 total=1\n')).toEqual({ someAvg10: 1.5, someAvg60: 0.75, fullAvg10: 0.25, fullAvg60: 0.1 });
    expect(parseMemoryPsi('garbage')).toBeNull();
    expect(parseStatusMemory('Name:\tx\nVmRSS:\t 30 kB\nRssAnon:\t  20 kB\nRssFile:\t 8 kB\nRssShmem:\t 2 kB\nVmSwap:\t 4 kB\n')).toEqual({ anon: 20480, file: 8192, shmem: 2048, swap: 4096 });
    expect(parseStatusMemory('Name:\tkthreadd\n')).toBeNull();
    expect(parseStatusMemory(null)).toBeNull();
  });

  it('limits: max and the v1 "no limit" are none; junk is none', () => {
    expect(parseLimit('629145600\n')).toBe(629145600);
    expect(parseLimit('max\n')).toBeNull();
    expect(parseLimit('9223372036854771712\n')).toBeNull();
    expect(parseLimit('-1')).toBeNull();
    expect(parseLimit('12\u001b[2J')).toBeNull();
    expect(parseLimit(null)).toBeNull();
    expect(parseMemoryEvents('low 0\nhigh 3\nmax 7\noom 1\noom_kill 1\n')).toEqual({ high: 3, max: 7, oom: 1, oomKill: 1 });
    expect(parseMemoryEvents('')).toBeNull();
  });
});

describe('cgroup reader', () => {
  it('walks v2 cgroups with a limit, names with escapes kept raw, unreadable and vanished ones skipped', () => {
    const root = temp();
    const weird = 'app\u001b]52;c;x\u0007\nname.service';
    for (const [rel, max, current] of [['/a.slice', 'max', '5'], [`/a.slice/${weird}`, '1000', '600'], ['/gone', '2000', null], ['/b', '3000', '10']] as const) {
      mkdirSync(`${root}${rel}`, { recursive: true });
      writeFileSync(`${root}${rel}/memory.max`, `${max}\n`);
      if (current !== null) writeFileSync(`${root}${rel}/memory.current`, `${current}\n`);
    }
    writeFileSync(`${root}/b/memory.events`, 'high 1\nmax 2\noom 3\noom_kill 4\n');
    const found = walk(root, 2);
    expect(found.sort()).toEqual([`/a.slice/${weird}`, '/b', '/gone'].sort());
    expect(readCgroup(root, `/a.slice/${weird}`, 2)).toEqual({ path: `/a.slice/${weird}`, version: 2, usage: 600, limit: 1000, events: null });
    expect(readCgroup(root, '/b', 2)?.events).toEqual({ high: 1, max: 2, oom: 3, oomKill: 4 });
    // no memory.current: skipped; removed between the walk and the read: skipped
    expect(readCgroup(root, '/gone', 2)).toBeNull();
    rmSync(`${root}/b`, { recursive: true });
    expect(readCgroup(root, '/b', 2)).toBeNull();
    // unreadable (as root only a directory swapped for a file makes it unreadable)
    rmSync(`${root}/a.slice/${weird}/memory.current`);
    mkdirSync(`${root}/a.slice/${weird}/memory.current`);
    expect(readCgroup(root, `/a.slice/${weird}`, 2)).toBeNull();
  });

  it('a reader over a fake /proc and a fake v1 tree: figures, and nothing for what vanished', () => {
    const proc = temp();
    const cg = temp();
    mkdirSync(`${cg}/memory/leak`, { recursive: true });
    writeFileSync(`${cg}/memory/memory.limit_in_bytes`, '9223372036854771712\n');
    writeFileSync(`${cg}/memory/leak/memory.limit_in_bytes`, '629145600\n');
    writeFileSync(`${cg}/memory/leak/memory.usage_in_bytes`, '1000\n');
    writeFileSync(`${proc}/vmstat`, 'pswpin 1\npswpout 2\npgmajfault 3\n');
    mkdirSync(`${proc}/42`);
    writeFileSync(`${proc}/42/status`, 'Name:\tpy\nRssAnon:\t 100 kB\nRssFile:\t 4 kB\nRssShmem:\t 0 kB\n');
    const reader = new MemoryReader(proc, cg);
    const p = (pid: number, rssBytes: number) => ({ pid, ppid: 1, startTicks: 7, comm: 'py', cmdline: '', user: 'root', state: 'S', cpuTicks: 0, rssBytes, threads: 1, kernelThread: false });
    const first = reader.read('Dirty: 4 kB\n', [p(42, 104 * 1024), p(43, 5000)]);
    expect(first).toMatchObject({ dirty: 4096, pswpin: 1, pswpout: 2, pgmajfault: 3, psi: null, cgroups: [{ path: '/leak', version: 1, usage: 1000, limit: 629145600, events: null }] });
    // nothing grew yet: no status read
    expect(first.processes).toEqual([]);
    // both grew 2 MiB: 42's split is read; 43 has no status file (gone): skipped
    const second = reader.read('', [p(42, 104 * 1024 + (2 << 20)), p(43, 5000 + (2 << 20))]);
    expect(second.processes).toEqual([{ pid: 42, startTicks: 7, anon: 102400, file: 4096, shmem: 0, swap: 0 }]);
    rmSync(`${cg}/memory/leak`, { recursive: true });
    reader.setWatch({ pane: true, process: null });
    expect(reader.read('', [p(42, 2e6)]).cgroups).toEqual([]);
  });

  it('reads only what is needed: a quiet cgroup every CGROUP_QUIET_EVERY samples, a moving one or all while the pane is watched each sample; smaps_rollup only for the watched process', () => {
    const proc = temp();
    const cg = temp();
    writeFileSync(`${cg}/memory.limit_in_bytes`, '9223372036854771712\n');
    mkdirSync(`${cg}/memory`);
    writeFileSync(`${cg}/memory/memory.limit_in_bytes`, '9223372036854771712\n');
    for (const name of ['quiet', 'moving']) {
      mkdirSync(`${cg}/memory/${name}`);
      writeFileSync(`${cg}/memory/${name}/memory.limit_in_bytes`, `${1 << 30}\n`);
      writeFileSync(`${cg}/memory/${name}/memory.usage_in_bytes`, `${1 << 20}\n`);
    }
    mkdirSync(`${proc}/42`);
    writeFileSync(`${proc}/42/status`, 'Name:\tpy\nRssAnon:\t 100 kB\nRssFile:\t 4 kB\nRssShmem:\t 0 kB\n');
    writeFileSync(`${proc}/42/smaps_rollup`, 'Rss: 104 kB\nPss: 50 kB\nSwap: 0 kB\nAnonymous: 100 kB\n');
    const reader = new MemoryReader(proc, cg);
    const p = { pid: 42, ppid: 1, startTicks: 7, comm: 'py', cmdline: '', user: 'root', state: 'S', cpuTicks: 0, rssBytes: 1e6, threads: 1, kernelThread: false };
    const read: string[][] = [];
    for (let n = 0; n < 2 * CGROUP_QUIET_EVERY; n++) {
      writeFileSync(`${cg}/memory/moving/memory.usage_in_bytes`, `${(n + 1) * (2 << 20)}\n`);
      read.push(reader.read('', [p]).cgroups.map((c) => c.path));
    }
    expect(read.map((r) => r.includes('/moving'))).toEqual(read.map(() => true));
    // the first reading, the next (does it move?), then once per CGROUP_QUIET_EVERY
    expect(read.map((r) => r.includes('/quiet'))).toEqual(read.map((_, n) => n === 0 || (n - 1) % CGROUP_QUIET_EVERY === 0));
    // the pane watched: every cgroup each sample; a steady process gets no status or smaps_rollup read
    reader.setWatch({ pane: true, process: null });
    expect(reader.read('', [p]).cgroups.map((c) => c.path).sort()).toEqual(['/moving', '/quiet']);
    expect(reader.read('', [p]).processes).toEqual([]);
    // its detail open: its smaps_rollup now, then not again for a few samples
    reader.setWatch({ pane: false, process: { pid: 42, startTicks: 7 } });
    expect(reader.read('', [p]).processes).toEqual([{ pid: 42, startTicks: 7, anon: 102400, file: 4096, shmem: 0, swap: 0, rollup: { rss: 104 * 1024, pss: 50 * 1024, swap: 0, anonymous: 100 * 1024 } }]);
    expect(reader.read('', [p]).processes).toEqual([]);
  });

  it('a growing process\'s memory cgroup is looked up at once (between walks), its limited ancestors too; odd paths are none', () => {
    expect(memoryCgroupOf('12:pids:/x\n7:memory:/leak/inner\n0::/user.slice\n', 1)).toBe('/leak/inner');
    expect(memoryCgroupOf('7:cpu,memory:/a\n', 1)).toBe('/a');
    expect(memoryCgroupOf('7:memory:/leak\n0::/system.slice/x.service\n', 2)).toBe('/system.slice/x.service');
    expect(memoryCgroupOf('7:memory:/\n', 1)).toBeNull();
    expect(memoryCgroupOf('7:memory:/a/../../etc\n', 1)).toBeNull();
    expect(memoryCgroupOf(null, 1)).toBeNull();
    const proc = temp();
    const cg = temp();
    mkdirSync(`${cg}/memory`);
    writeFileSync(`${cg}/memory/memory.limit_in_bytes`, '9223372036854771712\n');
    const reader = new MemoryReader(proc, cg);
    const p = (rssBytes: number) => ({ pid: 42, ppid: 1, startTicks: 7, comm: 'py', cmdline: '', user: 'root', state: 'S', cpuTicks: 0, rssBytes, threads: 1, kernelThread: false });
    expect(reader.read('', [p(1e6)]).cgroups).toEqual([]);
    // made after the first walk: the leak's cgroup (limited) and a child without a limit holding the process
    mkdirSync(`${cg}/memory/leak/inner`, { recursive: true });
    writeFileSync(`${cg}/memory/leak/memory.limit_in_bytes`, `${600 << 20}\n`);
    writeFileSync(`${cg}/memory/leak/memory.usage_in_bytes`, `${100 << 20}\n`);
    writeFileSync(`${cg}/memory/leak/inner/memory.limit_in_bytes`, '9223372036854771712\n');
    mkdirSync(`${proc}/42`);
    writeFileSync(`${proc}/42/cgroup`, '7:memory:/leak/inner\n');
    expect(reader.read('', [p(1e6)]).cgroups).toEqual([]);
    expect(reader.read('', [p(1e6 + (20 << 20))]).cgroups).toEqual([{ path: '/leak', version: 1, usage: 100 << 20, limit: 600 << 20, events: null }]);
  });
});
