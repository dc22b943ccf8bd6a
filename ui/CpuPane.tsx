/** The CPU pane drawn with Ink: the lines of src/panes/cpu-lines.ts. */
import type { ModelState } from '../src/model/model.js';
import { INITIAL_LISTS, type ListOptions } from '../src/core/list-options.js';
import { cpuPaneLines } from '../src/panes/cpu-lines.js';
import { StyledLines } from './StyledLines.js';

/** Props of the CPU pane's inner area. */
export interface CpuPaneProps {
  readonly model: ModelState;
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
  /** Sort, filter and tree of the process table. */
  readonly options?: ListOptions;
}

/** Lays out and draws the CPU pane within width x height cells. */
export function CpuPane({ model, width, height, selected, focused, options = INITIAL_LISTS.cpu }: CpuPaneProps) {
  return <StyledLines lines={cpuPaneLines(model, width, height, selected, focused, options)} width={width} height={height} />;
}
