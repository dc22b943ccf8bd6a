/** The Disks pane drawn with Ink: the lines of src/panes/list-pane-lines.ts. */
import type { ModelState } from '../src/model/model.js';
import { disksLines } from '../src/panes/list-pane-lines.js';
import { StyledLines } from './StyledLines.js';

export { disksWantedRows } from '../src/panes/disk-lines.js';

/** Props of the Disks pane's inner area. */
export interface DisksPaneProps {
  readonly model: ModelState;
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
}

/** Draws the pane within width x height cells. */
export function DisksPane({ model, width, height, selected, focused }: DisksPaneProps) {
  return <StyledLines lines={disksLines(model, width, height, selected, focused)} width={width} height={height} />;
}
