/** The process list's lines: pid, user, state, CPU%, RSS and command (a tree when asked), the selection inverse. */
import type { ProcessRow } from '../model/processes.js';
import type { CpuRow } from './cpu-rows.js';
import { INITIAL_LISTS, sortColumn, type ListOptions } from '../core/list-options.js';
import { sanitize } from '../text/sanitize.js';
import { programFirst } from '../text/program.js';
import { fit } from '../text/width.js';
import { formatBytes, formatPercent } from '../text/format.js';
import { plainLine, type StyledLine } from './styled.js';

/** First visible row so that `selected` is in view. */
export function scrollOffset(selected: number, visible: number): number {
  return visible <= 0 ? 0 : Math.max(0, selected - visible + 1);
}

/** Command text for a process: its command line program first (an interpreter's script or module), or [name] for kernel threads. */
export function commandText(row: ProcessRow): string {
  const command = sanitize(programFirst(row.cmdline) || `[${row.comm}]`);
  return row.container ? `[${sanitize(row.container, 40)}] ${command}` : command;
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

/** The table in `height` lines (header included); the selected row inverse when the pane has focus. */
export function processLines(rows: readonly CpuRow[], width: number, height: number, selected: number, focused: boolean, options: ListOptions = INITIAL_LISTS.cpu): StyledLine[] {
  if (height < 1) return [];
  const commandWidth = Math.max(0, width - 34);
  const visible = height - 1;
  const first = scrollOffset(selected, visible);
  const out = [plainLine(processHeader(width, options), { bold: true })];
  const end = Math.min(rows.length, first + visible);
  for (let i = first; i < end; i++) out.push(plainLine(line(rows[i]!, commandWidth), focused && i === selected ? { inverse: true } : undefined));
  return out;
}
