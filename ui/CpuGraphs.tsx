/** The total CPU graph with its axis and time scale, and the per-core graphs. */
import { Box, Text } from 'ink';
import type { CpuView } from '../src/model/selectors.js';
import { fit } from '../src/text/width.js';
import { brailleGraph, timeScale } from './braille.js';
import { CORE_LABEL_WIDTH, type CoreMode } from '../src/panes/cpu-layout.js';
import { formatFraction } from '../src/text/format.js';

const AXIS = 5;
const HEAT = ' ▁▂▃▄▅▆▇█';

/** Props of the total graph. */
export interface TotalGraphProps {
  readonly cpu: CpuView;
  readonly width: number;
  readonly rows: number;
  readonly scale: boolean;
}

/** Total utilisation as a braille graph, with 100%/0% labels and a time axis. */
export function TotalGraph({ cpu, width, rows, scale }: TotalGraphProps) {
  const graphWidth = Math.max(1, width - AXIS);
  const lines = brailleGraph(cpu.total, graphWidth, rows);
  const label = (i: number): string => (i === 0 ? '100%' : i === rows - 1 ? '  0%' : '');
  return (
    <Box flexDirection="column">
      {lines.map((graphLine, i) => (
        <Text key={i} wrap="truncate">
          <Text dimColor>{fit(label(i), AXIS)}</Text>
          <Text color={graphLine.color}>{graphLine.text}</Text>
        </Text>
      ))}
      {scale ? <Text dimColor wrap="truncate">{' '.repeat(AXIS) + timeScale(graphWidth, cpu.intervalMs / 1000)}</Text> : null}
    </Box>
  );
}

/** Props of the per-core area. */
export interface CoreGraphsProps {
  readonly cpu: CpuView;
  readonly width: number;
  readonly mode: CoreMode;
}

function coreLabel(index: number, now: number | null): string {
  return fit(`cpu${index}`, 6) + fit(formatFraction(now), 4, 'right') + ' ';
}

/** One small graph per core in columns; or one block per core when there are many. */
export function CoreGraphs({ cpu, width, mode }: CoreGraphsProps) {
  if (mode.kind === 'none') return null;
  if (mode.kind === 'heat') {
    const blocks = cpu.coresNow.map((v) => HEAT[Math.round((v ?? 0) * (HEAT.length - 1))]).join('');
    const per = Math.max(1, width - 6);
    const lines = Array.from({ length: mode.lines }, (_, i) => blocks.slice(i * per, (i + 1) * per));
    return (
      <Box flexDirection="column">
        {lines.map((l, i) => (
          <Text key={i} wrap="truncate"><Text dimColor>{i === 0 ? 'cores ' : '      '}</Text><Text color="green">{l}</Text></Text>
        ))}
      </Box>
    );
  }
  const perColumn = Math.ceil(cpu.cores.length / mode.columns);
  const columnWidth = Math.floor(width / mode.columns);
  const graphWidth = Math.max(1, columnWidth - CORE_LABEL_WIDTH - 1);
  const columns = Array.from({ length: mode.columns }, (_, c) =>
    cpu.cores.slice(c * perColumn, (c + 1) * perColumn).map((_, k) => c * perColumn + k),
  );
  return (
    <Box flexDirection="row">
      {columns.map((indexes, c) => (
        <Box key={c} flexDirection="column" width={columnWidth}>
          {indexes.flatMap((core) =>
            brailleGraph(cpu.cores[core]!, graphWidth, mode.rowsEach).map((graphLine, row) => (
              <Text key={`${core}.${row}`} wrap="truncate">
                {row === 0 ? coreLabel(core, cpu.coresNow[core] ?? null) : ' '.repeat(CORE_LABEL_WIDTH)}
                <Text color={graphLine.color}>{graphLine.text}</Text>
              </Text>
            )),
          )}
        </Box>
      ))}
    </Box>
  );
}
