/**
 * A demo is a teaching tool: after every documented action its world is one
 * state that Disks, Writers, the drill-down and the Log all read. Each action
 * runs through the scenario's own act(), then the panes' selectors are
 * checked against each other.
 */
import { describe, expect, it } from 'vitest';
import type { Intent, ProcessTarget } from '../../src/effects/intents.js';
import type { Message } from '../../src/stream/messages.js';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { selectFilesystems } from '../../src/model/disk-selectors.js';
import { selectWriterGroups } from '../../src/model/writer-selectors.js';
import { filteredLines, NO_FILTER } from '../../src/model/log-selectors.js';
import { demoTick, scenario } from '../../demo/demo-source.js';
import type { Scenario } from '../../demo/scenario.js';

const T0 = Date.UTC(2026, 11, 2, 1, 0, 0);

/** A scenario, and the model fed with everything it emitted. */
class Run {
  readonly s: Scenario;
  model: ModelState = initialModel(600);
  private readonly last = { journal: null as string | null };
  /** Log lines from this index on came after the last action. */
  since = 0;

  constructor(name: 'disk-fill' | 'crash-loop' | 'memory-leak') {
    this.s = scenario(name, T0);
    this.model = reduce(this.model, { kind: 'header', format: 'sitrep-stream', version: 1, host: this.s.host, kernel: 'k', os: null, cores: this.s.world.cores, clockTicks: 100, pageSize: 4096, intervalMs: 1000, startedAt: T0, bootTime: this.s.world.bootTime } as Message);
  }

  tick(seconds: number): void {
    for (let i = 0; i < seconds; i++) demoTick(this.s, T0, 1, (m) => (this.model = reduce(this.model, m)), this.last);
  }

  act(intent: Intent): string {
    const outcome = this.s.act(intent);
    this.since = this.model.log?.total ?? 0;
    return outcome.text;
  }

  target(pid: number): ProcessTarget {
    const p = this.s.world.processes.find((x) => x.pid === pid)!;
    return { pid, startTicks: p.startTicks, comm: p.comm, command: p.cmdline, user: p.user, unit: null, kernelThread: false, started: '' };
  }

  /** Log lines that arrived after the last action. */
  newLines() {
    return (this.model.log?.lines ?? []).filter((l) => l.seq >= this.since);
  }
}

const GiB = 2 ** 30;
const dirSum = (s: Scenario, dir: string) => (s.tree?.(dir) ?? []).reduce((n, c) => n + c.bytes, 0);
const writers = (m: ModelState) => selectWriterGroups(m).flatMap((g) => g.writers).filter((w) => w.writeRate > 0);
const unitTarget = (unit: string) => ({ unit, description: '', state: 'active (running)', mainPid: 0, members: [], manager: 'systemd' as const, guard: null });

/** Disks, Writers, drill-down and Log agree for disk-fill's /srv. */
function expectDiskFillAgrees(run: Run, apacheActive: boolean): void {
  const srv = selectFilesystems(run.model).find((f) => f.mountPoint === '/srv')!;
  // The drill-down of /srv adds up to what Disks calls used (nothing else is held on /srv); blocks round each entry down.
  expect(Math.abs(dirSum(run.s, '/srv') - srv.usedBytes)).toBeLessThan(64 * 4096);
  expect(dirSum(run.s, '/srv/var/mod_gzip')).toBe((run.s.tree?.('/srv/var') ?? []).find((c) => c.name === 'mod_gzip')!.bytes);
  // Writers list writers only while apache2 runs; the Disks fill rate follows them.
  const ws = writers(run.model);
  const full = srv.usersFull;
  if (apacheActive && !full) {
    expect(ws.length).toBeGreaterThan(0);
    const sum = ws.reduce((n, w) => n + w.writeRate, 0);
    expect(srv.fillRate!).toBeGreaterThan(sum * 0.75);
    expect(srv.fillRate!).toBeLessThan(sum * 1.25);
  }
  if (!apacheActive) {
    expect(ws).toEqual([]);
    expect(Math.abs(srv.fillRate ?? 0)).toBeLessThan(4096);
    // No log line comes from the stopped unit (systemd's own lines about it are systemd's).
    expect(run.newLines().filter((l) => l.unit === 'apache2@jail.service')).toEqual([]);
  }
}

