import { describe, expect, it } from 'vitest';
import { parseJournalLine } from '../../collectors/log/parse-journal.js';
import { kmsgEntry, parseKmsgRecord } from '../../collectors/log/parse-kmsg.js';
import { classify } from '../../src/model/log-classify.js';
import { kernelEvent, mergeOoms } from '../../src/model/log-kernel.js';
import { selectCrashes, selectKernelEvents, selectOomKills } from '../../src/model/log-selectors.js';
import { updateLog, type LogState, type OomKill } from '../../src/model/log.js';
import { summaryLines } from '../../src/panes/log-lines.js';
import type { KernelLogFacts, LogBatch, LogEntry } from '../../src/stream/messages.js';

// This boot: monotonic 0 was at BOOT (wall ms); the records below were written 547 s after it.
const BOOT = 1_796_620_000_000;
const BOOT_ID = '18235c6035c24fd9b662f5185a194d3d';
const facts = (over: Partial<KernelLogFacts> = {}): KernelLogFacts => ({ source: '/dev/kmsg', bootTime: BOOT, bootId: BOOT_ID, coveredFromUsec: 500_000_000, ...over });

// the same kill and segfault as /dev/kmsg gives them, and as journald's JSON carries them (_TRANSPORT=kernel)
const KMSG = [
  '6,945,547277986,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/sitrep-kmsg-1,task_memcg=/sitrep-kmsg-1,task=python3,pid=23981,uid=0\n',
  '3,946,547278012,-;Memory cgroup out of memory: Killed process 23981 (python3) total-vm:82376kB, anon-rss:72064kB, file-rss:6648kB, shmem-rss:0kB, UID:0 pgtables:200kB oom_score_adj:0\n',
  '6,947,547624404,-;segv233941[24028]: segfault at 0 ip 00007f1d76985ad8 sp 00007ffd2a70ec78 error 4 in libc.so.6[167ad8,7f1d76844000+156000] likely on CPU 1 (core 1, socket 0)\n',
];
const journalJson = (message: string, mono: number, priority: number, bootId = BOOT_ID) => JSON.stringify({
  MESSAGE: message, _RUNTIME_SCOPE: 'system', SYSLOG_IDENTIFIER: 'kernel', _SOURCE_MONOTONIC_TIMESTAMP: String(mono),
  __REALTIME_TIMESTAMP: String((BOOT + mono / 1000 + 3) * 1000), __CURSOR: `s=a829;i=${mono}`, _BOOT_ID: bootId, _TRANSPORT: 'kernel',
  __MONOTONIC_TIMESTAMP: String(mono + 3000), SYSLOG_FACILITY: '0', PRIORITY: String(priority), _MACHINE_ID: '3d1219c7c4c5404aaa1f6d2a48adfda4', _HOSTNAME: 'vm',
});
const kmsgEntries = (readAt: number) => KMSG.map((r) => kmsgEntry(parseKmsgRecord(r)!, readAt));
const journalEntries = (bootId = BOOT_ID) => KMSG.map((r) => {
  const record = parseKmsgRecord(r)!;
  return parseJournalLine(journalJson(record.text, record.usec, record.level, bootId))!;
});
const NOW = BOOT + 600_000;
const batch = (entries: LogEntry[], t: number, kernel?: KernelLogFacts): LogBatch => ({ kind: 'log', t, source: 'journald', entries, ...(kernel ? { kernel } : {}) });
const fold = (...batches: LogBatch[]) => batches.reduce<LogState | null>((s, b) => updateLog(s, b), null)!;

describe('kernel lines from /dev/kmsg and from the journal', () => {
  it('places a /dev/kmsg record at the boot time plus its monotonic stamp, not when it was read', () => {
    const log = fold(batch(kmsgEntries(NOW), NOW, facts()));
    expect(log.lines.map((l) => l.t)).toEqual([BOOT + 547278, BOOT + 547278, BOOT + 547624]);
  });

  it('counts a kill and a segfault once whichever copy comes first (kmsg then journal, journal then kmsg)', () => {
    for (const log of [
      fold(batch(kmsgEntries(NOW), NOW, facts()), batch(journalEntries(), NOW + 500)),
      fold(batch([], NOW - 100, facts()), batch(journalEntries(), NOW), batch(kmsgEntries(NOW + 500), NOW + 500)),
    ]) {
      expect(log.lines).toHaveLength(3);
      expect(selectOomKills(log, NOW + 1000)).toEqual([expect.objectContaining({ pid: 23981, victim: 'python3', cgroup: '/sitrep-kmsg-1', t: BOOT + 547278 })]);
      expect(selectCrashes(log, NOW + 1000).map((c) => [c.unit, c.count10m])).toEqual([['segv233941', 1]]);
    }
  });

  it('keeps the journal\'s kernel lines /dev/kmsg does not cover: another boot, before its coverage, or when it is not read', () => {
    expect(fold(batch(kmsgEntries(NOW), NOW, facts()), batch(journalEntries('0'.repeat(32)), NOW)).lines).toHaveLength(6);
    // /dev/kmsg covers from 547.3 s: the journal's two OOM lines (547.278 s) are kept, its segfault line (547.624 s) is not
    const partly = fold(batch(kmsgEntries(NOW), NOW, facts({ coveredFromUsec: 547_300_000 })), batch(journalEntries(), NOW));
    expect(partly.lines.slice(3).map((l) => l.message.slice(0, 20))).toEqual(['oom-kill:constraint=', 'Memory cgroup out of']);
    const unread = fold(batch([], NOW, facts({ source: null, problem: 'cannot read /dev/kmsg: permission denied' })), batch(journalEntries(), NOW));
    expect(unread.lines).toHaveLength(3);
    expect(selectOomKills(unread, NOW)).toHaveLength(1);
    expect(fold(batch(journalEntries(), NOW)).lines).toHaveLength(3);
  });

  it('drops a syslog file\'s kernel: line from the time /dev/kmsg covers (rsyslog\'s copy), keeps older ones and other senders', () => {
    const file = (t: number, tag: string): LogEntry => ({ t, priority: 2, unit: '', pid: null, message: 'Out of memory: Killed process 9 (x)', fields: { SYSLOG_IDENTIFIER: tag } });
    const log = fold(batch([], NOW, facts()), batch([file(BOOT + 600_000, 'kernel'), file(BOOT + 400_000, 'kernel'), file(BOOT + 600_000, 'app')], NOW));
    expect(log.lines.map((l) => [l.t, l.fields?.SYSLOG_IDENTIFIER])).toEqual([[BOOT + 400_000, 'kernel'], [BOOT + 600_000, 'app']]);
  });
});

