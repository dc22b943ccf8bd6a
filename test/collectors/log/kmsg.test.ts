import { openSync, writeSync, closeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KmsgFollower } from '../../../collectors/log/kmsg-follower.js';
import { MAX_MESSAGE } from '../../../collectors/log/parse-journal.js';
import { kmsgEntry, parseKmsgRecord, unescapeKmsg } from '../../../collectors/log/parse-kmsg.js';
import type { KernelLogFacts, LogEntry } from '../../../src/stream/messages.js';
import { sanitize } from '../../../src/text/sanitize.js';
import { eventually, requireOrSkip } from '../../support/tmux.js';

// records as read from this machine's /dev/kmsg during a real memory-cgroup OOM kill
const OOM_KILL_LINE = '6,945,547277986,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/sitrep-kmsg-23394-1,task_memcg=/sitrep-kmsg-23394-1,task=python3,pid=23981,uid=0\n';
const KILLED = '3,946,547278012,-;Memory cgroup out of memory: Killed process 23981 (python3) total-vm:82376kB, anon-rss:72064kB, file-rss:6648kB, shmem-rss:0kB, UID:0 pgtables:200kB oom_score_adj:0\n';
const SEGFAULT = '6,947,547624404,-;segv233941[24028]: segfault at 0 ip 00007f1d76985ad8 sp 00007ffd2a70ec78 error 4 in libc.so.6[167ad8,7f1d76844000+156000] likely on CPU 1 (core 1, socket 0)\n';
const FROM_USER_SPACE = '46,963,618367217,-;systemd-journald[34]: Received client request to flush runtime journal.\n';
const WITH_DICT = '3,1024,3000000,-;I/O error, dev loop3, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 2\n SUBSYSTEM=block\n DEVICE=+block:loop3\n';