describe('disk-fill: one world after every action', () => {
  it('stop, delete the cache, restart, SIGSTOP and SIGCONT, kill, truncate: all panes agree', () => {
    const run = new Run('disk-fill');
    run.tick(20);
    expectDiskFillAgrees(run, true);

    expect(run.act({ kind: 'service', verb: 'stop', target: unitTarget('apache2@jail.service') })).toMatch(/^stopped apache2@jail\.service/);
    run.tick(12);
    expectDiskFillAgrees(run, false);
    const usedStopped = selectFilesystems(run.model).find((f) => f.mountPoint === '/srv')!.usedBytes;
    // The files the stopped writers wrote are still on disk, and in the drill-down.
    expect(dirSum(run.s, '/srv/var/mod_gzip')).toBeGreaterThan(2 * GiB);

    const deleted = run.act({ kind: 'delete-path', path: '/srv/var/mod_gzip', bytes: 0, lock: null });
    expect(deleted).toMatch(/freed \d+\.\d GiB — nothing writes there now/);
    run.tick(3);
    expectDiskFillAgrees(run, false);
    const usedAfter = selectFilesystems(run.model).find((f) => f.mountPoint === '/srv')!.usedBytes;
    expect(usedStopped - usedAfter).toBeGreaterThan(2 * GiB);
    expect(dirSum(run.s, '/srv/var/mod_gzip')).toBe(0);

    run.act({ kind: 'service', verb: 'restart', target: unitTarget('apache2@jail.service') });
    run.tick(12);
    expectDiskFillAgrees(run, true);
    expect(run.act({ kind: 'truncate-path', path: '/srv/var/mod_gzip/cache-0002.gz', bytes: 0, lock: null })).toMatch(/apache2 is still writing/);
    run.tick(3);
    expectDiskFillAgrees(run, true);

    const top = writers(run.model)[0]!;
    run.act({ kind: 'signal', signal: 'STOP', target: run.target(top.pid) });
    run.tick(8);
    const stopped = selectWriterGroups(run.model).flatMap((g) => g.writers).find((w) => w.pid === top.pid)!;
    expect(stopped.state).toBe('T');
    expect(stopped.writeRate).toBe(0);
    expectDiskFillAgrees(run, true);
    run.act({ kind: 'signal', signal: 'CONT', target: run.target(top.pid) });
    run.tick(4);
    expect(writers(run.model).some((w) => w.pid === top.pid)).toBe(true);

    const parent = run.s.world.processes.find((p) => p.cgroup.endsWith('apache2@jail.service') && p.user === 'root')!;
    run.act({ kind: 'signal', signal: 'TERM', target: run.target(parent.pid) });
    run.tick(6);
    expectDiskFillAgrees(run, false);
    expect(run.model.services?.units.get('apache2@jail.service')?.activeState).toBe('inactive');
  });
});

describe('crash-loop: one world after every action', () => {
  const PHP = 'php8.2-fpm.service';

  it('L on the crashing unit shows its lines; stopping it stops its crashes and its lines', () => {
    const run = new Run('crash-loop');
    run.tick(20);
    const lines = filteredLines(run.model.log, { ...NO_FILTER, unit: PHP });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => /Main process exited/.test(l.message))).toBe(true);

    run.act({ kind: 'service', verb: 'stop', target: unitTarget(PHP) });
    run.tick(20);
    const after = run.newLines();
    expect(after.filter((l) => (l.fields?.UNIT === PHP || l.unit === PHP) && !/Deactivated/.test(l.message))).toEqual([]);
    expect(after.filter((l) => /segfault/.test(l.message))).toEqual([]);
    expect(run.s.world.processes.some((p) => p.cgroup.endsWith(PHP))).toBe(false);
  });

  it('blocking the attacking range brings the load down and the crashes stop', () => {
    const run = new Run('crash-loop');
    run.tick(20);
    const busy = run.model.processes.filter((p) => p.cgroup.endsWith(PHP)).reduce((n, p) => n + p.cpuPercent, 0);
    run.act({ kind: 'block', op: 'add', range: '203.0.113.0/24' });
    run.tick(20);
    const calm = run.model.processes.filter((p) => p.cgroup.endsWith(PHP)).reduce((n, p) => n + p.cpuPercent, 0);
    expect(calm).toBeLessThan(busy / 4);
    expect(run.newLines().filter((l) => /segfault|Main process exited/.test(l.message))).toEqual([]);
    expect(run.newLines().filter((l) => l.message.startsWith('203.0.113.'))).toEqual([]);
    // and the Network pane's range is gone: no socket from it in the table
    expect(run.model.net?.table?.ranges.some((r) => r.range === '203.0.113.0/24')).toBe(false);
  });
});

