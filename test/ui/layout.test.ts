import { describe, expect, it } from 'vitest';
import { cpuPaneLayout } from '../../src/panes/cpu-layout.js';
import { computeLayout } from '../../src/panes/layout.js';
import { brailleGraph, timeScale } from '../../src/panes/braille.js';

describe('computeLayout', () => {
  it('shows all panes at 80x24 and above, tiling the body without overlap', () => {
    const l = computeLayout(80, 24, ['disks', 'writers', 'log', 'cpu'], 'cpu');
    expect(l.kind).toBe('full');
    if (l.kind !== 'full') return;
    const area = l.panes.reduce((a, [, r]) => a + r.width * r.height, 0);
    expect(area).toBe(80 * 23);
  });

  it('goes compact between 40x10 and 80x24, and too-small below', () => {
    expect(computeLayout(79, 24, ['cpu'], 'cpu').kind).toBe('compact');
    expect(computeLayout(40, 10, ['cpu'], 'cpu').kind).toBe('compact');
    expect(computeLayout(39, 10, ['cpu'], 'cpu').kind).toBe('too-small');
    expect(computeLayout(60, 9, ['cpu'], 'cpu').kind).toBe('too-small');
  });
});

describe('cpuPaneLayout', () => {
  it('never hands out more rows than the pane has', () => {
    for (const [w, h, cores] of [[118, 38, 2], [78, 10, 8], [38, 6, 2], [200, 50, 128], [58, 11, 1]] as const) {
      const l = cpuPaneLayout(w, h, cores, true);
      const used = 1 + (l.psiLine ? 1 : 0) + (l.memoryLine ? 1 : 0) + l.totalRows + (l.scaleLine ? 1 : 0) + l.coreRows + l.tableRows;
      expect(used, `${w}x${h}`).toBeLessThanOrEqual(h);
    }
  });

  it('uses graphs for few cores and a heat line for many', () => {
    expect(cpuPaneLayout(118, 38, 2, true).cores.kind).toBe('graphs');
    expect(cpuPaneLayout(78, 20, 64, true).cores.kind).toBe('heat');
  });
});

describe('braille graph', () => {
  it('draws width x rows cells, filled to the value, newest at the right', () => {
    const graph = brailleGraph([0, 0, 1, 1], 4, 2);
    const rows = graph.map((r) => r.text);
    expect(graph.map((r) => r.color)).toEqual(['yellow', 'green']);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    expect(rows[0]![3]).toBe('⣿');
    expect(rows[1]![3]).toBe('⣿');
    expect(rows[0]![2]).toBe(' ');
    expect(rows[1]![0]).toBe(' ');
  });

  it('labels the time axis, ending at now', () => {
    const scale = timeScale(60, 1);
    expect(scale).toHaveLength(60);
    expect(scale.endsWith('now')).toBe(true);
    expect(scale.startsWith('-2m')).toBe(true);
  });
});
