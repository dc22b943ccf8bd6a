import { describe, expect, it } from 'vitest';
import { blockRefusal, rangeHolds } from '../../src/effects/intents.js';
import { envClientAddress as sshClientAddress, establishedPeers, hexAddress } from '../../collectors/net/ssh-sessions.js';
import { sourceAddress } from '../../src/model/log-source-address.js';
import { parseNftBlocks } from '../../src/effects/log-actions.js';
import type { LogBatch, LogEntry } from '../../src/stream/messages.js';
import { classify, ipRanges, isPrivateRange } from '../../src/model/log-classify.js';
import { filteredLines, selectCrashes, selectOomKills, selectTopRanges } from '../../src/model/log-selectors.js';
import { LOG_LINES, updateLog, type LogState } from '../../src/model/log.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { commandFor } from '../../src/view/keymap.js';
import { initialView, stepView, type ViewContext, type ViewState, intentOf, dialogOf } from '../../src/view/view.js';
import { logSelection } from '../../src/view/view-log.js';
import { editSearch, HSCROLL_STEP } from '../../src/view/view-log-search.js';
import { header } from '../support/samples.js';
import { testContext } from '../support/view-context.js';

const T0 = 1_800_000_000_000;
const entry = (message: string, over: Partial<LogEntry> = {}): LogEntry => ({ t: T0, priority: 6, unit: 'app.service', pid: 10, message, ...over });
const batch = (entries: LogEntry[], t = T0, over: Partial<LogBatch> = {}): LogBatch => ({ kind: 'log', t, source: 'journald', entries, ...over });

describe('what log lines say', () => {
  it('classifies systemd crashes, kernel segfaults, OOM kills and restart counters', () => {
    expect(classify(entry('php-fpm.service: Main process exited, code=dumped, status=11/SEGV', { unit: 'init.scope' }))).toEqual({ kind: 'crash', unit: 'php-fpm.service', family: 'exit' });
    expect(classify(entry("x.service: Failed with result 'core-dump'.", { fields: { UNIT: 'x.service' } }))).toEqual({ kind: 'crash', unit: 'x.service', family: 'result' });
    expect(classify(entry('php-fpm[311]: segfault at 0 ip 000 sp 000 error 4', { unit: 'kernel' }))).toEqual({ kind: 'crash', unit: 'php-fpm', family: 'process', pid: 311 });
    expect(classify(entry('Out of memory: Killed process 4242 (mysqld) total-vm:1kB'))).toEqual({ kind: 'oom', victim: 'mysqld', pid: 4242 });
    expect(classify(entry('oom-kill:constraint=CONSTRAINT_NONE,task=java,pid=77,uid=0'))).toEqual({ kind: 'oom', victim: 'java', pid: 77, cgroup: '' });
    expect(classify(entry('web.service: Scheduled restart job, restart counter is at 12.'))).toEqual({ kind: 'restart', unit: 'web.service', counter: 12 });
    expect(classify(entry('all good'))).toBeNull();
  });

  it('extracts IPv4 /24 and IPv6 /48 ranges, and marks private and loopback ones', () => {
    expect(ipRanges('client 203.0.113.7 and 203.0.113.9, 10.1.2.3 but not 1.2.3.4.5 or 999.1.1.1')).toEqual(['203.0.113.0/24', '10.1.2.0/24']);
    expect(ipRanges('from 2001:db8:abcd:12::1 port 22')).toEqual(['2001:db8:abcd::/48']);
    expect(ipRanges('at 12:30:45 nothing')).toEqual([]);
    expect(isPrivateRange('10.1.2.0/24')).toBe(true);
    expect(isPrivateRange('192.168.0.0/24')).toBe(true);
    expect(isPrivateRange('127.0.0.0/24')).toBe(true);
    expect(isPrivateRange('203.0.113.0/24')).toBe(false);
    expect(isPrivateRange('fd00:1:2::/48')).toBe(true);
  });
});

