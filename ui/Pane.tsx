/** A bordered pane with a title in its top edge; focus shows in the border colour. */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { paneTopLine } from '../src/panes/frame-lines.js';
import { StyledText } from './StyledLines.js';

/** Props of a pane frame. */
export interface PaneProps {
  readonly title: string;
  /** Extra text after the title, such as a marker. */
  readonly note?: string;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
  readonly children?: ReactNode;
}

/** Draws a rounded border of exactly width x height with the title in it. */
export function Pane({ title, note, width, height, focused, children }: PaneProps) {
  const color = focused ? 'cyan' : 'gray';
  return (
    <Box width={width} height={height} flexDirection="column">
      <StyledText line={paneTopLine(title, note, width, focused)} />
      <Box width={width} height={height - 1} borderStyle="round" borderTop={false} borderColor={color} flexDirection="column">
        {children}
      </Box>
    </Box>
  );
}
