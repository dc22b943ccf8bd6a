/** Against the real /proc: a real process with a hostile name is read whole. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { ProcessReader } from '../../../collectors/proc/read-processes.js';
import { SystemSampler } from '../../../collectors/proc/system-sampler.js';
import { busyLoop } from '../../support/processes.js';
import { eventually, requireOrSkip } from '../../support/tmux.js';
import { readText } from '../../../collectors/proc/read-file.js';

const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

describe('ProcessReader on the real /proc', () => {
  it('finds our own process with its command line and user', () => {
    const me = new ProcessReader().read().find((p) => p.pid === process.pid)!;
    expect(me.cmdline).toContain('node');
    expect(me.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(me.kernelThread).toBe(false);
  });

  it('reads a process whose name and argv hold escapes, spaces and parentheses', async () => {
    const child = busyLoop('evil (name) \x1b[31mred', 'a) b\x1b]0;x');
    children.push(child);
    const reader = new ProcessReader();
    let found: ReturnType<ProcessReader['read']>[number] | undefined;
    await eventually(() => {
      found = reader.read().find((p) => p.pid === child.pid && p.comm === 'a) b\x1b]0;x');
      return found !== undefined;
    });
    expect(found?.cmdline.startsWith('evil (name) \x1b[31mred -c')).toBe(true);
  });

  // kthreadd (pid 2) is seen only from the host's PID namespace: elsewhere this is a skip with a reason (a failure in CI), never a silent pass.
  const seesKthreadd = requireOrSkip(readText('/proc/2/comm')?.trim() === 'kthreadd', "needs the host's PID namespace (pid 2 is kthreadd)");
  it.runIf(seesKthreadd)('marks kernel threads and gives them no command line', () => {
    const kthreadd = new ProcessReader().read().find((p) => p.pid === 2 && p.comm === 'kthreadd');
    expect(kthreadd).toMatchObject({ kernelThread: true, cmdline: '' });
  });

  it('samples the whole system with one core entry per CPU', () => {
    const sample = new SystemSampler().sample(Date.now());
    expect(sample.cpuCores.length).toBeGreaterThan(0);
    expect(sample.memory.total).toBeGreaterThan(0);
    expect(sample.processes.length).toBeGreaterThan(1);
  });
});
