/** The Memory pane: draws the rows `paneRows` built for this state (src/panes/memory-lines.ts) at its width, the selected grower inverse. */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import type { MemoryRow } from '../src/panes/memory-lines.js';

/** Props of the Memory pane's inner area. */
export interface MemoryPaneProps {
  readonly model: ModelState;
  /** The pane's rows for this state (from `paneRows(model, 'memory', view)`). */
  readonly rows: readonly MemoryRow[];
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
}

const COLORS: Readonly<Record<MemoryRow['tone'], string | undefined>> = { alert: 'red', warn: 'yellow', plain: undefined, dim: 'gray', title: 'cyan' };

/** Draws the pane within width x height cells. */
export function MemoryPane({ model, rows, width, height, selected, focused }: MemoryPaneProps) {
  if (rows.length === 0) return <Text dimColor>{model.memoryTrack === null && model.sampleCount > 0 ? 'no memory detail from this source' : 'reading memory…'}</Text>;
  const first = Math.max(0, Math.min(selected - height + 1, rows.length - height));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.slice(first, first + height).map((row, i) => (
        <Text key={row.key} wrap="truncate" bold={row.tone === 'title'} color={COLORS[row.tone]} inverse={focused && !row.header && first + i === selected}>
          {row.draw(width)}
        </Text>
      ))}
    </Box>
  );
}
