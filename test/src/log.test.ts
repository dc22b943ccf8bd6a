import { describe, expect, it } from 'vitest';
import { blockRefusal, rangeHolds, sshClientAddress } from '../../src/actions/intents.js';
import { parseNftBlocks } from '../../src/actions/log-actions.js';
import type { LogBatch, LogEntry } from '../../src/messages.js';
import { classify, ipRanges, isPrivateRange } from '../../src/model/log-classify.js';
import { filteredLines, selectCrashes, selectOomKills, selectTopRanges } from '../../src/model/log-selectors.js';
import { LOG_LINES, updateLog, type LogState } from '../../src/model/log.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { commandFor } from '../../src/keymap.js';
import { initialView, reduceView, type ViewContext, type ViewState } from '../../src/view.js';
import { editSearch, logSelection } from '../../src/view-log.js';
import { header } from '../support/samples.js';

const T0 = 1_800_000_000_000;
const entry = (message: string, over: Partial<LogEntry> = {}): LogEntry => ({ t: T0, priority: 6, unit: 'app.service', pid: 10, message, ...over });
const batch = (entries: LogEntry[], t = T0, over: Partial<LogBatch> = {}): LogBatch => ({ kind: 'log', t, source: 'journald', entries, ...over });

describe('what log lines say', () => {
  it('classifies systemd crashes, kernel segfaults, OOM kills and restart counters', () => {
    expect(classify(entry('php-fpm.service: Main process exited, code=dumped, status=11/SEGV', { unit: 'init.scope' }))).toEqual({ kind: 'crash', unit: 'php-fpm.service', family: 'exit' });
    expect(classify(entry("x.service: Failed with result 'core-dump'.", { fields: { UNIT: 'x.service' } }))).toEqual({ kind: 'crash', unit: 'x.service', family: 'result' });
    expect(classify(entry('php-fpm[311]: segfault at 0 ip 000 sp 000 error 4', { unit: 'kernel' }))).toEqual({ kind: 'crash', unit: 'php-fpm', family: 'process', pid: 311 });
    expect(classify(entry('Out of memory: Killed process 4242 (mysqld) total-vm:1kB'))).toEqual({ kind: 'oom', victim: 'mysqld', pid: 4242 });
    expect(classify(entry('oom-kill:constraint=CONSTRAINT_NONE,task=java,pid=77,uid=0'))).toEqual({ kind: 'oom', victim: 'java', pid: 77 });
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
    expect(blockRefusal('203.0.113.0/24', '203.0.113.7')).toMatch(/your own SSH client 203\.0\.113\.7 is in 203\.0\.113\.0\/24/);
    expect(blockRefusal('2001:db8:abcd::/48', '2001:db8:abcd:1::5')).toMatch(/own SSH client/);
    expect(blockRefusal('127.0.0.0/24', null)).toMatch(/loopback/);
    expect(blockRefusal('198.51.100.0/24', '203.0.113.7')).toBeNull();
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
  const ctx: ViewContext = { listLength: () => 30, pageRows: () => 10, model, self: { pid: 1, parentPid: 1, uid: 0, user: 'root', sshClient: '203.0.113.9' } };
  const keys = (view: ViewState, ...ks: string[]) => ks.reduce((v, k) => {
    const c = commandFor(k, v.mode);
    return c ? reduceView(v, c, ctx) : v.mode === 'log-search' ? editSearch(v, k) : v;
  }, view);
  const onLog = keys(initialView(), '3');

  it('follows the tail; scrolling back pauses following and End resumes it', () => {
    expect(logSelection(onLog, ctx).index).toBe(29);
    const up = keys(onLog, 'k', 'k');
    expect(up.log.anchor).toBe(27);
    expect(keys(up, 'end').log.anchor).toBeNull();
    expect(keys(onLog, 'pageup').log.anchor).toBe(19);
  });

  it('searches with /, filters errors with e, and opens a line with Enter', () => {
    const searched = keys(onLog, '/', 'l', 'i', 'n', 'e', ' ', '7', 'enter');
    expect(searched.log.filter.query).toBe('line 7');
    expect(keys(onLog, 'e').log.filter.errorsOnly).toBe(true);
    const detail = keys(onLog, 'k', 'enter');
    expect(detail.mode).toBe('log-detail');
    expect(detail.logDetail!.message).toBe('line 28 from 198.51.100.28');
  });

  it('b asks before blocking (No by default) and refuses the SSH client range', () => {
    const ask = keys(onLog, 'b');
    expect(ask.mode).toBe('confirm-action');
    expect(ask.actionDialog!.title).toBe('Block 198.51.100.0/24?');
    expect(keys(ask, 'enter').intent).toBeNull();
    expect(keys(ask, 'y').intent).toEqual({ kind: 'block', op: 'add', range: '198.51.100.0/24' });
    const fromClient = { ...ctx, self: { ...ctx.self!, sshClient: '198.51.100.77' } };
    const refused = reduceView(onLog, 'log.block', fromClient);
    expect(refused.mode).toBe('normal');
    expect(refused.notice).toBe('refused: your own SSH client 198.51.100.77 is in 198.51.100.0/24');
  });

  it('J offers to make a volatile journal persistent', () => {
    const j = keys(onLog, 'J');
    expect(j.actionDialog!.title).toBe('Keep the journal on disk?');
    expect(keys(j, 'y').intent).toEqual({ kind: 'persist-journal' });
  });
});
