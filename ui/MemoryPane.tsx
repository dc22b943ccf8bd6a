/** The Memory pane drawn with Ink: the lines of src/panes/list-pane-lines.ts. */
import type { ModelState } from '../src/model/model.js';
import type { MemoryRow } from '../src/panes/memory-lines.js';
import { memoryPaneLines } from '../src/panes/list-pane-lines.js';
import { StyledLines } from './StyledLines.js';

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

/** Draws the pane within width x height cells. */
export function MemoryPane({ model, rows, width, height, selected, focused }: MemoryPaneProps) {
  return <StyledLines lines={memoryPaneLines(model, rows, width, height, selected, focused)} width={width} height={height} />;
}