describe('/dev/kmsg records', () => {
  it('reads level, facility, seq, monotonic µs and text of real records', () => {
    expect(parseKmsgRecord(KILLED)).toEqual({ level: 3, facility: 0, seq: 946, usec: 547278012, text: KILLED.slice(KILLED.indexOf(';') + 1, -1), dict: {} });
    expect(parseKmsgRecord(OOM_KILL_LINE)!.text).toMatch(/^oom-kill:.*task=python3,pid=23981,uid=0$/);
    const entry = kmsgEntry(parseKmsgRecord(SEGFAULT)!, 1234);
    expect(entry).toMatchObject({ t: 1234, priority: 6, unit: '', pid: null, monoUsec: 547624404, fields: { _TRANSPORT: 'kernel', SYSLOG_IDENTIFIER: 'kernel', SYSLOG_FACILITY: '0' } });
    expect(entry.message).toMatch(/^segv233941\[24028\]: segfault at 0 /);
  });

  it('keeps continuation lines as _KERNEL_ fields, not as text', () => {
    const entry = kmsgEntry(parseKmsgRecord(WITH_DICT)!, 0);
    expect(entry.message).toBe('I/O error, dev loop3, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 2');
    expect(entry.fields).toMatchObject({ _KERNEL_SUBSYSTEM: 'block', _KERNEL_DEVICE: '+block:loop3' });
  });

  it('names the sender of a line a process wrote into /dev/kmsg, as journald does', () => {
    const entry = kmsgEntry(parseKmsgRecord(FROM_USER_SPACE)!, 0);
    expect(entry).toMatchObject({ pid: 34, message: 'Received client request to flush runtime journal.', fields: { SYSLOG_IDENTIFIER: 'systemd-journald', SYSLOG_FACILITY: '5' } });
  });

  it('turns \\xNN escapes back into bytes; control characters stay raw until the sanitizer, which removes them', () => {
    // an OSC 52 clipboard write, a CSI, a backslash (the kernel escapes it too), UTF-8 and an invalid byte
    const record = '4,7,100,-;evil\\x1b]52;c;SGVsbG8=\\x07 \\x1b[2J path\\x5cname caf\\xc3\\xa9 bad\\xff \\xZZ \\x4\n';
    const entry = kmsgEntry(parseKmsgRecord(record)!, 0);
    expect(entry.message).toBe('evil\x1b]52;c;SGVsbG8=\x07 \x1b[2J path\\name café bad\ufffd \\xZZ \\x4');
    const shown = sanitize(entry.message);
    expect(shown).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    expect(shown).toContain('café');
  });

  it('keeps a newline the kernel escaped inside the text (\\x0a) in the message, not as a continuation', () => {
    const entry = kmsgEntry(parseKmsgRecord('6,8,100,-;first\\x0a SUBSYSTEM=fake\n')!, 0);
    expect(entry.message).toBe('first\n SUBSYSTEM=fake');
    expect(entry.fields?._KERNEL_SUBSYSTEM).toBeUndefined();
    expect(sanitize(entry.message)).not.toContain('\n');
  });

  it('cuts a very long record, and an escape-heavy one, quickly', () => {
    const long = `6,9,100,-;${'A'.repeat(1_000_000)}\n`;
    const escaped = `6,10,100,-;${'\\x41'.repeat(250_000)}\n`;
    const start = performance.now();
    expect(parseKmsgRecord(long)!.text.length).toBe(MAX_MESSAGE);
    expect(parseKmsgRecord(escaped)!.text).toBe('A'.repeat(MAX_MESSAGE));
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('refuses what is not a record', () => {
    for (const bad of ['', 'hello', '6,x,100,-;t', '6,1,100', '6,99999999999999999999,1,-;t', ';text', '6,-1,5,-;t']) expect(parseKmsgRecord(bad)).toBeNull();
    expect(unescapeKmsg('no escapes')).toBe('no escapes');
  });
});

describe('the /dev/kmsg follower', () => {
  it('fails soft where there is no device: the facts say why', () => {
    const facts: KernelLogFacts[] = [];
    const notes: string[] = [];
    const f = new KmsgFollower({ entries: () => {}, facts: (x) => facts.push(x), note: (_t, text) => notes.push(text) }, '/nonexistent/kmsg');
    f.start();
    f.stop();
    expect(facts).toEqual([expect.objectContaining({ source: null, problem: expect.stringMatching(/^no \/nonexistent\/kmsg: the kernel's log is not read/), coveredFromUsec: null })]);
    expect(notes[0]).toMatch(/^kernel log: no \/nonexistent\/kmsg/);
  });

  it.runIf(requireOrSkip(process.getuid?.() === 0, 'needs root for /dev/kmsg'))('reads the real /dev/kmsg: a record written now arrives, stamped with its monotonic time', async () => {
    const entries: LogEntry[] = [];
    const facts: KernelLogFacts[] = [];
    const f = new KmsgFollower({ entries: (e) => entries.push(...e), facts: (x) => facts.push(x), note: () => {} });
    try {
      f.start();
      expect(facts[0]).toMatchObject({ source: '/dev/kmsg', bootId: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(facts[0]!.coveredFromUsec).toBeGreaterThan(0);
      const mark = `sitrep-kmsg-unit-${process.pid}-${Date.now()}`;
      const fd = openSync('/dev/kmsg', 'w');
      writeSync(fd, `<5>sitrep-test: ${mark}\n`);
      closeSync(fd);
      expect(await eventually(() => entries.some((e) => e.message === mark), 3000)).toBe(true);
      const got = entries.find((e) => e.message === mark);
      expect(got).toMatchObject({ priority: 5, fields: { SYSLOG_IDENTIFIER: 'sitrep-test', SYSLOG_FACILITY: '1' } });
      expect(Math.abs(facts[0]!.bootTime + got!.monoUsec! / 1000 - Date.now())).toBeLessThan(3000);
    } finally {
      f.stop();
    }
  });
});
