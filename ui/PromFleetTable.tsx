/** The fleet screen fed by Prometheus: a status line (where from, unreachable), the table, the key line. */
import { Box, Text } from 'ink';
import { PROM_FLEET_HEADER } from '../src/panes/prom-fleet-lines.js';
import type { FleetLine } from '../src/panes/fleet-lines.js';
import { fit } from '../src/text/width.js';

/** Props of the table. */
export interface PromFleetTableProps {
  readonly lines: readonly FleetLine[];
  readonly selected: number;
  /** "Prometheus URL · N hosts · refreshed 2s ago", or "Prometheus unreachable: …". */
  readonly status: string;
  readonly alert: boolean;
  readonly width: number;
  readonly height: number;
}

const COLOR = { alert: 'red', warn: 'yellow', plain: undefined, dim: 'gray' } as const;

/** Draws the table. */
export function PromFleetTable({ lines, selected, status, alert, width, height }: PromFleetTableProps) {
  const inner = Math.max(1, width - 4);
  const rows = Math.max(1, height - 5);
  const first = Math.max(0, Math.min(selected - rows + 1, lines.length - rows));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box width={width} height={height - 1} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
        <Text bold color="cyanBright" wrap="truncate">{fit(`Fleet · ${lines.length} hosts · Enter: sitrep ssh · q quit`, inner)}</Text>
        <Text wrap="truncate" color={alert ? 'red' : undefined} bold={alert}>{fit(status, inner)}</Text>
        <Text bold wrap="truncate">{fit(PROM_FLEET_HEADER, inner)}</Text>
        {lines.slice(first, first + rows).map((l, i) => (
          <Text key={l.key} wrap="truncate" inverse={first + i === selected} color={COLOR[l.tone]}>
            {fit(l.text, inner)}
          </Text>
        ))}
      </Box>
      <Text wrap="truncate" dimColor>{fit(' ↑/↓ select · Enter the host\'s console over SSH (Esc there: back) · q quit', width)}</Text>
    </Box>
  );
}
