/** A bordered pane with a title in its top edge; focus shows in the border colour. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { displayWidth, truncate } from '../src/text/width.js';

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
  const label = truncate(` ${title}${note ? ` · ${note}` : ''} `, Math.max(0, width - 4));
  const fill = '─'.repeat(Math.max(0, width - 3 - displayWidth(label)));
  return (
    <Box width={width} height={height} flexDirection="column">
      <Text wrap="truncate">
        <Text color={color}>╭─</Text>
        <Text bold={focused} color={focused ? 'cyanBright' : undefined}>{label}</Text>
        <Text color={color}>{fill}╮</Text>
      </Text>
      <Box width={width} height={height - 1} borderStyle="round" borderTop={false} borderColor={color} flexDirection="column">
        {children}
      </Box>
    </Box>
  );
}
