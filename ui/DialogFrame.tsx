/** The frame every confirmation is drawn in: a double red border, the question, its facts as aligned rows, then what the dialog adds (signals, members, the answer). */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { sanitize } from '../src/text/sanitize.js';

/** Props of the frame. */
export interface DialogFrameProps {
  readonly title: string;
  /** Facts as label and value, the labels padded to one column (values are sanitized here). */
  readonly facts: ReadonlyArray<readonly [string, string]>;
  readonly width: number;
  readonly height: number;
  readonly children?: ReactNode;
}

/** The question, the facts and the dialog's own rows. */
export function DialogFrame({ title, facts, width, height, children }: DialogFrameProps) {
  const label = Math.max(0, ...facts.map(([l]) => l.length)) + 2;
  return (
    <Box width={width} height={height} borderStyle="double" borderColor="red" flexDirection="column" paddingX={1}>
      <Text bold color="redBright" wrap="truncate">{title}</Text>
      {facts.map(([l, v], i) => (
        <Text key={i} wrap="truncate">{`${l.padEnd(label)}${sanitize(v, Math.max(10, width - 16))}`}</Text>
      ))}
      {children}
    </Box>
  );
}