describe('the log model', () => {
  it('keeps a bounded buffer and counts every line, even when a batch is larger than the buffer', () => {
    const many = Array.from({ length: LOG_LINES + 1200 }, (_, i) => entry(`line ${i} from 198.51.100.${i % 200}`));
    const log = updateLog(null, batch(many));
    expect(log.lines).toHaveLength(LOG_LINES);
    expect(log.lines.at(-1)!.message).toBe(`line ${LOG_LINES + 1199} from 198.51.100.199`);
    expect(log.total).toBe(LOG_LINES + 1200);
    expect(selectTopRanges(log, T0)[0]).toMatchObject({ range: '198.51.100.0/24', count: LOG_LINES + 1200 });
  });

  it('pairs "Main process exited" with its "Failed with result" by order, though a starved journald stamps them seconds apart', () => {
    let log: LogState | null = null;
    const lines = [];
    for (let k = 0; k < 5; k++) {
      const t = T0 + k * 4000;
      lines.push(
        entry('late.service: Main process exited, code=dumped, status=11/SEGV', { unit: 'init.scope', t }),
        entry("late.service: Failed with result 'core-dump'.", { unit: 'init.scope', t: t + 1500 + k * 400 }),
      );
    }
    // a unit that fails by exit code says only "Failed with result": each one counts
    for (let k = 0; k < 3; k++) lines.push(entry("exits.service: Failed with result 'exit-code'.", { unit: 'init.scope', t: T0 + k * 300 }));
    log = updateLog(log, batch(lines, T0 + 30_000));
    const counts = Object.fromEntries(selectCrashes(log, T0 + 30_000).map((c) => [c.unit, c.count10m]));
    expect(counts).toEqual({ 'late.service': 5, 'exits.service': 3 });
  });

  it('counts a crash reported by both the kernel and systemd once, per 1 and 10 minutes, with its restart counter', () => {
    let log: LogState | null = null;
    for (let k = 0; k < 3; k++) {
      const t = T0 + k * 120_000;
      log = updateLog(log, batch([
        entry('php-fpm[311]: segfault at 0 ip', { unit: 'kernel', t }),
        entry('php-fpm.service: Main process exited, code=dumped, status=11/SEGV', { unit: 'init.scope', t: t + 5 }),
        entry("php-fpm.service: Failed with result 'core-dump'.", { unit: 'init.scope', t: t + 6 }),
        entry(`php-fpm.service: Scheduled restart job, restart counter is at ${k + 1}.`, { unit: 'init.scope', t: t + 500 }),
      ], t + 600));
    }
    const now = T0 + 240_600;
    expect(selectCrashes(log, now)).toEqual([{ unit: 'php-fpm.service', count1m: 1, count10m: 3, restarts: 3, lastMessage: "php-fpm.service: Failed with result 'core-dump'." }]);
    expect(selectCrashes(log, now + 11 * 60_000)).toEqual([]);
  });

  it('lists OOM kills once each', () => {
    const log = updateLog(null, batch([entry('Out of memory: Killed process 9 (java)'), entry('oom-kill:constraint=CONSTRAINT_NONE,task=java,pid=9,uid=0')]));
    expect(selectOomKills(log, T0).map((o) => o.victim)).toEqual(['java']);
  });

  it('filters by text, errors and unit', () => {
    const log = updateLog(null, batch([entry('GET /a'), entry('disk error', { priority: 3 }), entry('GET /b', { unit: 'nginx.service' })]));
    expect(filteredLines(log, { query: 'get', errorsOnly: false, unit: null }).map((l) => l.message)).toEqual(['GET /a', 'GET /b']);
    expect(filteredLines(log, { query: '', errorsOnly: true, unit: null }).map((l) => l.message)).toEqual(['disk error']);
    expect(filteredLines(log, { query: '', errorsOnly: false, unit: 'nginx.service' }).map((l) => l.message)).toEqual(['GET /b']);
  });
});

describe('blocking refusals', () => {
  it("never blocks the SSH client's own range, nor loopback", () => {
    expect(sshClientAddress({ SSH_CONNECTION: '203.0.113.7 51234 10.0.0.2 22' })).toBe('203.0.113.7');
    expect(sshClientAddress({ SSH_CLIENT: '2001:db8:abcd:1::5 5 22' })).toBe('2001:db8:abcd:1::5');
    expect(sshClientAddress({})).toBeNull();
    const own = (address: string) => [{ address, own: true }];
    expect(blockRefusal('203.0.113.0/24', own('203.0.113.7'))).toMatch(/your own SSH client 203\.0\.113\.7 is in 203\.0\.113\.0\/24/);
    expect(blockRefusal('2001:db8:abcd::/48', own('2001:db8:abcd:1::5'))).toMatch(/own SSH client/);
    expect(blockRefusal('127.0.0.0/24', [])).toMatch(/loopback/);
    expect(blockRefusal('198.51.100.0/24', own('203.0.113.7'))).toBeNull();
    // every logged-in session's range is refused too, not only sitrep's own
    expect(blockRefusal('198.51.100.0/24', [...own('203.0.113.7'), { address: '198.51.100.9', own: false }])).toBe('refused: the SSH session from 198.51.100.9 is in 198.51.100.0/24');
    expect(rangeHolds('198.51.100.0/24', '198.51.101.1')).toBe(false);
  });

  it("reads sitrep's blocks and their handles from nft's listing", () => {
    const listing = 'table inet sitrep {\n chain input { # handle 1\n  type filter hook input priority -10; policy accept;\n  ip saddr 203.0.113.0/24 drop # handle 4\n  ip6 saddr 2001:db8:abcd::/48 drop # handle 5\n }\n}\n';
    expect(parseNftBlocks(listing)).toEqual([{ range: '203.0.113.0/24', handle: 4 }, { range: '2001:db8:abcd::/48', handle: 5 }]);
  });
});

