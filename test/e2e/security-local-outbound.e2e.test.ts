/**
 * Issue 28 item 7: user nobody opens 300 outgoing connections to a chosen
 * range (198.51.100.0/24, say the admin's office) from the server's network
 * namespace, while 5 clients from 203.0.113.0/24 connect in to its service.
 * Only the inbound range is ranked and offered to `b`; the outbound one is
 * listed apart, named by the process that opened it.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeNetPair } from '../support/netns.js';
import { hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const PYTHON = '/usr/bin/python3';
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => {
  try {
    f();
  } catch {
    // go on with the rest
  }
}));

/** Starts a child and resolves once it prints "ready". */
function started(argv: readonly string[]): Promise<ChildProcess> {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => child.kill('SIGKILL'));
  return new Promise((res, rej) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && res(child));
    child.on('exit', (code) => rej(new Error(`${argv.join(' ')} exited ${code}`)));
  });
}

const server = (address: string, port: number) => `import socket,time\nl=socket.socket()\nl.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\nl.bind(('${address}',${port}))\nl.listen(1024)\nprint('ready',flush=True)\nkeep=[]\nwhile True:\n  keep.append(l.accept())`;
const clients = (count: number, target: string, port: number, source: string | null) => `import socket,time\nkeep=[]\nfor i in range(${count}):\n  s=socket.socket()\n  ${source ? `s.bind(('${source}',0))` : 'pass'}\n  s.connect(('${target}',${port}))\n  keep.append(s)\nprint('ready',flush=True)\ntime.sleep(600)`;

describe.runIf(requireOrSkip(process.getuid?.() === 0 && hasTmux() && existsSync(SITREP) && existsSync(PYTHON) && ['ip', 'setpriv'].every(has), 'needs root, ip, setpriv, tmux, python3 and dist/'))('outbound connections are not an attack (issue 28 item 7)', () => {
  it('ranks and offers to block only the inbound range; names the process behind the outbound one', async () => {
    const pair = makeNetPair('i28o', ['198.51.100.9', '203.0.113.7'], ['198.51.100.0/24', '203.0.113.0/24']);
    cleanups.push(pair.close);
    await started(['ip', 'netns', 'exec', pair.clients, PYTHON, '-c', server('198.51.100.9', 9443)]);
    await started(['ip', 'netns', 'exec', pair.server, PYTHON, '-c', server('192.0.2.1', 8080)]);
    // The attacker: nobody, 300 connections out of the server to the chosen range.
    await started(['ip', 'netns', 'exec', pair.server, 'setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', PYTHON, '-c', clients(300, '198.51.100.9', 9443, null)]);
    // Real clients of the server's service.
    await started(['ip', 'netns', 'exec', pair.clients, PYTHON, '-c', clients(5, '192.0.2.1', 8080, '203.0.113.7')]);

    const report = JSON.parse(execFileSync('ip', ['netns', 'exec', pair.server, process.execPath, SITREP, 'snapshot', '--json', '--duration', '2'], { encoding: 'utf8', timeout: 60_000 }));
    const ranges = report.network.ranges.map((r: { range: string }) => r.range);
    expect(ranges).not.toContain('198.51.100.0/24');
    expect(report.network.ranges[0]).toMatchObject({ range: '203.0.113.0/24', connections: 5, ports: [8080] });
    const out = report.network.outbound.find((o: { range: string }) => o.range === '198.51.100.0/24');
    expect(out).toMatchObject({ connections: 300, remotePorts: [9443] });
    expect(out.processes.map((p: { command: string }) => p.command)).toContain('python3');

    const s = new TmuxSession('i28-out', 160, 50, `ip netns exec ${pair.server} ${process.execPath} ${SITREP}`);
    cleanups.push(() => s.kill());
    // The owner shows once the descriptor walk (a slice of the processes per sample) has met the process.
    const screen = await s.waitFor((t) => t.includes('outbound: connections opened from here') && /→ 198\.51\.100\.0\/24 +300 live +to port 9443 +by python3 \(\d+\)/.test(t), 60_000, 'the outbound section, named');
    expect(screen).not.toMatch(/^│198\.51\.100\.0\/24/m);
    s.send('5'); // focus Network: its first selectable row
    s.send('b');
    const dialog = await s.waitFor((t) => t.includes('Block ') || t.includes('select a range first'), 20_000, 'b on the Network pane');
    expect(dialog).toContain('Block 203.0.113.0/24?');
    expect(dialog).not.toContain('Block 198.51.100.0/24?');
    s.send('n');
    s.send('q');
  }, 120_000);
});
