/** The Writers pane drawn with Ink: the lines of src/panes/list-pane-lines.ts. */
import type { ModelState } from '../src/model/model.js';
import type { WriterRow } from '../src/panes/writer-lines.js';
import { INITIAL_LISTS, type ListOptions } from '../src/core/list-options.js';
import { writersLines } from '../src/panes/list-pane-lines.js';
import { StyledLines } from './StyledLines.js';

export { writersListLength, writersPaneLines } from '../src/panes/writer-lines.js';

/** Props of the Writers pane's inner area. */
export interface WritersPaneProps {
  readonly model: ModelState;
  /** The pane's rows for this state (src/panes/pane-rows.ts: built once per state); each visible row's text is made at `width`. */
  readonly rows: readonly WriterRow[];
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
  /** Sort, filter and collapsed groups. */
  readonly options?: ListOptions;
}

/** Draws the pane within width x height cells. */
export function WritersPane({ model, rows, width, height, selected, focused, options = INITIAL_LISTS.writers }: WritersPaneProps) {
  return <StyledLines lines={writersLines(model, rows, width, height, selected, focused, options)} width={width} height={height} />;
}
