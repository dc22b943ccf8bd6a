/** The Memory pane: draws the rows of src/panes/memory-lines.ts, the selected one inverse. */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import { memoryRows, type MemoryRow } from '../src/panes/memory-lines.js';

/** Props of the Memory pane's inner area. */
export interface MemoryPaneProps {
  readonly model: ModelState;
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
}

const COLORS: Readonly<Record<MemoryRow['tone'], string | undefined>> = { alert: 'red', warn: 'yellow', plain: undefined, dim: 'gray', title: 'cyan' };

/** Draws the pane within width x height cells. */
export function MemoryPane({ model, width, height, selected, focused }: MemoryPaneProps) {
  const rows = memoryRows(model, width);
  if (rows.length === 0) return <Text dimColor>{model.memoryTrack === null && model.sampleCount > 0 ? 'no memory detail from this source' : 'reading memory…'}</Text>;
  const first = Math.max(0, Math.min(selected - height + 1, rows.length - height));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.slice(first, first + height).map((row, i) => (
        <Text key={row.key} wrap="truncate" bold={row.tone === 'title'} color={COLORS[row.tone]} inverse={focused && !row.header && row.target !== null && first + i === selected}>
          {row.text}
        </Text>
      ))}
    </Box>
  );
}
