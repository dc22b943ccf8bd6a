// The JSON Schema of `sitrep snapshot --json` (schema/snapshot.schema.json),
// written compactly. Every object is closed (additionalProperties: false), so
// a report that gains a field this schema lacks fails test/src/report/json-schema.test.ts.

const num = { type: 'number' };
const int = { type: 'integer' };
const str = { type: 'string' };
const bool = { type: 'boolean' };
const time = { type: 'string', format: 'date-time' };
const nul = (s) => ({ anyOf: [s, { type: 'null' }] });
const arr = (items, extra = {}) => ({ type: 'array', items, ...extra });
const map = (values) => ({ type: 'object', additionalProperties: values });
const desc = (description, s) => ({ ...s, description });
/** A closed object; keys ending in `?` are optional. */
const obj = (props, description) => {
  const properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k.replace(/\?$/, ''), v]));
  const required = Object.keys(props).filter((k) => !k.endsWith('?'));
  return { type: 'object', ...(description && { description }), additionalProperties: false, required, properties };
};

const psi = nul(obj({ someAvg10: num, fullAvg10: nul(num) }));
const unitAlert = obj({ unit: str, state: str, restarts: int, restartsRecent: int, description: str, result: str });

const hardware = nul(obj({
  cpuModel: str, cpuThreads: int, cpuCores: int, virtualization: str, system: str, memoryBytes: num,
  memory: arr(obj({ sizeBytes: num, type: str, clockMHz: num, bank: str })),
  disks: arr(obj({ name: str, model: str, sizeBytes: num, rotational: nul(bool), transport: str, smart: str })),
  interfaces: arr(obj({ name: str, speedMbps: nul(num), state: str, mac: str, addresses: arr(str), virtual: bool })),
  problems: arr(str),
}, "Read with systeminformation, smartctl and systemd-detect-virt once a live JSON snapshot's window has closed; null where not read (OpenMetrics, a recording without it)."));

const deviceIo = obj({
  name: str, device: str, readAwaitMs: nul(num), writeAwaitMs: nul(num), awaitMs: nul(num),
  iops: num, utilization: num, queueDepth: num, baselineAwaitMs: nul(num), slow: bool, slaves: arr(str), windowSeconds: num,
}, 'A block device from /proc/diskstats, over the last seconds (windowSeconds): await in ms per I/O as iostat -x gives it, utilization 0..1 (%util / 100), queueDepth (aqu-sz); slow when its await is far above its own baseline (the median await of its recent normal intervals; see ARCHITECTURE.md, Disks).');

