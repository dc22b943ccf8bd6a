/** The CPU pane's lines: total and per-core graphs, load, PSI, memory and the top processes. */
import type { ModelState } from '../model/model.js';
import { selectCpu, selectMemory, type CpuView, type MemoryView } from '../model/selectors.js';
import { cpuRows } from './cpu-rows.js';
import { INITIAL_LISTS, type ListOptions } from '../core/list-options.js';
import type { Pressure } from '../stream/messages.js';
import { CORE_LABEL_WIDTH, cpuPaneLayout, type CoreMode } from './cpu-layout.js';
import { formatBytes, formatFraction } from '../text/format.js';
import { fit } from '../text/width.js';
import { brailleGraph, timeScale } from './braille.js';
import { processLines } from './process-lines.js';
import { besideLines, plainLine, spansLine, type StyledLine } from './styled.js';

const AXIS = 5;
const HEAT = ' ▁▂▃▄▅▆▇█';

function summary(cpu: CpuView, cores: number): string {
  const load = cpu.load ? cpu.load.map((l) => l.toFixed(2)).join(' ') : '-';
  return `total ${formatFraction(cpu.totalNow)}  load ${load}  iowait ${formatFraction(cpu.iowaitNow)}  ${cores} cores`;
}

function psiText(p: Pressure): string {
  const one = (name: string, l: Pressure['cpu']): string =>
    l ? `${name} ${l.someAvg10.toFixed(1)}/${l.fullAvg10 === null ? '-' : l.fullAvg10.toFixed(1)}` : '';
  return ['PSI some/full avg10', one('cpu', p.cpu), one('io', p.io), one('mem', p.memory)].filter(Boolean).join('  ');
}

function memoryText(m: MemoryView | null): string {
  if (!m) return 'Mem -';
  const swap = m.swapTotal > 0 ? `${formatBytes(m.swapUsed)}/${formatBytes(m.swapTotal)}` : 'none';
  return `Mem ${formatBytes(m.used)}/${formatBytes(m.total)} used  ${formatBytes(m.available)} avail  ${formatBytes(m.cached)} cache  Swap ${swap}`;
}

/** Total utilisation as a braille graph, with 100%/0% labels and a time axis. */
export function totalGraphLines(cpu: CpuView, width: number, rows: number, scale: boolean): StyledLine[] {
  const graphWidth = Math.max(1, width - AXIS);
  const label = (i: number): string => (i === 0 ? '100%' : i === rows - 1 ? '  0%' : '');
  const out = brailleGraph(cpu.total, graphWidth, rows).map((g, i) => spansLine([{ text: fit(label(i), AXIS), look: { dim: true } }, { text: g.text, look: { color: g.color } }]));
  if (scale) out.push(plainLine(' '.repeat(AXIS) + timeScale(graphWidth, cpu.intervalMs / 1000), { dim: true }));
  return out;
}

function coreLabel(index: number, now: number | null): string {
  return fit(`cpu${index}`, 6) + fit(formatFraction(now), 4, 'right') + ' ';
}

/** One small graph per core in columns; or one block per core when there are many. */
export function coreGraphLines(cpu: CpuView, width: number, mode: CoreMode): StyledLine[] {
  if (mode.kind === 'none') return [];
  if (mode.kind === 'heat') {
    const blocks = cpu.coresNow.map((v) => HEAT[Math.round((v ?? 0) * (HEAT.length - 1))]).join('');
    const per = Math.max(1, width - 6);
    return Array.from({ length: mode.lines }, (_, i) =>
      spansLine([{ text: i === 0 ? 'cores ' : '      ', look: { dim: true } }, { text: blocks.slice(i * per, (i + 1) * per), look: { color: 'green' } }]));
  }
  const perColumn = Math.ceil(cpu.cores.length / mode.columns);
  const columnWidth = Math.floor(width / mode.columns);
  const graphWidth = Math.max(1, columnWidth - CORE_LABEL_WIDTH - 1);
  const columns = Array.from({ length: mode.columns }, (_, c) => {
    const indexes = cpu.cores.slice(c * perColumn, (c + 1) * perColumn).map((_, k) => c * perColumn + k);
    const lines = indexes.flatMap((core) => brailleGraph(cpu.cores[core]!, graphWidth, mode.rowsEach).map((g, row) =>
      spansLine([{ text: row === 0 ? coreLabel(core, cpu.coresNow[core] ?? null) : ' '.repeat(CORE_LABEL_WIDTH) }, { text: g.text, look: { color: g.color } }])));
    return { lines, width: columnWidth };
  });
  return besideLines(columns);
}

/** The pane's lines within width x height cells. */
export function cpuPaneLines(model: ModelState, width: number, height: number, selected: number, focused: boolean, options: ListOptions = INITIAL_LISTS.cpu): StyledLine[] {
  const cpu = selectCpu(model);
  const cores = cpu.cores.length;
  const layout = cpuPaneLayout(width, height, cores, cpu.pressure !== null);
  return [
    plainLine(summary(cpu, cores)),
    ...(layout.psiLine && cpu.pressure ? [plainLine(psiText(cpu.pressure))] : []),
    ...(layout.memoryLine ? [plainLine(memoryText(selectMemory(model)))] : []),
    ...(layout.totalRows > 0 ? totalGraphLines(cpu, width, layout.totalRows, layout.scaleLine) : []),
    ...coreGraphLines(cpu, width, layout.cores),
    ...processLines(cpuRows(model, options), width, layout.tableRows, selected, focused, options),
  ];
}