describe('Log pane keys in the view reducer', () => {
  let model: ModelState = reduce(initialModel(), header());
  model = reduce(model, batch(Array.from({ length: 30 }, (_, i) => entry(`line ${i} from 198.51.100.${i}`, { priority: i === 5 ? 3 : 6 })), T0, { journal: { storage: 'auto', volatile: true, storagePath: '/run/log/journal/x' } }));
  const ctx: ViewContext = testContext({ rows: 30, model, self: { pid: 1, parentPid: 1, uid: 0, user: 'root', sshClients: [{ address: '203.0.113.9', own: true }] } });
  const keys = (view: ViewState, ...ks: string[]) => ks.reduce((v, k) => {
    const c = commandFor(k, v.mode);
    return c ? stepView(v, c, ctx) : v.mode === 'log-search' ? editSearch(v, k, ctx) : v;
  }, view);
  const onLog = keys(initialView(), '3');

  it('follows the tail; scrolling back pauses following and End resumes it', () => {
    expect(logSelection(onLog, ctx).index).toBe(29);
    const up = keys(onLog, 'k', 'k');
    expect(up.log.anchor).toBe(27);
    expect(keys(up, 'end').log.anchor).toBeNull();
    expect(keys(onLog, 'pageup').log.anchor).toBe(19);
  });

  it('searches with / (jumps to the newest match; n newer, N older, wrapping), filters with & and e, and opens a line with Enter', () => {
    const searched = keys(onLog, '/', 'l', 'i', 'n', 'e', ' ', '2', 'enter');
    expect(searched.log.search).toBe('line 2');
    expect(searched.log.filter.query).toBe(''); // a search filters nothing out
    expect(logSelection(searched, ctx).lines).toHaveLength(30);
    const at = (v: ViewState) => logSelection(v, ctx).lines[logSelection(v, ctx).index]!.message;
    expect(at(searched)).toBe('line 29 from 198.51.100.29'); // "line 2" in "line 29": the newest match
    expect(at(keys(searched, 'N'))).toBe('line 28 from 198.51.100.28');
    expect(at(keys(searched, 'N', 'N', 'N'))).toBe('line 26 from 198.51.100.26');
    const older = keys(searched, ...Array(10).fill('N'));
    expect(at(older)).toBe('line 2 from 198.51.100.2');
    expect(at(keys(older, 'n'))).toBe('line 20 from 198.51.100.20');
    expect(keys(older, 'N').notice).toMatch(/wrapped to the newest/);
    const filtered = keys(onLog, '&', 'l', 'i', 'n', 'e', ' ', '7', 'enter');
    expect(filtered.log.filter.query).toBe('line 7');
    expect(logSelection(filtered, ctx).lines.map((l) => l.message)).toEqual(['line 7 from 198.51.100.7']);
    expect(keys(filtered, '&', 'escape').log.filter.query).toBe('');
    expect(keys(onLog, 'right', 'right', 'left').log.hscroll).toBe(HSCROLL_STEP);
    expect(keys(onLog, 'e').log.filter.errorsOnly).toBe(true);
    const detail = keys(onLog, 'k', 'enter');
    expect(detail.mode).toBe('log-detail');
    expect(detail.logDetail!.message).toBe('line 28 from 198.51.100.28');
  });

  it('b on a line in no known format proposes nothing: the admin picks the range (No by default), SSH ranges left out', () => {
    const ask = keys(onLog, 'b');
    expect(ask.mode).toBe('confirm-action');
    expect(dialogOf(ask, 'action')!.title).toBe('Block which range?');
    expect(dialogOf(ask, 'action')!.choices).toEqual(['198.51.100.0/24']);
    expect(dialogOf(ask, 'action')!.choice).toBeNull();
    expect(intentOf(keys(ask, 'enter'))).toBeNull();
    const unpicked = keys(ask, 'y');
    expect(unpicked.mode).toBe('confirm-action');
    expect(unpicked.notice).toMatch(/pick a range first/);
    expect(intentOf(keys(ask, 'j', 'y'))).toEqual({ kind: 'block', op: 'add', range: '198.51.100.0/24' });
    const fromClient = { ...ctx, self: { ...ctx.self!, sshClients: [{ address: '198.51.100.77', own: true }] } };
    const refused = stepView(onLog, 'log.block', fromClient);
    expect(refused.mode).toBe('normal');
    expect(refused.notice).toBe('refused: your own SSH client 198.51.100.77 is in 198.51.100.0/24');
  });

  it('b proposes the source address of known formats, never an address the attacker wrote', () => {
    const attack = 'Failed password for invalid user 8.8.8.8 from 203.0.113.5 port 22 ssh2';
    const m = reduce(model, batch([entry(attack)], T0 + 1000));
    const c: ViewContext = testContext({ rows: 31, model: m, self: { ...ctx.self!, sshClients: [] } });
    const v = ["3", 'b'].reduce((s, k) => stepView(s, commandFor(k, s.mode)!, c), initialView());
    expect(dialogOf(v, 'action')!.title).toBe('Block 203.0.113.0/24?');
    expect(dialogOf(v, 'action')!.choices).toBeUndefined();
    expect(dialogOf(v, 'action')!.lines[1]).toBe('seen     1 line in 10 min, 1 in the last minute');
    // a read-back cut short at start: the dialog says which part of the 10 minutes its count covers
    const cut = reduce(m, batch([], T0 + 2000, { readBack: { since: T0 - 600_000, reading: false, reached: T0 - 240_000, bound: '24 MiB' } }));
    const w = ["3", 'b'].reduce((s, k) => stepView(s, commandFor(k, s.mode)!, { ...c, model: cut }), initialView());
    expect(dialogOf(w, 'action')!.lines[1]).toBe('seen     1 line in 10 min (only the last 4m were readable), 1 in the last minute');
  });

  it('J offers to make a volatile journal persistent', () => {
    const j = keys(onLog, 'J');
    expect(dialogOf(j, 'action')!.title).toBe('Keep the journal on disk?');
    expect(intentOf(keys(j, 'y'))).toEqual({ kind: 'persist-journal' });
  });
});

