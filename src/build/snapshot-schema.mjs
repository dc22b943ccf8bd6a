// The JSON Schema of `sitrep snapshot --json` (schema/snapshot.schema.json),
// written compactly. Every object is closed (additionalProperties: false), so
// a report that gains a field this schema lacks fails test/src/json-schema.test.ts.

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
  memory: nul(obj({ total: num, used: num, available: num, cached: num, swapTotal: num, swapUsed: num })),
  processes: arr(obj({ pid: int, user: str, cpuPercent: num, rssBytes: num, comm: str, command: str, startTime: nul(time), kernelThread: bool, 'unit?': str })),
  filesystems: arr(obj({
    mount: str, mounts: arr(str), device: str, source: str, type: str,
    sizeBytes: nul(num), usedBytes: nul(num), availBytes: nul(num), reservedBytes: nul(num),
    fillRateBytesPerSec: nul(num), secondsToFull: nul(num), secondsToFullRoot: nul(num),
    responding: bool, fullForUsers: nul(bool), deletedOpenBytes: num,
    inodes: nul(obj({ total: num, used: num, fillRatePerSec: nul(num), secondsToFull: nul(num) })),
  })),
  writers: arr(obj({
    pid: int, startTime: nul(time), command: str, user: str, unit: nul(str), cgroup: str,
    writeBytesPerSec: nul(num), wcharBytesPerSec: nul(num), busiestFile: nul(str),
    files: arr(obj({ path: str, mount: nul(str), sizeBytes: nul(num), growthBytesPerSec: nul(num), deleted: bool })),
    deletedOpenBytes: num,
  })),
  deletedOpen: arr(obj({ pid: int, command: str, user: str, fd: int, path: str, mount: nul(str), bytes: num })),
  services: obj({ available: bool, manager: nul(str), reason: nul(str), failed: arr(unitAlert), restarting: arr(unitAlert) }),
  log: nul(obj({
    source: nul(str), problem: nul(str), volatile: nul(bool), storage: nul(str), storagePath: nul(str),
    recent: arr(obj({ time, priority: int, unit: str, pid: nul(int), message: str })),
    crashes: arr(obj({ unit: str, count1m: int, count10m: int, restarts: int, lastMessage: str })),
    oomKills: arr(obj({ time, victim: str, pid: nul(int), message: str })),
    ipRanges: arr(obj({ range: str, count: int, perMinute: num, private: bool })),
    window: obj({ label: str, since: time, partial: bool, bound: nul(str) }),
  })),
  network: nul(obj({
    interfaces: arr(obj({ name: str, rxBytesPerSec: num, txBytesPerSec: num, dropsPerSec: num, drops: num })),
    ranges: arr(obj({ range: str, private: bool, connections: int, byState: map(int), newPerSec: num, ports: arr(int), units: arr(str), pids: arr(int) })),
    listeners: arr(obj({ address: str, port: int, queue: int, backlog: int, pid: nul(int), command: nul(str), unit: nul(str) })),
    totals: obj({
      sockets: nul(int), byState: nul(map(int)), otherRanges: int, tableEverySamples: nul(int),
      listenOverflowsPerSec: nul(num), listenDropsPerSec: nul(num), syncookiesPerSec: nul(num), passiveOpensPerSec: nul(num),
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
  children: arr(obj({ name: str, type: { enum: ['dir', 'file'] }, sizeBytes: num, apparentBytes: num, files: int, dirs: int, growthBytesPerSec: nul(num), errors: int, modified: nul(time) })),
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
