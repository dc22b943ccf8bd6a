/**
 * Issue 35, bandwidth per process and per range: two network namespaces, a
 * "host" (where sitrep runs) and "remotes", joined by two veth pairs, one per
 * remote range. In the host, one process sends ~5 MB/s to 203.0.113.10 and
 * another ~1 MB/s to 198.51.100.10, each in a cgroup named as systemd names a
 * service. The snapshot and the Network pane rank them right, each rate within
 * 20% of its veth's tx counter, pid, unit and range named; "other" makes the
 * sum match the interfaces.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const PACED = resolve('test/support/paced.py');
const CG = '/sys/fs/cgroup/systemd/system.slice';
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const ready = requireOrSkip(process.getuid?.() === 0 && hasTmux() && existsSync(SITREP) && existsSync('/sys/fs/cgroup/systemd') && ['ip', 'ss', 'python3'].every(has), 'needs root, tmux, ip, ss, python3, the systemd cgroup hierarchy and dist/');

const n = process.pid % 10000;
const HOST = `sitrep-i35bw-h-${n}`;
const REMOTES = `sitrep-i35bw-r-${n}`;
const [VA, VB] = [`i35a${n}`, `i35b${n}`];
const UNITS = { fast: `i35-bw-fast-${n}.service`, slow: `i35-bw-slow-${n}.service` };
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // go on with the rest
  }
}));

const ip = (...args: string[]) => execFileSync('ip', args);
const inHost = (argv: string[]) => ['ip', ['netns', 'exec', HOST, ...argv]] as const;

function netns(): void {
  const close = () => {
    for (const ns of [HOST, REMOTES]) {
      const pids = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
      if (pids.length) spawnSync('kill', ['-9', ...pids]);
      spawnSync('ip', ['netns', 'delete', ns]);
    }
  };
  close();
  cleanups.push(close);
  ip('netns', 'add', HOST);
  ip('netns', 'add', REMOTES);
  for (const [v, local, remote] of [[VA, '192.0.2.1', '203.0.113.10'], [VB, '192.0.2.2', '198.51.100.10']] as const) {
    ip('link', 'add', `${v}h`, 'type', 'veth', 'peer', 'name', `${v}r`);
    ip('link', 'set', `${v}h`, 'netns', HOST);
    ip('link', 'set', `${v}r`, 'netns', REMOTES);
    ip('-n', HOST, 'addr', 'add', `${local}/32`, 'dev', `${v}h`);
    ip('-n', REMOTES, 'addr', 'add', `${remote}/32`, 'dev', `${v}r`);
    ip('-n', HOST, 'link', 'set', `${v}h`, 'up');
    ip('-n', REMOTES, 'link', 'set', `${v}r`, 'up');
    ip('-n', HOST, 'route', 'add', `${remote.replace(/\.\d+$/, '.0')}/24`, 'dev', `${v}h`, 'src', local);
    ip('-n', REMOTES, 'route', 'add', `${local}/32`, 'dev', `${v}r`);
  }
  for (const ns of [HOST, REMOTES]) ip('-n', ns, 'link', 'set', 'lo', 'up');
}

function started(p: ChildProcess): Promise<void> {
  return new Promise((ok, fail) => {
    let text = '';
    p.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('ready')) ok();
    });
    p.on('exit', (code) => fail(new Error(`paced.py exited ${code}`)));
  });
}

/** Removes a cgroup once its killed process has left it (a SIGKILL is not instant): up to 5 s. */
function removeCgroup(dir: string): void {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      rmdirSync(dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || Date.now() > deadline) return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/** Starts a paced sender in the host namespace, inside a cgroup named like a systemd service. */
async function sender(unit: string, to: string, rate: number): Promise<ChildProcess> {
  const dir = `${CG}/${unit}`;
  mkdirSync(dir, { recursive: true });
  const p = spawn('ip', ['netns', 'exec', HOST, 'python3', PACED, 'send', to, '9100', String(rate)], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => {
    p.kill('SIGKILL');
    removeCgroup(dir);
  });
  await started(p);
  writeFileSync(`${dir}/cgroup.procs`, String(p.pid)); // ip netns exec execs python3 in place: same pid
  return p;
}

const txBytes = (dev: string) => Number(execFileSync(...inHost(['cat', `/sys/class/net/${dev}/statistics/tx_bytes`]), { encoding: 'utf8' }));
type Json = Record<string, any>;

describe.runIf(ready)('bandwidth per process and per range (issue 35)', () => {
  it('two senders in two cgroups, to two ranges: ranked, within 20% of each veth, pid, unit and range named', async () => {
    if (!existsSync(CG)) {
      mkdirSync(CG);
      cleanups.unshift(() => removeCgroup(CG)); // removed last, once the units' cgroups are gone
    }
    netns();
    for (const to of ['203.0.113.10', '198.51.100.10']) {
      const sink = spawn('ip', ['netns', 'exec', REMOTES, 'python3', PACED, 'sink', to, '9100'], { stdio: ['ignore', 'pipe', 'inherit'] });
      cleanups.push(() => sink.kill('SIGKILL'));
      await started(sink);
    }
    const fast = await sender(UNITS.fast, '203.0.113.10', 5_000_000);
    const slow = await sender(UNITS.slow, '198.51.100.10', 1_000_000);
    const t0 = Date.now();
    const [a0, b0] = [txBytes(`${VA}h`), txBytes(`${VB}h`)];
    const out = execFileSync(...inHost(['node', SITREP, 'snapshot', '--json', '--duration', '5']), { encoding: 'utf8', timeout: 60_000 });
    const seconds = (Date.now() - t0) / 1000;
    const [rateA, rateB] = [(txBytes(`${VA}h`) - a0) / seconds, (txBytes(`${VB}h`) - b0) / seconds];
    const bw = (JSON.parse(out) as Json).bandwidth as Json;
    console.log(`veth A ${Math.round(rateA)} B/s, veth B ${Math.round(rateB)} B/s; sitrep: ${JSON.stringify(bw.processes.slice(0, 2))} other ${JSON.stringify(bw.other)} interfaces ${JSON.stringify(bw.interfaces)}`);
    const [first, second] = bw.processes as Json[];
    expect(first).toMatchObject({ pid: fast.pid, unit: UNITS.fast, ranges: ['203.0.113.0/24'] });
    expect(second).toMatchObject({ pid: slow.pid, unit: UNITS.slow, ranges: ['198.51.100.0/24'] });
    expect(Math.abs(first!.txBytesPerSec - rateA)).toBeLessThanOrEqual(0.2 * rateA);
    expect(Math.abs(second!.txBytesPerSec - rateB)).toBeLessThanOrEqual(0.2 * rateB);
    expect((bw.ranges as Json[]).map((r) => r.range).slice(0, 2)).toEqual(['203.0.113.0/24', '198.51.100.0/24']);
    expect((bw.units as Json[]).map((u) => u.unit).slice(0, 2)).toEqual([UNITS.fast, UNITS.slow]);
    // The sum matches the interfaces (processes + other), within what two intervals a few ms apart allow.
    const sum = (bw.processes as Json[]).reduce((s, p) => s + p.txBytesPerSec, 0) + bw.other.txBytesPerSec;
    expect(Math.abs(sum - bw.interfaces.txBytesPerSec)).toBeLessThanOrEqual(0.1 * bw.interfaces.txBytesPerSec);
    expect(Math.abs(bw.interfaces.txBytesPerSec - rateA - rateB)).toBeLessThanOrEqual(0.2 * (rateA + rateB));

    // The Network pane: top talkers, the 5 MB/s one first, pid, unit and range named.
    const s = new TmuxSession(`i35bw${n}`, 160, 45, `ip netns exec ${HOST} node ${SITREP}`);
    cleanups.push(() => s.kill());
    s.send('5');
    const screen = await s.waitFor((t) => t.includes('top talkers') && t.includes(UNITS.slow), 30_000, 'the top talkers');
    const lines = screen.split('\n');
    const fastLine = lines.findIndex((l) => l.includes(`(${fast.pid}) ${UNITS.fast} → 203.0.113.0/24`));
    const slowLine = lines.findIndex((l) => l.includes(`(${slow.pid}) ${UNITS.slow} → 198.51.100.0/24`));
    expect(fastLine).toBeGreaterThan(0);
    expect(slowLine).toBeGreaterThan(fastLine);
    s.send('q');
    expect(readFileSync(`${CG}/${UNITS.fast}/cgroup.procs`, 'utf8').trim()).toBe(String(fast.pid));
  }, 120_000);
});
