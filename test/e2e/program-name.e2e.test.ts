/**
 * The COMMAND column names the program an interpreter runs, for real
 * processes: a python3 script started by its absolute interpreter path (busy,
 * and writing with fsync) and `python3 -m http.server` on a loopback port. The
 * CPU pane in tmux and `snapshot --json` (processes[] and writers[]) show the
 * script or module first. Each process ends on its own within a minute.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, hasTmux, requireOrSkip, TmuxSession } from '../support/tmux.js';

const SITREP = resolve('dist/sitrep.mjs');
const PYTHON = '/usr/bin/python3';
const DIR = `/srv/sitrep-program-${process.pid}`;
const SCRIPT = `${DIR}/nightly_report_builder.py`;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.splice(0).reverse().forEach((f) => f()));

/** Starts a process in its own group, ended with the whole group (timeout(1) and its child alike). */
function start(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: 'ignore', cwd: DIR, detached: true });
  cleanups.push(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return child;
}

interface Row { readonly pid: number; readonly command: string; readonly program?: string }

describe.runIf(requireOrSkip(hasTmux() && existsSync(SITREP) && existsSync(PYTHON), 'needs tmux, dist/ and /usr/bin/python3'))('the program an interpreter runs', () => {
  mkdirSync(DIR, { recursive: true });
  cleanups.push(() => rmSync(DIR, { recursive: true, force: true }));
  // Busy (so it tops the CPU list) and writing with fsync (so it is a writer); it stops by itself after 60 s.
  writeFileSync(SCRIPT, [
    'import os, time',
    'end = time.time() + 60',
    "f = open('report.out', 'ab')",
    'while time.time() < end:',
    "    f.write(b'x' * 65536); f.flush(); os.fsync(f.fileno())",
    '    t = time.time()',
    '    while time.time() - t < 0.05: pass',
    '',
  ].join('\n'));
  const script = start(PYTHON, [SCRIPT, '--since', '3h']);
  // `python3 -m http.server` on a loopback port, bounded by timeout(1): the child's own command line is what is checked.
  const module = start('timeout', ['60', PYTHON, '-m', 'http.server', '0', '--bind', '127.0.0.1']);

  it('snapshot --json gives the program of each: processes[] and writers[]', async () => {
    let report: { processes: Row[]; writers: Row[] } | null = null;
    const found = await eventually(() => {
      report = JSON.parse(execFileSync('node', [SITREP, 'snapshot', '--json', '--duration', '2'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
      return report!.writers.some((w) => w.pid === script.pid);
    }, 30_000);
    expect(found).toBe(true);
    const r = report!;
    const proc = r.processes.find((p) => p.pid === script.pid);
    expect(proc?.command).toBe(`${PYTHON} ${SCRIPT} --since 3h`);
    expect(proc?.program).toBe('nightly_report_builder.py (python3) --since 3h');
    expect(r.writers.find((w) => w.pid === script.pid)?.program).toBe('nightly_report_builder.py (python3) --since 3h');
  });

  it('the CPU pane shows the script and the module first, where the interpreter path was cut', async () => {
    const s = new TmuxSession('program', 120, 40, `node ${SITREP}`);
    cleanups.push(() => s.kill());
    await s.waitFor((t) => t.includes('COMMAND'), 15_000, 'the CPU pane');
    s.send('4');
    s.send('\\');
    s.type('nightly_report');
    s.send('Enter');
    const row = (t: string, pid: number) => t.split('\n').find((l) => new RegExp(`│\\s*${pid} `).test(l)) ?? '';
    const shown = await s.waitFor((t) => row(t, script.pid!).includes('nightly_report_bu'), 10_000, 'the script first');
    expect(row(shown, script.pid!)).not.toContain('/usr/bin/pyth');
    s.send('\\');
    for (let i = 0; i < 'nightly_report'.length; i++) s.send('BSpace');
    s.type('http.server');
    s.send('Enter');
    const pid = Number(execFileSync('pgrep', ['-f', '-P', String(module.pid), 'http.server'], { encoding: 'utf8' }).trim().split('\n')[0]);
    expect(pid).toBeGreaterThan(0);
    await s.waitFor((t) => row(t, pid).includes('http.server (pyth'), 10_000, 'the module first');
    s.send('q');
  });
});
