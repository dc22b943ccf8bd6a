/** The Disks pane: every real filesystem, soonest full first, with rates and countdowns. */
import { Box, Text } from 'ink';
import { selectFilesystems } from '../src/model/disk-selectors.js';
import type { ModelState } from '../src/model/model.js';
import { disksPaneLines, hasIo, headerLine } from '../src/panes/disk-lines.js';

export { disksWantedRows } from '../src/panes/disk-lines.js';

/** Props of the Disks pane's inner area. */
export interface DisksPaneProps {
  readonly model: ModelState;
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
}

/** Draws the pane within width x height cells. */
export function DisksPane({ model, width, height, selected, focused }: DisksPaneProps) {
  const filesystems = selectFilesystems(model);
  const lines = disksPaneLines(filesystems, width);
  const visible = Math.max(0, height - 1);
  const selectedLine = Math.max(0, lines.findIndex((l) => l.main && l.index === selected));
  const first = Math.max(0, Math.min(selectedLine - visible + 1 + (lines[selectedLine + 1]?.main === false ? 1 : 0), lines.length - visible));
  const shown = lines.slice(Math.max(0, first), Math.max(0, first) + visible);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">{headerLine(width, hasIo(filesystems))}</Text>
      {shown.length === 0 ? <Text dimColor>waiting for the first statfs…</Text> : null}
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate" color={line.color} inverse={focused && line.main && line.index === selected}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
