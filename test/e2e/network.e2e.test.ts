/**
 * The Network pane against a real flood (issue 14): two network namespaces
 * joined by a veth pair; 300 connections from 203.0.113.x and 20 from
 * 198.51.100.x held open on the server's port 9000, and 200 half-open SYNs
 * from 203.0.113.x to port 9001 (the clients drop the SYN-ACKs). sitrep runs
 * inside the server namespace, in tmux and as `snapshot --json`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_ROOT } from '../support/loopfs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNetPair, SERVER_ADDRESS, SERVER_ADDRESS6, type NetPair } from '../support/netns.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const FLOOD = resolve('test/support/net-flood.py');
const LOG = join(TEST_ROOT, `net-${process.pid}.log`);
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const ready = requireOrSkip(process.getuid?.() === 0 && hasTmux() && existsSync(SITREP) && ['ip', 'nft', 'ss', 'python3'].every(has), 'needs root, tmux, ip, nft, ss, python3 and dist/');

const OPEN_ADDRS = Array.from({ length: 30 }, (_, i) => `203.0.113.${10 + i}`);
const HALF_ADDRS = Array.from({ length: 20 }, (_, i) => `203.0.113.${100 + i}`);
const OTHER = '198.51.100.10';
const SIX = '2001:db8:5:1::10';
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // go on with the rest
  }
}));

/** Counts of `ss -tan` by state, in the server namespace. */
function ssStates(net: NetPair): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of net.exec(net.server, ['ss', '-tan']).split('\n').slice(1)) {
    const state = line.split(/\s+/)[0];
    if (state) out[state] = (out[state] ?? 0) + 1;
  }
  return out;
}

const within = (a: number, b: number, fraction: number) => Math.abs(a - b) <= Math.max(1, b * fraction);

