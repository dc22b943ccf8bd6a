/**
 * Issue 32, the socket tables: on a quiet machine sitrep does not walk
 * /proc/net/tcp{,6} every second, and a SYN flood that starts while it runs
 * still shows within about 2 s (the kernel retransmits the SYN-ACKs 1 s after
 * each SYN: TCPSynRetrans moves, and that walks the tables). Two fresh network
 * namespaces (nothing else talks in them); sitrep records in the server one,
 * so the recording says which samples walked (a table) and which were quiet.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { TEST_ROOT } from '../support/loopfs.js';
import { afterAll, describe, expect, it } from 'vitest';
import { makeNetPair, SERVER_ADDRESS } from '../support/netns.js';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const FLOOD = resolve('test/support/net-flood.py');
const LOG = join(TEST_ROOT, `walk-${process.pid}.log`);
const REC = join(TEST_ROOT, `walk-${process.pid}.sitrep.gz`);
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const ready = requireOrSkip(process.getuid?.() === 0 && hasTmux() && existsSync(SITREP) && ['ip', 'nft', 'python3'].every(has), 'needs root, tmux, ip, nft, python3 and dist/');
const HALF_ADDRS = Array.from({ length: 10 }, (_, i) => `203.0.113.${100 + i}`);
/** The quiet time before the flood: more than the first walk, less than the periodic one (10 s). */
const QUIET_MS = 6000;

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // go on with the rest
  }
}));

interface RecordedSample { t: number; net?: { table?: { byState: Array<{ state: string; count: number }> }; quiet?: boolean } }

describe.runIf(ready)('socket tables walked when counters move (issue 32)', () => {
  it('walks at most twice in 6 quiet seconds, and shows a SYN flood started meanwhile within about 2 s', async () => {
    mkdirSync(TEST_ROOT, { recursive: true });
    writeFileSync(LOG, '');
    cleanups.push(() => rmSync(LOG, { force: true }), () => rmSync(REC, { force: true }));
    const net = makeNetPair('walk', HALF_ADDRS, ['203.0.113.0/24']);
    cleanups.push(() => net.close());
    net.exec(net.server, ['sysctl', '-qw', 'net.ipv4.tcp_synack_retries=10']);
    net.exec(net.clients, ['nft', '-f', '-'], 'table inet flood {\n chain inbound {\n  type filter hook input priority 0;\n  tcp sport 9001 drop\n }\n}\n');
    const children: ChildProcess[] = [];
    cleanups.push(() => children.forEach((c) => c.kill('SIGKILL')));
    const started = (p: ChildProcess) => eventually(() => p.stdout!.read() !== null || p.exitCode !== null, 10_000);
    const server = spawn('ip', ['netns', 'exec', net.server, 'python3', FLOOD, 'server', '9000', '9001'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(server);
    expect(await started(server)).toBe(true);

    const s = new TmuxSession('walk', 120, 40, `ip netns exec ${net.server} ${process.execPath} ${SITREP} record ${REC} --log-file ${LOG}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => /\d+ sockets/.test(t), 10_000, 'the first data frame');
    const quietFrom = Date.now();
    // The quiet period is the thing measured: nothing happens in these namespaces meanwhile.
    await eventually(() => Date.now() - quietFrom >= QUIET_MS, QUIET_MS + 1000);

    const floodAt = Date.now();
    const client = spawn('ip', ['netns', 'exec', net.clients, 'python3', FLOOD, 'client', SERVER_ADDRESS, '9000', '9001', ...HALF_ADDRS.map((a) => `half:${a}:10`)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(client);
    const row = /203\.0\.113\.0\/24 +\d+ +(\d+) /;
    await s.waitFor((t) => Number(row.exec(t)?.[1] ?? 0) >= 90, 10_000, 'the SYN-RECV range in the pane');
    const shownMs = Date.now() - floodAt;
    s.send('q');
    expect(await eventually(() => !/\d+ sockets/.test(s.screen()), 10_000)).toBe(true);
    expect(await eventually(() => existsSync(REC) && readFileSync(REC).length > 0, 10_000)).toBe(true);
    await eventually(() => {
      try {
        gunzipSync(readFileSync(REC));
        return true;
      } catch {
        return false;
      }
    }, 10_000);

    const samples = gunzipSync(readFileSync(REC)).toString('utf8').split('\n').filter(Boolean).slice(1)
      .map((l) => JSON.parse(l) as RecordedSample & { kind: string }).filter((m) => m.kind === 'keyframe' || m.kind === 'delta');
    const quiet = samples.filter((m) => m.t >= quietFrom && m.t < floodAt);
    const walks = quiet.filter((m) => m.net?.table);
    const synRecv = (m: RecordedSample) => m.net?.table?.byState.find((b) => b.state === 'SYN-RECV')?.count ?? 0;
    const seen = samples.find((m) => m.t >= floodAt && synRecv(m) >= 90);
    console.log(`quiet samples ${quiet.length}, walks among them ${walks.length}; flood in a walked sample after ${seen ? seen.t - floodAt : 'never'} ms, on screen after ${shownMs} ms`);
    expect(quiet.length).toBeGreaterThanOrEqual(4);
    expect(walks.length).toBeLessThanOrEqual(2);
    expect(quiet.filter((m) => !m.net?.table).every((m) => m.net?.quiet === true)).toBe(true);
    expect(seen).toBeDefined();
    // The walk that saw it was caused by the flood, not the periodic one (10 s after the last walk).
    const lastWalk = samples.filter((m) => m.t < floodAt && m.net?.table).at(-1)!;
    expect(seen!.t - lastWalk.t).toBeLessThan(9500);
    // About 2 s (the SYN-ACK retransmission at 1 s, then the next sample); generous on a loaded machine.
    expect(seen!.t - floodAt).toBeLessThan(3500);
  }, 90_000);
});