const live = {
  version: desc('The schema version: 1. Fields are only added; a field that changed meaning would change it.', { const: 1 }),
  host: nul(obj({ name: str, kernel: str, cores: int, os: nul(str), hardware })),
  time: desc('Time of the last sample (ISO 8601, UTC).', time),
  cpu: obj({
    total: obj({ busy: nul(num), iowait: nul(num) }),
    cores: arr(obj({ index: int, busy: nul(num) })),
    load: nul(arr(num, { minItems: 3, maxItems: 3 })),
    psi: nul(obj({ cpu: psi, io: psi, memory: psi })),
  }),
  memory: nul(obj({
    total: num, used: num, available: num, cached: num, swapTotal: num, swapUsed: num,
    'dirty?': num, 'writeback?': num,
    'swapInBytesPerSec?': desc('Bytes swapped in per second (vmstat si, in bytes) over the last two samples; null before two.', nul(num)),
    'swapOutBytesPerSec?': nul(num), 'majorFaultsPerSec?': nul(num),
    'psi?': nul(obj({ someAvg10: num, someAvg60: num, fullAvg10: num, fullAvg60: num })),
    'availableTrendBytesPerSec?': desc('Trend of MemAvailable plus free swap (bytes/s, negative: shrinking).', nul(num)),
    'secondsToOom?': desc('Seconds until memory and swap are used up at a leak\'s rate; null when no leak (slope, R², rising steps, no fall) or beyond 30 minutes.', nul(num)),
    'urgent?': desc('Why memory is the urgent thing now (the Memory pane takes the space), or null.', nul(str)),
    'cgroups?': arr(obj({ path: str, usageBytes: num, limitBytes: num, trendBytesPerSec: num, leak: bool, secondsToLimit: nul(num),
      events: desc('cgroup v2 memory.events counters; null on v1.', nul(obj({ high: num, max: num, oom: num, oomKill: num }))) })),
    'growers?': arr(obj({ pid: int, startTime: nul(time), comm: str, command: str, unit: nul(str), rssBytes: num, share: num, growthBytesPerSec: num,
      anonBytesPerSec: nul(num), fileBytesPerSec: nul(num), shmemBytesPerSec: nul(num), leak: bool })),
    'oomKills?': arr(obj({ time, victim: str, pid: nul(int), cgroup: nul(str) })),
  })),
  processes: arr(obj({ pid: int, user: str, cpuPercent: num, rssBytes: num, comm: str, command: str, program: desc('The command line program first: an interpreter\'s script or module, then the interpreter in parentheses (app.py (python3) --port 80)', str), startTime: nul(time), kernelThread: bool, 'unit?': str, 'container?': desc('The container it runs in where its runtime names it (Docker, podman, containerd, the kubelet): NAME, or NAMESPACE/POD/CONTAINER (issue 35).', str) })),
  filesystems: arr(obj({
    mount: str, mounts: arr(str), device: str, source: str, type: str,
    sizeBytes: nul(num), usedBytes: nul(num), availBytes: nul(num), reservedBytes: nul(num),
    usedFraction: nul(num), limitedBy: nul({ enum: ['blocks', 'inodes'] }),
    fillRateBytesPerSec: nul(num), secondsToFull: nul(num), secondsToFullRoot: nul(num),
    responding: bool, fullForUsers: nul(bool), deletedOpenBytes: num,
    io: desc('The block device under the filesystem (by its device number, else its source), null for tmpfs, network and FUSE filesystems.', nul(deviceIo)),
    slowUnder: desc('A device under this one (LVM, dm-crypt, md: /sys/block/*/slaves) that is slow while the filesystem\'s own device is not.', nul(str)),
    inodes: nul(obj({ total: num, used: num, usedFraction: num, fillRatePerSec: nul(num), secondsToFull: nul(num) })),
  })),
  bandwidth: desc('TCP bandwidth per process, unit and remote range from the socket diagnostics (ss -tinpH), over the last interval between two readings (windowSeconds); other: what the interfaces (lo left out) moved beyond the TCP sockets seen (UDP, sockets closed between readings, headers), so the sum matches /proc/net/dev. Null before two readings.', nul(obj({
    windowSeconds: num, sockets: int,
    processes: arr(obj({ pid: nul(int), command: str, unit: nul(str), ranges: arr(str), txBytesPerSec: num, rxBytesPerSec: num })),
    units: arr(obj({ unit: str, txBytesPerSec: num, rxBytesPerSec: num, pids: arr(int) })),
    ranges: arr(obj({ range: str, txBytesPerSec: num, rxBytesPerSec: num, pids: arr(int) })),
    other: obj({ txBytesPerSec: num, rxBytesPerSec: num }),
    interfaces: obj({ txBytesPerSec: num, rxBytesPerSec: num }),
  }))),
  devices: desc('Block devices that did I/O (issue 35), busiest first.', arr(deviceIo)),
  writers: arr(obj({
    pid: int, startTime: nul(time), command: str, program: str, user: str, unit: nul(str), cgroup: str,
    writeBytesPerSec: nul(num), wcharBytesPerSec: nul(num), busiestFile: nul(str),
    files: arr(obj({ path: str, mount: nul(str), sizeBytes: nul(num), growthBytesPerSec: nul(num), deleted: bool })),
    deletedOpenBytes: num,
    suspect: desc('Set when the process holds files open for writing on a full filesystem (space or inodes): its suspect, listed although it may write nothing now. blocked: its write() calls rise while nothing is written (the writes fail). wroteHereBytes: its lifetime block writes or the space its open files there take, the smaller.', nul(obj({
      filesystem: str, device: str, blocked: bool, writeCallsPerSec: nul(num), lifetimeWriteBytes: num, wroteHereBytes: num, since: nul(time),
      files: arr(obj({ path: str, sizeBytes: num, allocatedBytes: num })),
    }))),
    creatingFilesIn: desc('Where a writer with no growing open file creates files: its cwd or an open directory on a filesystem whose inode use rises.', nul(obj({ path: str, mount: str, cwd: bool }))),
  })),
  deletedOpen: arr(obj({ pid: int, command: str, user: str, fd: int, path: str, mount: nul(str), bytes: num })),
  services: obj({ available: bool, manager: nul(str), reason: nul(str), failed: arr(unitAlert), restarting: arr(unitAlert) }),
  log: nul(obj({
    source: nul(str), problem: nul(str), volatile: nul(bool), storage: nul(str), storagePath: nul(str),
    recent: arr(obj({ time, priority: int, unit: str, pid: nul(int), message: str })),
    crashes: arr(obj({ unit: str, count1m: int, count10m: int, restarts: nul(int), lastMessage: str })),
    oomKills: arr(obj({ time, victim: str, pid: nul(int), cgroup: desc("The victim's memory cgroup (task_memcg of the kernel's oom-kill line), null when no line named it.", nul(str)), message: str })),
    kernel: desc("The kernel's own log (/dev/kmsg), read beside the journal or syslog unless --log-file or --journal-dir is given; null when not read.", nul(obj({ source: nul(str), problem: nul(str) }))),
    kernelEvents: desc('Hung tasks, I/O errors, filesystem errors and read-only remounts the kernel reported in the last 10 minutes, per device or task.', arr(obj({ kind: { enum: ['read-only', 'filesystem error', 'I/O error', 'hung task'] }, subject: str, count: int, time, lastMessage: str }))),
    ipRanges: arr(obj({ range: str, count: int, perMinute: num, private: bool })),
    window: obj({ label: str, since: time, partial: bool, bound: nul(str) }),
  })),
  network: nul(obj({
    interfaces: arr(obj({ name: str, rxBytesPerSec: num, txBytesPerSec: num, dropsPerSec: num, drops: num })),
    ranges: desc('Remote ranges connecting in (to a port a socket here listens on), by live connections: what b may block.', arr(obj({ range: str, private: bool, connections: int, timeWait: int, sockets: int, byState: map(int), newPerSec: nul(num), ports: arr(int), units: arr(str), pids: arr(int) }))),
    outbound: desc('Remote ranges this host connects out to, with the local processes that opened the connections: never ranked nor blocked.', arr(obj({ range: str, connections: int, sockets: int, remotePorts: arr(int), processes: arr(obj({ pid: nul(int), command: nul(str), unit: nul(str) })) }))),
    listeners: arr(obj({ address: str, port: int, queue: int, backlog: int, pid: nul(int), command: nul(str), unit: nul(str) })),
    totals: obj({
      sockets: nul(int), byState: nul(map(int)), otherRanges: int, tableEverySamples: nul(int),
      listenOverflowsPerSec: nul(num), listenDropsPerSec: nul(num), syncookiesPerSec: nul(num), passiveOpensPerSec: nul(num),
      newPerSec: nul(num),
      newConnections: nul(obj({ windowSeconds: num, inboundPerSec: nul(num), passiveOpensPerSec: nul(num), unseenPerSec: nul(num) })),
      newNote: nul(str),
      sockstat: nul(obj({ tcpInUse: int, tcpTimeWait: int, tcpOrphan: int, udpInUse: int })),
    }),
  })),
  groups: arr(obj({ name: str, kind: str, writeBytesPerSec: nul(num), wcharBytesPerSec: nul(num), accounting: str, pids: arr(int) })),
};

