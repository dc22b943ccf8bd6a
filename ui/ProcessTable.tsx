/** The top-CPU process list: pid, user, CPU%, RSS and command, with a selection. */
import { Box, Text } from 'ink';
import type { ProcessRow } from '../src/model/processes.js';
import { sanitize } from '../src/text/sanitize.js';
import { fit } from '../src/text/width.js';
import { formatBytes, formatPercent } from '../src/text/format.js';

/** Props of the process table. */
export interface ProcessTableProps {
  readonly rows: readonly ProcessRow[];
  readonly width: number;
  /** Rows including the header line. */
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
}

/** First visible row so that `selected` is in view. */
export function scrollOffset(selected: number, visible: number): number {
  return visible <= 0 ? 0 : Math.max(0, selected - visible + 1);
}

/** Command text for a process: its command line, or [name] for kernel threads. */
export function commandText(row: ProcessRow): string {
  return sanitize(row.cmdline || `[${row.comm}]`);
}

function line(row: ProcessRow, commandWidth: number): string {
  return (
    fit(String(row.pid), 7, 'right') + ' ' +
    fit(sanitize(row.user), 8) + ' ' +
    fit(formatPercent(row.cpuPercent), 5, 'right') + ' ' +
    fit(formatBytes(row.rssBytes), 6, 'right') + ' ' +
    fit(commandText(row), commandWidth)
  );
}

/** Renders the table; the selected row is inverted when the pane has focus. */
export function ProcessTable({ rows, width, height, selected, focused }: ProcessTableProps) {
  if (height < 1) return null;
  const commandWidth = Math.max(0, width - 31);
  const visible = height - 1;
  const first = scrollOffset(selected, visible);
  const shown = rows.slice(first, first + visible);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">{fit('    PID USER      CPU%    RSS COMMAND', width)}</Text>
      {shown.map((row, i) => (
        <Text key={`${row.pid}:${row.startTicks}`} inverse={focused && first + i === selected} wrap="truncate">
          {line(row, commandWidth)}
        </Text>
      ))}
    </Box>
  );
}
