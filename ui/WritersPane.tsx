/** The Writers pane: who is writing now, grouped by unit or cgroup, and to which file. */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import { selectDeletedFiles } from '../src/model/deleted-selectors.js';
import { selectWriterGroups } from '../src/model/writer-selectors.js';
import { writerLines, writersHeader, type WriterLine } from './writer-lines.js';

/** Props of the Writers pane's inner area. */
export interface WritersPaneProps {
  readonly model: ModelState;
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
  /** The filesystem selected in the Disks pane: its writers rank first. */
  readonly device: string | null;
}

/** The pane's lines for `model` at `width`, writers to `device` (selected in Disks) first. */
export function writersPaneLines(model: ModelState, width = 80, device: string | null = null): WriterLine[] {
  return writerLines(selectWriterGroups(model, device), selectDeletedFiles(model), width);
}

/** Number of lines (a header per group, a line per writer, then the deleted files), without building them. */
export function writersListLength(model: ModelState): number {
  const groups = selectWriterGroups(model);
  const deleted = selectDeletedFiles(model).length;
  return groups.reduce((n, g) => n + 1 + g.writers.length, 0) + (deleted > 0 ? 1 + deleted : 0);
}

/** Draws the pane within width x height cells. */
export function WritersPane({ model, width, height, selected, focused, device }: WritersPaneProps) {
  const lines = writersPaneLines(model, width, device);
  const visible = Math.max(0, height - 1);
  const first = Math.max(0, selected - visible + 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">{writersHeader(width)}</Text>
      {model.writers === null ? <Text dimColor>no I/O counters from this source</Text> : null}
      {model.writers !== null && lines.length === 0 ? <Text dimColor>no process is writing</Text> : null}
      {lines.slice(first, first + visible).map((line, i) => (
        <Text key={i} wrap="truncate" bold={line.kind === 'group'} color={line.kind === 'group' ? 'cyan' : line.kind === 'deleted' ? 'yellow' : undefined} inverse={focused && first + i === selected}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
