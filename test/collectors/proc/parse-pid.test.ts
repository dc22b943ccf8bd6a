import { describe, expect, it } from 'vitest';
import { parseCmdline, parsePasswd, parsePidStat, parsePidStatBytes, PF_KTHREAD } from '../../../collectors/proc/parse-pid.js';

// Captured from /proc/<pid>/stat; the names were set with prctl / exec -a.
const PLAIN = '1061 (bash) S 1060 1061 1061 0 -1 4194560 4618 534572 0 13 2 3 2615 413 20 0 1 0 4057 5124096 974 18446744073709551615 94292966744064 94292967533469 140728772404096 0 0 0 65536 4 1132560123 1 0 0 17 0 0 0 0 0 0';
const stat = (name: string): string => PLAIN.replace('(bash)', `(${name})`);

describe('parsePidStat', () => {
  it('reads the fields sitrep uses', () => {
    const s = parsePidStat(PLAIN)!;
    expect(s).toMatchObject({ pid: 1061, comm: 'bash', state: 'S', ppid: 1060, utime: 2, stime: 3, threads: 1, startTicks: 4057, rssPages: 974 });
    expect(s.flags & PF_KTHREAD).toBe(0);
  });

  it('keeps names with spaces and parentheses whole', () => {
    expect(parsePidStat(stat('a b) S 1 (c'))!.comm).toBe('a b) S 1 (c');
    expect(parsePidStat(stat('(sd-pam)'))!.comm).toBe('(sd-pam)');
    expect(parsePidStat(stat('x) 9 9'))!.ppid).toBe(1060);
  });

  it('keeps escape sequences in the raw name (the sanitizer handles display)', () => {
    expect(parsePidStat(stat('\x1b]0;t\x07ev'))!.comm).toBe('\x1b]0;t\x07ev');
  });

  it('recognises kernel threads by PF_KTHREAD', () => {
    const kthread = '2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 1 0 0 20 0 1 0 1 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 0 0 0 0 0 0 0 0';
    expect(parsePidStat(kthread)!.flags & PF_KTHREAD).toBeTruthy();
  });

  it('rejects truncated or garbled text', () => {
    expect(parsePidStat('')).toBeNull();
    expect(parsePidStat('12 (x')).toBeNull();
    expect(parsePidStat('12 (x) S 1 2')).toBeNull();
  });
});

describe('parseCmdline and parsePasswd', () => {
  it('joins NUL-separated arguments', () => {
    expect(parseCmdline('sleep\x0030\x00')).toBe('sleep 30');
    expect(parseCmdline('')).toBe('');
  });

  it('maps uids to names', () => {
    const users = parsePasswd('root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\nbad line\n');
    expect(users.get(0)).toBe('root');
    expect(users.get(33)).toBe('www-data');
    expect(users.size).toBe(2);
  });
});

/** The parser as it was (split on spaces): the reference the allocation-free one must equal. */
function splitParse(text: string) {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 2).split(' ');
  const f = (n: number): number => Number(rest[n - 3]) || 0;
  if (!Number.isInteger(pid) || rest.length < 22) return null;
  return { pid, comm: text.slice(open + 1, close), state: rest[0] ?? '?', ppid: f(4), flags: f(9), utime: f(14), stime: f(15), threads: f(20), startTicks: f(22), rssPages: f(24) };
}

describe('parsePidStat without splitting', () => {
  it('equals the split parser on every process of this machine, hostile names, short and damaged lines', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const real = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).flatMap((n) => {
      try {
        return [readFileSync(`/proc/${n}/stat`, 'utf8')];
      } catch {
        return [];
      }
    });
    expect(real.length).toBeGreaterThan(10);
    const base = real[0]!;
    const tail = base.slice(base.lastIndexOf(')') + 1);
    const crafted = [
      `42 (a b) c) d${tail}`, `42 ()${tail}`, `42 (x\ny)${tail}`, '42 (short) S 1 2 3', `42 (neg)${tail.replace(/ \d+/, ' -17')}`,
      `42 (bad)${tail.replace(/ \d+ \d+/, ' 12x 0x1')}`, `42 (nl)${tail.trimEnd()}`, `x (nopid)${tail}`, '42 (no close', '', `42 (e)`, `42 (e) `,
      `42 (dbl)${tail.replace(' ', '  ')}`,
    ];
    for (const text of [...real, ...crafted]) expect(parsePidStat(text)).toEqual(splitParse(text));
  });
});

describe('parsePidStatBytes, in place from a kept buffer', () => {
  it('equals the split parser on the bytes of every process of this machine, read into one buffer with older bytes beyond', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const kept = new Uint8Array(4096).fill(0x29); // stale ')' beyond the length must not count
    let n = 0;
    for (const name of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(`/proc/${name}/stat`);
      } catch {
        continue;
      }
      kept.set(bytes);
      expect(parsePidStatBytes(kept, bytes.length)).toEqual(splitParse(bytes.toString('utf8')));
      n++;
    }
    expect(n).toBeGreaterThan(10);
  });

  it('keeps the last name when it is the same, and decodes a new or non-ASCII one', () => {
    const bytes = (text: string) => Buffer.from(text, 'utf8');
    const b = bytes(PLAIN);
    expect(parsePidStatBytes(b, b.length, 'bash')!.comm).toBe('bash');
    expect(parsePidStatBytes(b, b.length, 'bask')!.comm).toBe('bash');
    expect(parsePidStatBytes(b, b.length, 'bash2')!.comm).toBe('bash');
    const u = bytes(stat('café ☕'));
    expect(parsePidStatBytes(u, u.length, 'café ☕')!.comm).toBe('café ☕');
    const bad = Buffer.concat([bytes('7 (a'), Buffer.from([0xff, 0xc3]), bytes(PLAIN.slice(PLAIN.indexOf(')')))]);
    expect(parsePidStatBytes(bad, bad.length)!.comm).toBe(Buffer.from([0x61, 0xff, 0xc3]).toString('utf8'));
    expect(parsePidStatBytes(b, 0)).toBeNull();
  });
});
