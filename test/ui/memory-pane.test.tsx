/** The Memory pane drawn from hostile counters (escapes in cgroup, unit and process names), and the layout's urgency. */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { initialModel, reduce, type ModelState } from '../../src/model/model.js';
import { arrangePanes, computeLayout } from '../../src/panes/layout.js';
import { memoryLines, memoryPaneRows } from '../../src/panes/memory-lines.js';
import { paneWants } from '../../src/panes/pane-wants.js';
import { ALL_PANES as PRESENT_PANES } from '../../src/core/types.js';
import type { Message, Sample } from '../../src/stream/messages.js';
import { MemoryPane } from '../support/panes.js';

const EVIL = 'x\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u202eevil\nname';
const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);
const CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f\x80-\x9f]|\x1b(?!\[[0-9;]*m)/;

function model(seconds: number, leak: number): ModelState {
  let m = reduce(initialModel(), { kind: 'header', format: 'sitrep-stream', version: 1, host: 'h', kernel: 'k', os: null, cores: 2, clockTicks: 100, pageSize: 4096, intervalMs: 1000, startedAt: T0, bootTime: T0 - 1e6 } as Message);
  for (let s = 0; s <= seconds; s++) {
    const rss = 100e6 + leak * s;
    const sample: Sample = {
      kind: 'sample', t: T0 + s * 1000, cpuTotal: { user: s, nice: 0, system: 0, idle: 100 * s, iowait: 0, irq: 0, softirq: 0, steal: 0 }, cpuCores: [], load: [0, 0, 0], pressure: null,
      memory: { total: 8e9, available: 6e9, free: 5e9, buffers: 0, cached: 1e9, swapTotal: 0, swapFree: 0 },
      processes: [{ pid: 42, ppid: 1, startTicks: 9, comm: EVIL, cmdline: EVIL, user: 'root', state: 'S', cpuTicks: 0, rssBytes: rss, threads: 1, kernelThread: false, cgroup: `/system.slice/${EVIL}.service` }],
      memoryDetail: {
        dirty: 0, writeback: 0, reclaimable: 0, shmem: 0, pswpin: 0, pswpout: 0, pgmajfault: 0, psi: null,
        cgroups: [{ path: `/${EVIL}`, version: 2, usage: rss, limit: 1e9, events: { high: 0, max: 0, oom: 0, oomKill: 0 } }, { path: `/${EVIL}`, version: 2, usage: rss, limit: 1e9, events: null }],
        processes: [{ pid: 42, startTicks: 9, anon: rss, file: 0, shmem: 0, swap: 0 }],
      },
    };
    m = reduce(m, sample);
  }
  return m;
}

describe('Memory pane', () => {
  it('hostile names reach the screen sanitized; the grower row carries its target; keys are unique', () => {
    const m = model(15, 20e6);
    const rows = memoryLines(m, 100);
    expect(rows.every((r) => !CONTROL.test(r.text))).toBe(true);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.find((r) => !r.header)).toMatchObject({ pid: 42, startTicks: 9 });
    expect(rows.some((r) => /limit in \d+s/.test(r.text))).toBe(true);
    const { lastFrame, unmount } = render(<MemoryPane model={m} rows={memoryPaneRows(m)} width={100} height={20} selected={0} focused />);
    expect(CONTROL.test(lastFrame() ?? '')).toBe(false);
    unmount();
  });

  it('urgent, it is on top of the first screen; quiet, it is not there until focused (then on top too)', () => {
    const urgent = model(15, 20e6);
    const quiet = model(15, 0);
    const drawn = (m: ModelState, focus: 'disks' | 'memory') => {
      const l = computeLayout(120, 40, PRESENT_PANES, focus, paneWants(m));
      return l.kind === 'full' ? l.panes.map(([id]) => id) : [];
    };
    expect(drawn(urgent, 'disks')[0]).toBe('memory');
    expect(drawn(urgent, 'disks')).not.toContain('network');
    expect(drawn(quiet, 'disks')).not.toContain('memory');
    expect(drawn(quiet, 'memory')).toEqual(['memory', 'disks', 'writers', 'log', 'cpu']);
    expect(arrangePanes(PRESENT_PANES, 'network', ['memory'])).toEqual(['memory', 'disks', 'log', 'cpu', 'network']);
  });
});

describe('Memory placement', () => {
  it('a recent kill alone puts Memory in the Network pane\'s place, not on top; Network focused keeps its place', () => {
    expect(arrangePanes(PRESENT_PANES, 'disks', [], ['memory'])).toEqual(['disks', 'writers', 'log', 'cpu', 'memory']);
    expect(arrangePanes(PRESENT_PANES, 'network', [], ['memory'])).toEqual(['disks', 'writers', 'log', 'cpu', 'network']);
  });
});
