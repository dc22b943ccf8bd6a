/** The process list: pid, user, state, CPU%, RSS and command (a tree when asked), with a selection. */
import { Box, Text } from 'ink';
import type { ProcessRow } from '../src/model/processes.js';
import type { CpuRow } from '../src/panes/cpu-rows.js';
import { INITIAL_LISTS, sortColumn, type ListOptions } from '../src/core/list-options.js';
import { sanitize } from '../src/text/sanitize.js';
import { programFirst } from '../src/text/program.js';
import { fit } from '../src/text/width.js';
import { formatBytes, formatPercent } from '../src/text/format.js';

/** Props of the process table. */
export interface ProcessTableProps {
  readonly rows: readonly CpuRow[];
  readonly width: number;
  /** Rows including the header line. */
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
  readonly options?: ListOptions;
}

/** First visible row so that `selected` is in view. */
export function scrollOffset(selected: number, visible: number): number {
  return visible <= 0 ? 0 : Math.max(0, selected - visible + 1);
}

/** Command text for a process: its command line program first (an interpreter's script or module), or [name] for kernel threads. */
export function commandText(row: ProcessRow): string {
  return sanitize(programFirst(row.cmdline) || `[${row.comm}]`);
}

function line({ row, depth }: CpuRow, commandWidth: number): string {
  const branch = depth > 0 ? `${'  '.repeat(depth - 1)}└ ` : '';
  return (
    fit(String(row.pid), 7, 'right') + ' ' +
    fit(sanitize(row.user), 8) + ' ' +
    fit(row.state, 2) + ' ' +
    fit(formatPercent(row.cpuPercent), 5, 'right') + ' ' +
    fit(formatBytes(row.rssBytes), 6, 'right') + ' ' +
    fit(branch + commandText(row), commandWidth)
  );
}

/** The header, the sort column marked (▼ largest first, ▲ smallest first). */
export function processHeader(width: number, options: ListOptions = INITIAL_LISTS.cpu): string {
  const col = sortColumn('cpu', options);
  const mark = (title: string) => (title === col.title ? `${title}${col.descending ? '▼' : '▲'}` : title);
  return fit(`${fit(mark('PID'), 7, 'right')} ${fit(mark('USER'), 8)} ${fit(mark('S'), 2)} ${fit(mark('CPU%'), 5, 'right')} ${fit(mark('RSS'), 6, 'right')} ${mark('COMMAND')}`, width);
}

/** Renders the table; the selected row is inverted when the pane has focus. */
export function ProcessTable({ rows, width, height, selected, focused, options = INITIAL_LISTS.cpu }: ProcessTableProps) {
  if (height < 1) return null;
  const commandWidth = Math.max(0, width - 34);
  const visible = height - 1;
  const first = scrollOffset(selected, visible);
  const shown = rows.slice(first, first + visible);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">{processHeader(width, options)}</Text>
      {shown.map((row, i) => (
        <Text key={`${row.row.pid}:${row.row.startTicks}`} inverse={focused && first + i === selected} wrap="truncate">
          {line(row, commandWidth)}
        </Text>
      ))}
    </Box>
  );
}
