/** The fleet screen: one line per host, the most urgent first; the selected one is what Enter opens. */
import { Box, Text } from 'ink';
import { FLEET_HEADER, type FleetLine } from '../src/panes/fleet-lines.js';
import { fit } from '../src/text/width.js';
import { keyLine } from '../src/view/keymap-help.js';

/** Props of the table. */
export interface FleetTableProps {
  readonly lines: readonly FleetLine[];
  readonly selected: number;
  readonly width: number;
  readonly height: number;
}

const COLOR = { alert: 'red', warn: 'yellow', plain: undefined, dim: 'gray' } as const;

/** Draws the table and its key line (the keymap's `fleet` context). */
export function FleetTable({ lines, selected, width, height }: FleetTableProps) {
  const inner = Math.max(1, width - 4);
  const rows = Math.max(1, height - 4);
  const first = Math.max(0, Math.min(selected - rows + 1, lines.length - rows));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box width={width} height={height - 1} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
        <Text bold color="cyanBright" wrap="truncate">{fit(`Fleet · ${lines.length} hosts · Enter: the host's console (Esc there: back)`, inner)}</Text>
        <Text bold wrap="truncate">{fit(FLEET_HEADER, inner)}</Text>
        {lines.slice(first, first + rows).map((l, i) => (
          <Text key={l.key} wrap="truncate" inverse={first + i === selected} color={COLOR[l.tone]}>
            {fit(l.text, inner)}
          </Text>
        ))}
      </Box>
      <Text wrap="truncate" dimColor>{fit(` ${keyLine('fleet')}`, width)}</Text>
    </Box>
  );
}