// Each section once, in $defs; the four kinds of machine report refer to them.
const sections = Object.fromEntries(Object.keys(live).map((k) => [k, { $ref: `#/$defs/${k}` }]));
const machine = (extra, description) => obj({ ...sections, ...extra }, description);
const replay = obj({ file: str, startedAt: time, atSeconds: num, beyondEnd: nul(str), problem: nul(str) });
const store = obj({ dir: str, segments: int, refused: arr(str), oldest: time, at: time, zone: str, beyondEnd: nul(str), problem: nul(str) });
const dir = obj({
  version: { const: 1 }, dir: str, time, scanSeconds: num, totalBytes: num,
  tooDeep: desc('Directories deeper than the walk goes (4,096 levels below PATH): counted, not entered.', int), note: desc("'12 directories deeper than 4,096 levels, not entered', or null.", nul(str)),
  children: arr(obj({ name: str, type: { enum: ['dir', 'file'] }, sizeBytes: num, apparentBytes: num, files: int, dirs: int, growthBytesPerSec: nul(num), errors: int, tooDeep: int, modified: nul(time) })),
}, '`snapshot --json --dir PATH`: the children of PATH as du -x -d 1 sees them.');

/** The whole schema document. */
export const snapshotSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://sitrep.invalid/schema/snapshot.schema.json',
  title: 'sitrep snapshot --json',
  description: 'One report of a machine (live, a demo, a recording or the flight recorder store), or of a directory.',
  oneOf: [
    machine({ durationSeconds: desc('Live: the sampling window, in seconds (--duration).', num) }, 'A live machine: `snapshot --json [--duration S]`.'),
    machine({ elapsedSeconds: desc('Seconds since the demo scenario started.', num) }, 'A demo: `snapshot --json --demo NAME --at S`.'),
    machine({ elapsedSeconds: desc("Seconds since the recording's start.", num), replay }, 'A recording: `snapshot --json --replay FILE [--at S]`.'),
    machine({ elapsedSeconds: desc("Seconds since the store's oldest segment.", num), store }, 'The flight recorder store: `snapshot --json --store DIR [--at TIME]`.'),
    dir,
  ],
  $defs: live,
};
