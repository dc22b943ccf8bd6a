/** The process list drawn with Ink: the lines of src/panes/process-lines.ts. */
import type { CpuRow } from '../src/panes/cpu-rows.js';
import { INITIAL_LISTS, type ListOptions } from '../src/core/list-options.js';
import { processLines } from '../src/panes/process-lines.js';
import { StyledLines } from './StyledLines.js';

export { commandText, processHeader, scrollOffset } from '../src/panes/process-lines.js';

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

/** Renders the table; the selected row is inverted when the pane has focus. */
export function ProcessTable({ rows, width, height, selected, focused, options = INITIAL_LISTS.cpu }: ProcessTableProps) {
  if (height < 1) return null;
  return <StyledLines lines={processLines(rows, width, height, selected, focused, options)} width={width} height={height} />;
}
