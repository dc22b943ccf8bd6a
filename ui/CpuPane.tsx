/** The CPU pane: total and per-core graphs, load, PSI, memory and top processes. */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import { selectCpu, selectMemory, type CpuView, type MemoryView } from '../src/model/selectors.js';
import { cpuRows } from '../src/panes/cpu-rows.js';
import { INITIAL_LISTS, type ListOptions } from '../src/core/list-options.js';
import type { Pressure } from '../src/stream/messages.js';
import { CoreGraphs, TotalGraph } from './CpuGraphs.js';
import { cpuPaneLayout } from '../src/panes/cpu-layout.js';
import { formatBytes, formatFraction } from '../src/text/format.js';
import { ProcessTable } from './ProcessTable.js';

/** Props of the CPU pane's inner area. */
export interface CpuPaneProps {
  readonly model: ModelState;
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
  /** Sort, filter and tree of the process table. */
  readonly options?: ListOptions;
}

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

/** Lays out and draws the CPU pane within width x height cells. */
export function CpuPane({ model, width, height, selected, focused, options = INITIAL_LISTS.cpu }: CpuPaneProps) {
  const cpu = selectCpu(model);
  const cores = cpu.cores.length;
  const layout = cpuPaneLayout(width, height, cores, cpu.pressure !== null);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">{summary(cpu, cores)}</Text>
      {layout.psiLine && cpu.pressure ? <Text wrap="truncate">{psiText(cpu.pressure)}</Text> : null}
      {layout.memoryLine ? <Text wrap="truncate">{memoryText(selectMemory(model))}</Text> : null}
      {layout.totalRows > 0 ? <TotalGraph cpu={cpu} width={width} rows={layout.totalRows} scale={layout.scaleLine} /> : null}
      <CoreGraphs cpu={cpu} width={width} mode={layout.cores} />
      <ProcessTable rows={cpuRows(model, options)} width={width} height={layout.tableRows} selected={selected} focused={focused} options={options} />
    </Box>
  );
}
