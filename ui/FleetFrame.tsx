/** What both fleet screens draw: a cyan box with its title, the lines over the table, the hosts (the selected one inverse), the key line. */
import { Box, Text } from 'ink';
import type { FleetLine } from '../src/panes/fleet-lines.js';
import type { StyledLine } from '../src/panes/styled.js';
import { fit } from '../src/text/width.js';
import { keyLine } from '../src/view/keymap-help.js';
import { StyledText } from './StyledLines.js';

/** Props of a fleet screen's frame. */
export interface FleetFrameProps {
  readonly title: string;
  /** The lines between the title and the hosts (a status, the header). */
  readonly heads: readonly StyledLine[];
  readonly lines: readonly FleetLine[];
  readonly selected: number;
  readonly width: number;
  readonly height: number;
}

const COLOR = { alert: 'red', warn: 'yellow', plain: undefined, dim: 'gray' } as const;

/** Draws the frame within width x height cells. */
export function FleetFrame({ title, heads, lines, selected, width, height }: FleetFrameProps) {
  const inner = Math.max(1, width - 4);
  const rows = Math.max(1, height - 3 - heads.length);
  const first = Math.max(0, Math.min(selected - rows + 1, lines.length - rows));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box width={width} height={height - 1} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
        <Text bold color="cyanBright" wrap="truncate">{fit(title, inner)}</Text>
        {heads.map((line, i) => <StyledText key={i} line={{ ...line, spans: line.spans.map((s) => ({ ...s, text: fit(s.text, inner) })) }} />)}
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
