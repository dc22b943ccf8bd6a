/** Shape checks for messages read from a recording: a hostile file must not reach the model malformed. */
import type { Message } from '../stream/messages.js';

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown): v is string => typeof v === 'string';
const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const CPU_KEYS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'];
const cpu = (v: unknown) => obj(v) && CPU_KEYS.every((k) => num(v[k]));

function processOk(p: unknown): boolean {
  return obj(p) && num(p.pid) && num(p.ppid) && num(p.startTicks) && str(p.comm) && str(p.cmdline) && str(p.user) && str(p.state) &&
    num(p.cpuTicks) && num(p.rssBytes) && typeof p.kernelThread === 'boolean' &&
    (p.cgroup === undefined || str(p.cgroup)) &&
    (p.io === undefined || p.io === null || (obj(p.io) && num(p.io.writeBytes) && num(p.io.wchar) && num(p.io.readBytes) && num(p.io.rchar) && num(p.io.cancelledWriteBytes))) &&
    (p.openWrites === undefined || (Array.isArray(p.openWrites) && p.openWrites.every((f) => obj(f) && num(f.fd) && str(f.path) && str(f.device) && num(f.sizeBytes) && num(f.allocatedBytes) && typeof f.deleted === 'boolean' && (f.inode === undefined || num(f.inode)))));
}

function filesystemOk(f: unknown): boolean {
  return obj(f) && str(f.device) && str(f.mountPoint) && str(f.type) && str(f.source) && Array.isArray(f.otherMounts) && f.otherMounts.every(str) &&
    typeof f.responding === 'boolean' && (f.stat === null || (obj(f.stat) && ['bsize', 'blocks', 'bfree', 'bavail', 'files', 'ffree'].every((k) => num((f.stat as Record<string, unknown>)[k]))));
}

function sampleOk(m: Record<string, unknown>): boolean {
  const mem = m.memory;
  return num(m.t) && cpu(m.cpuTotal) && Array.isArray(m.cpuCores) && m.cpuCores.length <= 4096 && m.cpuCores.every(cpu) &&
    Array.isArray(m.load) && m.load.length === 3 && m.load.every(num) &&
    obj(mem) && ['total', 'available', 'free', 'buffers', 'cached', 'swapTotal', 'swapFree'].every((k) => num(mem[k])) &&
    (m.pressure === null || obj(m.pressure)) &&
    Array.isArray(m.processes) && m.processes.every(processOk) &&
    (m.filesystems === undefined || (Array.isArray(m.filesystems) && m.filesystems.every(filesystemOk))) &&
    (m.cgroupWrites === undefined || (Array.isArray(m.cgroupWrites) && m.cgroupWrites.every((c) => obj(c) && str(c.cgroup) && num(c.writeBytes)))) &&
    (m.deletedOpen === undefined || Array.isArray(m.deletedOpen)) &&
    (m.services === undefined || (obj(m.services) && Array.isArray(m.services.units) && m.services.units.every((u) => obj(u) && str(u.id) && str(u.description) && num(u.nRestarts))));
}

/** Whether `m` is a well-formed message. */
export function validMessage(m: unknown): m is Message {
  if (!obj(m)) return false;
  switch (m.kind) {
    case 'header':
      return num(m.cores) && m.cores >= 1 && m.cores <= 4096 && num(m.intervalMs) && m.intervalMs > 0 && num(m.clockTicks) && m.clockTicks > 0 &&
        num(m.bootTime) && num(m.startedAt) && num(m.pageSize) && str(m.host) && str(m.kernel) && m.version === 1;
    case 'sample':
      return sampleOk(m);
    case 'event':
      return num(m.t) && str(m.text) && (m.type === 'note' || m.type === 'error');
    case 'log':
      return num(m.t) && str(m.source) && (m.problem === undefined || str(m.problem)) && Array.isArray(m.entries) &&
        m.entries.every((e) => obj(e) && num(e.t) && str(e.message) && str(e.unit) && (e.priority === null || num(e.priority)) && (e.pid === null || num(e.pid)) && (e.fields === undefined || obj(e.fields)) && (e.raw === undefined || str(e.raw))) &&
        (m.journal === undefined || (obj(m.journal) && typeof m.journal.volatile === 'boolean' && str(m.journal.storage) && (m.journal.storagePath === null || str(m.journal.storagePath))));
    case 'scan':
      return num(m.t) && str(m.dir) && (
        (m.state === 'running' && obj(m.progress) && num(m.progress.files) && num(m.progress.bytes) && str(m.progress.dir) && num(m.progress.filesPerSec)) ||
        (m.state === 'failed' && str(m.error)) ||
        (m.state === 'done' && str(m.device) && num(m.totalBytes) && num(m.errors) && num(m.elapsedMs) && Array.isArray(m.children) &&
          (m.lock === undefined || m.lock === null || (Array.isArray(m.lock) && m.lock.every(str))) &&
          m.children.every((c) => obj(c) && str(c.name) && typeof c.isDir === 'boolean' && (c.ino === undefined || num(c.ino)) && ['bytes', 'apparent', 'files', 'dirs', 'errors', 'mtime'].every((k) => num(c[k])))));
    case 'growth':
      return num(m.t) && str(m.dir) && (m.watch === 'inotify' || m.watch === 'polling') && obj(m.bytesPerSec) && Object.values(m.bytesPerSec).every(num);
    default:
      return false;
  }
}
