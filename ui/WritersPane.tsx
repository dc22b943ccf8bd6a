/** The Writers pane: who is writing now, grouped by unit or cgroup, and to which file. */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import { writersHeader, type WriterRow } from '../src/panes/writer-lines.js';
import { INITIAL_LISTS, type ListOptions } from '../src/core/list-options.js';
import { sanitize } from '../src/text/sanitize.js';

export { writersListLength, writersPaneLines } from '../src/panes/writer-lines.js';

/** Props of the Writers pane's inner area. */
export interface WritersPaneProps {
  readonly model: ModelState;
  /** The pane's rows for this state (src/panes/pane-rows.ts: built once per state); each visible row's text is made here, at `width`. */
  readonly rows: readonly WriterRow[];
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
  /** Sort, filter and collapsed groups. */
  readonly options?: ListOptions;
}

/** Draws the pane within width x height cells. */
export function WritersPane({ model, rows: lines, width, height, selected, focused, options = INITIAL_LISTS.writers }: WritersPaneProps) {
  const visible = Math.max(0, height - 1);
  const first = Math.max(0, selected - visible + 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">{writersHeader(width, options)}</Text>
      {model.writers === null ? <Text dimColor>no I/O counters from this source</Text> : null}
      {model.writers !== null && lines.length === 0 ? <Text dimColor>{options.filter ? `no writer matches "${sanitize(options.filter, 40)}" (\\ then Esc clears)` : 'no process is writing'}</Text> : null}
      {lines.slice(first, first + visible).map((line, i) => (
        <Text key={i} wrap="truncate" bold={line.kind === 'group'} color={line.kind === 'group' ? 'cyan' : line.kind === 'deleted' ? 'yellow' : undefined} inverse={focused && first + i === selected}>
          {line.draw(width)}
        </Text>
      ))}
    </Box>
  );
}
