/** The Network pane drawn with Ink: the lines of src/panes/list-pane-lines.ts. */
import type { ModelState } from '../src/model/model.js';
import type { SshClient } from '../src/stream/messages.js';
import { networkLines } from '../src/panes/list-pane-lines.js';
import { StyledLines } from './StyledLines.js';

/** Props of the Network pane's inner area. */
export interface NetworkPaneProps {
  readonly model: ModelState;
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
  /** The SSH sessions' clients: their ranges are marked. */
  readonly clients?: readonly SshClient[];
}

/** Draws the pane within width x height cells. */
export function NetworkPane({ model, width, height, selected, focused, clients = [] }: NetworkPaneProps) {
  return <StyledLines lines={networkLines(model, width, height, selected, focused, clients)} width={width} height={height} />;
}