describe.runIf(ready)('Network pane on a real flood in network namespaces', () => {
  let net: NetPair;
  const children: ChildProcess[] = [];
  let serverPid = 0;
  const started = (p: ChildProcess) =>
    new Promise<void>((ok, fail) => {
      let text = '';
      p.stdout!.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('ready')) ok();
      });
      p.on('exit', (code) => fail(new Error(`flood helper exited ${code}`)));
    });

  beforeAll(async () => {
    mkdirSync(TEST_ROOT, { recursive: true });
    writeFileSync(LOG, '');
    cleanups.push(() => rmSync(LOG, { force: true }));
    net = makeNetPair('net', [...OPEN_ADDRS, ...HALF_ADDRS, OTHER, SIX], ['203.0.113.0/24', '198.51.100.0/24', '2001:db8:5::/48']);
    cleanups.push(() => net.close());
    // SYN-RECV requests must outlive the test, and fit the SYN queue.
    net.exec(net.server, ['sysctl', '-qw', 'net.ipv4.tcp_synack_retries=10', 'net.ipv4.tcp_max_syn_backlog=4096']);
    // The clients never see the SYN-ACKs from 9001: the server keeps those requests half-open.
    net.exec(net.clients, ['nft', '-f', '-'], 'table inet flood {\n chain inbound {\n  type filter hook input priority 0;\n  tcp sport 9001 drop\n }\n}\n');
    const server = spawn('ip', ['netns', 'exec', net.server, 'python3', FLOOD, 'server', '9000', '9001'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(server);
    cleanups.push(() => children.forEach((c) => c.kill('SIGKILL')));
    await started(server);
    serverPid = Number(net.exec(net.server, ['sh', '-c', `pgrep -f '${FLOOD} server' | head -1`]).trim());
    // 300 from 203.0.113.x: 295 over IPv4, 5 to the dual-stack listener (they show in tcp6 as ::ffff:203.0.113.x)
    const specs = [...OPEN_ADDRS.map((a, i) => `open:${a}:${i < 5 ? 9 : 10}`), ...OPEN_ADDRS.slice(0, 5).map((a) => `mapped:${a}:1`), `open:${OTHER}:20`, ...HALF_ADDRS.map((a) => `half:${a}:10`), `open6:${SIX}:3`];
    const client = spawn('ip', ['netns', 'exec', net.clients, 'python3', FLOOD, 'client', SERVER_ADDRESS, '9000', '9001', ...specs], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, HOST6: SERVER_ADDRESS6 } });
    children.push(client);
    await started(client);
    expect(await eventually(() => (ssStates(net)['SYN-RECV'] ?? 0) >= 200 && (ssStates(net).ESTAB ?? 0) >= 323, 10_000)).toBe(true);
  }, 60_000);

  it('snapshot --json ranks 203.0.113.0/24 first, its counts within 5% of ss -tan, and names the listener', () => {
    const report = JSON.parse(net.exec(net.server, [process.execPath, SITREP, 'snapshot', '--json', '--duration', '2'])) as {
      network: { ranges: Array<{ range: string; connections: number; byState: Record<string, number>; pids: number[] }>; listeners: Array<{ port: number; pid: number | null }>; totals: { byState: Record<string, number> } };
    };
    const ss = ssStates(net);
    const [first, second] = report.network.ranges;
    expect(first).toMatchObject({ range: '203.0.113.0/24' });
    expect(second).toMatchObject({ range: '198.51.100.0/24', connections: 20 });
    // the IPv6 connections under their /48; the mapped ones counted in 203.0.113.0/24 (300 established in all)
    expect(report.network.ranges.find((r) => r.range === '2001:db8:5::/48')).toMatchObject({ connections: 3 });
    expect(first!.byState.ESTABLISHED).toBe(300);
    expect(report.network.ranges.every((r) => r.range.includes('.') || r.range === '2001:db8:5::/48')).toBe(true);
    expect(within(first!.byState.ESTABLISHED ?? 0, 300, 0.05)).toBe(true);
    expect(within(first!.byState['SYN-RECV'] ?? 0, 200, 0.05)).toBe(true);
    expect(within(report.network.totals.byState.ESTABLISHED ?? 0, ss.ESTAB ?? 0, 0.05)).toBe(true);
    expect(within(report.network.totals.byState['SYN-RECV'] ?? 0, ss['SYN-RECV'] ?? 0, 0.05)).toBe(true);
    expect(report.network.totals.byState.LISTEN).toBe(ss.LISTEN);
    expect(report.network.listeners.find((l) => l.port === 9000)?.pid).toBe(serverPid);
    expect(first!.pids).toContain(serverPid);
  });

  it('the pane ranks it first within 3 s; b + y drops it in sitrep\'s nft table there only, new connections fail, B removes it', async () => {
    const hostBefore = spawnSync('nft', ['list', 'ruleset'], { encoding: 'utf8' }).stdout;
    const t0 = Date.now();
    const s = new TmuxSession('net-pane', 120, 40, `ip netns exec ${net.server} ${process.execPath} ${SITREP} --log-file ${LOG}`);
    cleanups.push(() => s.kill());
    s.send('5');
    // ranked and named: the table is read on the first sample, its owners on the second (the fd walk)
    const screen = await s.waitFor((t) => /│203\.0\.113\.0\/24 +\d+ +\d+ +\d+ .*python3 \(\d+\)/.test(t), 3000, 'the flood range ranked first, its listener named');
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(3000);
    const rows = screen.split('\n').filter((l) => /\d+\.\d+\.\d+\.0\/24/.test(l));
    expect(rows[0]).toContain('203.0.113.0/24');
    expect(rows[0]).toMatch(/python3 \(\d+\)/);

    s.send('Enter');
    await s.waitFor((t) => t.includes('Connections from 203.0.113.0/24') && /192\.0\.2\.1:900[01] +203\.0\.113\.\d+:\d+ +(ESTABLISHED|SYN-RECV)/.test(t), 3000, 'the connection list');
    s.send('Escape');
    s.send('b');
    await s.waitFor((t) => t.includes('Block 203.0.113.0/24?') && /\d+ connections/.test(t), 3000, 'the block dialog');
    s.send('y');
    await s.waitFor((t) => t.includes('blocked 203.0.113.0/24'), 5000, 'the block done');
    expect(net.exec(net.server, ['nft', 'list', 'table', 'inet', 'sitrep'])).toContain('203.0.113.0/24');
    const connect = (from: string) =>
      spawnSync('ip', ['netns', 'exec', net.clients, 'python3', '-c', `import socket;s=socket.socket();s.settimeout(2);s.bind(('${from}',0));s.connect(('${SERVER_ADDRESS}',9000))`], { timeout: 10_000 }).status;
    expect(connect(OPEN_ADDRS[0]!)).not.toBe(0);
    expect(connect(OTHER)).toBe(0);
    expect(spawnSync('nft', ['list', 'ruleset'], { encoding: 'utf8' }).stdout).toBe(hostBefore);

    s.send('B');
    await s.waitFor((t) => t.includes('Unblock 203.0.113.0/24?'), 3000, 'the unblock dialog');
    s.send('y');
    await s.waitFor((t) => t.includes('unblocked 203.0.113.0/24'), 5000, 'the unblock done');
    expect(net.exec(net.server, ['nft', 'list', 'table', 'inet', 'sitrep'])).not.toContain('203.0.113.0/24');
    expect(connect(OPEN_ADDRS[1]!)).toBe(0);
    s.send('q');
  }, 60_000);

  it("refuses to block the range of the admin's SSH_CONNECTION", async () => {
    const s = new TmuxSession('net-own', 120, 40, `ip netns exec ${net.server} env SSH_CONNECTION='203.0.113.77 50000 ${SERVER_ADDRESS} 22' ${process.execPath} ${SITREP} --log-file ${LOG}`);
    cleanups.push(() => s.kill());
    s.send('5');
    // the pane marks the admin's own range, as the block refuses it
    await s.waitFor((t) => /│203\.0\.113\.0\/24 \(you\) +\d+/.test(t), 5000, 'the flood range, marked as the admin\'s');
    s.send('b');
    await s.waitFor((t) => t.includes('refused: your own SSH client 203.0.113.77 is in 203.0.113.0/24'), 3000, 'the refusal');
    expect(s.screen()).not.toContain('Block 203.0.113.0/24?');
    s.send('q');
  }, 30_000);
});