describe('OOM kills', () => {
  it('classifies the cgroup kill line and reads the oom-kill line from its end, so names cannot choose the pid', () => {
    expect(classify({ t: 0, priority: 3, unit: '', pid: null, message: 'Memory cgroup out of memory: Killed process 4242 (mysqld) total-vm:1kB' })).toEqual({ kind: 'oom', victim: 'mysqld', pid: 4242 });
    const spoof = 'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/u,task_memcg=/u/x,task=sshd,pid=1,task=evil,pid=7,uid=0';
    expect(classify({ t: 0, priority: 6, unit: '', pid: null, message: spoof })).toMatchObject({ kind: 'oom', pid: 7 });
  });

  it('merges the oom-kill line (cgroup) and the Killed process line (victim) into one kill, in either order', () => {
    const line: OomKill = { t: 1000, victim: 'python3', pid: 5, message: 'oom-kill:…', cgroup: '/a' };
    const killed: OomKill = { t: 1001, victim: 'python3', pid: 5, message: 'Memory cgroup out of memory: Killed process 5 (python3)', cgroup: null };
    for (const merged of [mergeOoms([], [line, killed]), mergeOoms([killed], [line])]) {
      expect(merged).toEqual([{ t: 1000, victim: 'python3', pid: 5, message: killed.message, cgroup: '/a' }]);
    }
    expect(mergeOoms([killed], [{ ...killed, t: 1001 + 120_000 }])).toHaveLength(2);
    expect(mergeOoms([], Array.from({ length: 80 }, (_, i) => ({ ...killed, pid: i })))).toHaveLength(50);
  });
});

describe('what else the kernel reports', () => {
  const k = (message: string, fields: Record<string, string> = { _TRANSPORT: 'kernel', SYSLOG_IDENTIFIER: 'kernel' }): LogEntry => ({ t: NOW, priority: 3, unit: '', pid: null, message, fields });

  it('knows hung tasks, I/O errors, filesystem errors and read-only remounts (ext4, xfs)', () => {
    expect(kernelEvent(k('INFO: task kworker/0:1:123 blocked for more than 120 seconds.'))).toEqual({ kind: 'hung task', subject: 'kworker/0:1 (123)' });
    expect(kernelEvent(k('I/O error, dev loop3, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 2'))).toEqual({ kind: 'I/O error', subject: 'loop3' });
    expect(kernelEvent(k('Buffer I/O error on dev sdb1, logical block 0, lost async page write'))).toEqual({ kind: 'I/O error', subject: 'sdb1' });
    expect(kernelEvent(k('EXT4-fs error (device loop3): ext4_lookup:1855: inode #2: comm ls: deleted inode referenced: 12'))).toEqual({ kind: 'filesystem error', subject: 'loop3' });
    expect(kernelEvent(k('EXT4-fs (loop3): Remounting filesystem read-only'))).toEqual({ kind: 'read-only', subject: 'loop3' });
    expect(kernelEvent(k('XFS (dm-0): Corruption of in-memory data (0x8) detected at xfs_trans_cancel+0x12c/0x150 (fs/xfs/xfs_trans.c:1097).  Shutting down filesystem.'))).toEqual({ kind: 'read-only', subject: 'dm-0' });
    expect(kernelEvent(k('XFS (sdc): Metadata corruption detected at xfs_buf_ioend+0x1a/0x40, xfs_inode block 0x40'))).toEqual({ kind: 'filesystem error', subject: 'sdc' });
    expect(kernelEvent(k('EXT4-fs (loop3): mounted filesystem r/w with ordered data mode'))).toBeNull();
    // a program cannot report a kernel event by writing the words
    expect(kernelEvent(k('EXT4-fs (sda1): Remounting filesystem read-only', { SYSLOG_IDENTIFIER: 'app', _TRANSPORT: 'syslog' }))).toBeNull();
  });

  it('counts them per kind and device over 10 minutes, worst first, and the Log pane says so', () => {
    const log = fold(batch([k('I/O error, dev loop3, sector 1 op 0x1:(WRITE)'), k('I/O error, dev loop3, sector 2 op 0x1:(WRITE)'), k('EXT4-fs (loop3): Remounting filesystem read-only')], NOW));
    expect(selectKernelEvents(log, NOW).map((e) => [e.kind, e.subject, e.count10m])).toEqual([['read-only', 'loop3', 1], ['I/O error', 'loop3', 2]]);
    expect(selectKernelEvents(log, NOW + 11 * 60_000)).toEqual([]);
    expect(summaryLines(log, 100).map((l) => l.text.trim())).toContain('kernel 10m: read-only loop3 · I/O error loop3 ×2');
  });
});
