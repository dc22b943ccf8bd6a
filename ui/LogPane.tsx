/** The Log pane drawn with Ink: the lines of src/panes/log-pane-lines.ts. */
import type { ModelState } from '../src/model/model.js';
import type { LogView } from '../src/core/types.js';
import { logPaneLines } from '../src/panes/log-pane-lines.js';
import { StyledLines } from './StyledLines.js';

export { logTailRows } from '../src/panes/log-lines.js';
export { logTitleNote } from '../src/panes/log-pane-lines.js';

/** Props of the Log pane's inner area. */
export interface LogPaneProps {
  readonly model: ModelState;
  readonly log: LogView;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
  /** Zoomed: each entry wraps to show the whole line (up to WRAP_ROWS rows). */
  readonly wrap?: boolean;
}

/** Draws the pane within width x height cells; zoomed (`wrap`), whole lines wrapped. */
export function LogPane({ model, log, width, height, focused, wrap = false }: LogPaneProps) {
  return <StyledLines lines={logPaneLines(model, log, width, height, focused, wrap)} width={width} height={height} />;
}