describe('source addresses of known log formats', () => {
  it("takes the daemon's own field, not the first address-like text", () => {
    const cases: Array<[string, string | null]> = [
      ['Failed password for invalid user 8.8.8.8 from 203.0.113.5 port 22 ssh2', '203.0.113.5'],
      ['Failed password for root from 2001:db8::7 port 50522 ssh2', '2001:db8::7'],
      ['Invalid user 1.2.3.4 port 5 from 198.51.100.7 port 4242', '198.51.100.7'],
      ['Accepted publickey for admin from 192.0.2.4 port 51000 ssh2: ED25519 SHA256:abc', '192.0.2.4'],
      ['Connection closed by authenticating user root 203.0.113.9 port 22 [preauth]', '203.0.113.9'],
      ['Disconnected from invalid user 9.9.9.9 203.0.113.10 port 2222', '203.0.113.10'],
      ['Received disconnect from 203.0.113.11 port 40000:11: 8.8.8.8 port 1 [preauth]', '203.0.113.11'],
      ['pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.12  user=8.8.8.8', '203.0.113.12'],
      ['[UFW BLOCK] IN=eth0 OUT= MAC=00:11 SRC=203.0.113.13 DST=192.0.2.1 LEN=60', '203.0.113.13'],
      ['203.0.113.14 - - [10/Oct/2026:13:55:36 +0000] "GET /?ip=8.8.8.8 HTTP/1.1" 200 2326', '203.0.113.14'],
      ['[Tue Dec 01 10:00:00 2026] [php:error] [pid 42:tid 7] [client 203.0.113.15:5123] PHP Fatal error 8.8.8.8', '203.0.113.15'],
      ['connect from unknown[203.0.113.16]', '203.0.113.16'],
      ['user 8.8.8.8 said hello from 203.0.113.17', null],
      ['no address here', null],
    ];
    for (const [line, want] of cases) expect(sourceAddress(line), line).toBe(want);
  });

  it('reads established peers from /proc/net/tcp and tcp6', () => {
    const tcp = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n'
      + '   0: 0100000A:0016 0964330A:D431 01 00000000:00000000 00:00000000 00000000     0        0 4242 1\n'
      + '   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4243 1\n';
    expect([...establishedPeers(tcp)]).toEqual([['4242', '10.51.100.9']]);
    expect(hexAddress('0000000000000000FFFF00000964330A')).toBe('10.51.100.9');
    expect(hexAddress('B80D0120000000000000000001000000')).toBe('2001:db8:0:0:0:0:0:1');
  });
});