describe('memory-leak: one world across Memory, CPU, Log and services', () => {
  it('the leaker is the first grower with the CPU pane\'s RSS; its cgroup counts down to the kill; the kill is in Memory and Log alike; K and S act on it', async () => {
    const { selectMemoryView } = await import('../../src/model/memory-selectors.js');
    const { memoryLines } = await import('../../src/panes/memory-lines.js');
    const { rowTarget } = await import('../../src/panes/targets.js');
    const { paneRows } = await import('../../src/panes/pane-rows.js');
    const { initialView } = await import('../../src/view/view-state.js');
    const { selectOomKills } = await import('../../src/model/log-selectors.js');
    const run = new Run('memory-leak');
    run.tick(40);
    let v = selectMemoryView(run.model, null)!;
    const leaker = v.growers[0]!;
    expect(leaker).toMatchObject({ comm: 'python3', unit: 'reportd.service', leak: true });
    expect(leaker.growthPerS).toBeCloseTo(20e6, -5);
    expect(run.model.processes.find((p) => p.pid === leaker.pid)!.rssBytes).toBe(leaker.rssBytes);
    const cg = v.cgroups[0]!;
    expect(cg.path).toBe('/system.slice/reportd.service');
    expect(cg.usage).toBe(leaker.rssBytes);
    // the countdown is the room left at the leak's rate, and the pane is urgent
    expect(cg.secondsToLimit!).toBeCloseTo((cg.limit - cg.usage) / 20e6, 0);
    expect(v.urgent).not.toBeNull();
    const killAt = cg.secondsToLimit!;
    run.tick(Math.ceil(killAt) + 1);
    v = selectMemoryView(run.model, null)!;
    const kills = selectOomKills(run.model.log, run.model.lastSampleAt!);
    expect(kills.map((k) => k.pid)).toEqual([leaker.pid]);
    expect(v.oomKills.map((k) => [k.pid, k.victim, k.cgroup])).toEqual([[leaker.pid, 'python3', '/system.slice/reportd.service']]);
    expect(v.cgroups[0]!.events).toMatchObject({ oom: 1, oomKill: 1 });
    expect(run.model.processes.some((p) => p.pid === leaker.pid)).toBe(false);
    expect(memoryLines(run.model, 120).some((r) => r.text.includes(`killed ${leaker.pid} (python3) in /system.slice/reportd.service`))).toBe(true);
    // systemd starts it again and it leaks again; K on its Memory row kills that one
    run.tick(8);
    const again = selectMemoryView(run.model, null)!.growers[0]!;
    expect(again.pid).not.toBe(leaker.pid);
    const rows = paneRows(run.model, 'memory', initialView())!;
    const at = rowTarget(run.model, rows.find((r) => r.pid === again.pid))!;
    expect(at.process).toMatchObject({ pid: again.pid, startTicks: again.startTicks, unit: 'reportd.service' });
    expect(run.act({ kind: 'signal', target: at.process, signal: 'KILL' } as Intent)).toContain(`${again.pid}`);
    run.tick(1);
    expect(run.model.processes.some((p) => p.pid === again.pid)).toBe(false);
    // S stops the unit: nothing grows in its cgroup any more
    run.tick(6);
    expect(run.act({ kind: 'service', verb: 'stop', target: { unit: 'reportd.service', manager: 'systemd' } } as Intent)).toContain('stopped');
    run.tick(12);
    v = selectMemoryView(run.model, null)!;
    expect(v.growers.some((g) => g.unit === 'reportd.service')).toBe(false);
    expect(v.cgroups[0]!.usage).toBe(0);
  });
});
