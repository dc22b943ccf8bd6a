/**
 * npm run bench:log — the Log pane under a flood of 20,000 lines/s for 30 s
 * (root). Two floods, each measured side by side in 120x40 tmux panes:
 *  - journald, in a systemd booted in a PID namespace: sitrep vs `journalctl -f`;
 *  - a syslog file: sitrep --log-file vs lnav vs `tail -F`.
 * Reports CPU (%core, process and children), RSS at start and end, and for
 * sitrep the key-to-screen latency of a pane switch (median, worst). Not a test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
// @ts-expect-error plain ESM helper without types
import { descendants, procCpuTicks, rssBytes } from './proc-stats.mjs';
import { SystemdNamespace } from '../test/support/systemd-ns.js';

const RATE = Number(process.env.FLOOD_RATE ?? 20000);
const SECONDS = Number(process.env.FLOOD_SECONDS ?? 30);
const SITREP = resolve('dist/sitrep.mjs');
const FLOOD = resolve('bench/flood.mjs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MiB = (b: number) => (b / 1048576).toFixed(1);

interface Running { name: string; socket: string; pid: number }

function tmux(socket: string, ...args: string[]): string {
  return spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' }).stdout ?? '';
}

function start(name: string, command: string): Running {
  const socket = `sitrep-flood-${process.pid}-${name.replace(/\W/g, '')}`;
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'b', '-x', '120', '-y', '40', command]);
  const panePid = Number(tmux(socket, 'display-message', '-p', '-t', 'b', '#{pane_pid}').trim());
  return { name, socket, pid: panePid };
}

const family = (r: Running) => [r.pid, ...descendants(r.pid)];
const focused = (raw: string) => /\x1b\[1m\x1b\[96m (\w+)/.exec(raw.split('\n').find((l) => l.includes('╭─') && /\x1b\[1m\x1b\[96m /.test(l)) ?? '')?.[1] ?? null;

async function keyLatency(r: Running, probes: number, spanMs: number): Promise<number[]> {
  const out: number[] = [];
  const targets = ['1', '3'];
  for (let i = 0; i < probes; i++) {
    const key = targets[i % 2]!;
    const want = key === '1' ? 'Disks' : 'Log';
    const t0 = performance.now();
    tmux(r.socket, 'send-keys', '-t', 'b', key);
    while (performance.now() - t0 < 5000) {
      if (focused(tmux(r.socket, 'capture-pane', '-p', '-e', '-t', 'b')) === want) break;
      await sleep(2);
    }
    out.push(performance.now() - t0);
    await sleep(spanMs / probes);
  }
  return out;
}

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function measure(programs: Running[], flood: () => void, latencyOf: Running | null) {
  await sleep(3000);
  const rss0 = programs.map((p) => rssBytes(family(p)));
  const cpu0 = programs.map((p) => procCpuTicks(family(p)));
  const jctl0 = programs.map((p) => procCpuTicks(family(p).filter((pid: number) => commOf(pid) === 'journalctl')));
  const t0 = performance.now();
  flood();
  const latency = latencyOf ? keyLatency(latencyOf, 20, SECONDS * 1000 - 2000) : Promise.resolve([]);
  await sleep(SECONDS * 1000);
  const lat = await latency;
  const seconds = (performance.now() - t0) / 1000;
  const pct = (ticks: number) => `${((ticks / 100 / seconds) * 100).toFixed(1)}%`;
  const rows = programs.map((p, i) => ({
    program: p.name,
    cpu: pct(procCpuTicks(family(p)) - cpu0[i]!),
    'of which journalctl': pct(procCpuTicks(family(p).filter((pid: number) => commOf(pid) === 'journalctl')) - jctl0[i]!),
    rssStart: `${MiB(rss0[i]!)} MiB`,
    rssEnd: `${MiB(rssBytes(family(p)))} MiB`,
  }));
  return { rows, latency: lat };
}

async function journaldFlood(): Promise<void> {
  const ns = new SystemdNamespace();
  const running: Running[] = [];
  try {
    running.push(start('sitrep', ns.wrap(['node', SITREP]).join(' ')));
    running.push(start('journalctl -f', ns.wrap(['journalctl', '-f']).join(' ')));
    running.push(start('journalctl -f -o json --all >/dev/null', ns.wrap(['sh', '-c', "'journalctl -f -o json --all >/dev/null'"]).join(' ')));
    const { rows, latency } = await measure(running, () => ns.startUnit('flood', [process.execPath, FLOOD, String(RATE), String(SECONDS)], { LogRateLimitIntervalSec: '0', LogRateLimitBurst: '0' }), running[0]!);
    await sleep(1000);
    const got = Number(ns.run(['sh', '-c', 'journalctl -u flood -o cat --no-pager | wc -l']).trim());
    console.log(`\njournald flood: ${RATE} lines/s asked for ${SECONDS} s; journald stored ${got} lines (${Math.round(got / SECONDS)}/s)`);
    console.table(rows);
    console.log(`sitrep pane switch, key to screen: median ${median(latency).toFixed(0)} ms, worst ${Math.max(...latency).toFixed(0)} ms (${latency.length} probes)`);
  } finally {
    running.forEach((r) => tmux(r.socket, 'kill-server'));
    ns.stop();
  }
}

async function fileFlood(): Promise<void> {
  const dir = '/srv/sitrep-test';
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/flood-${process.pid}.log`;
  writeFileSync(file, '');
  const running: Running[] = [];
  try {
    running.push(start('sitrep --log-file', `node ${SITREP} --log-file ${file}`));
    if (spawnSync('sh', ['-c', 'command -v lnav']).status === 0) running.push(start('lnav', `lnav ${file}`));
    running.push(start('tail -F', `tail -F ${file}`));
    const { rows, latency } = await measure(running, () => spawnSync('sh', ['-c', `node ${FLOOD} ${RATE} ${SECONDS} ${file} &`]), running[0]!);
    console.log(`\nfile flood: ${RATE} lines/s for ${SECONDS} s into ${file}`);
    console.table(rows);
    console.log(`sitrep pane switch, key to screen: median ${median(latency).toFixed(0)} ms, worst ${Math.max(...latency).toFixed(0)} ms (${latency.length} probes)`);
  } finally {
    running.forEach((r) => tmux(r.socket, 'kill-server'));
    rmSync(file, { force: true });
  }
}

await journaldFlood();
await fileFlood();
