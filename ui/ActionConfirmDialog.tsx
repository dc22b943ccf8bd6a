/** The confirmation for a block or the journal fix: what it does, in lines; No by default. */
import { Box, Text } from 'ink';
import { AnswerButtons } from './AnswerButtons.js';
import { sanitize } from '../src/text/sanitize.js';
import type { ActionDialog } from '../src/core/types.js';

/** Props of the dialog. */
export interface ActionConfirmDialogProps {
  readonly dialog: ActionDialog;
  readonly width: number;
  readonly height: number;
}

/** Shows the title, the lines and No / Yes. */
export function ActionConfirmDialog({ dialog, width, height }: ActionConfirmDialogProps) {
  return (
    <Box width={width} height={height} borderStyle="double" borderColor="red" flexDirection="column" paddingX={1}>
      <Text bold color="redBright" wrap="truncate">{sanitize(dialog.title, width)}</Text>
      {dialog.lines.map((l, i) => (
        <Text key={i} wrap="truncate">{sanitize(l, width)}</Text>
      ))}
      {dialog.choices?.map((range, i) => (
        <Text key={range} inverse={dialog.choice === i} wrap="truncate">{`${dialog.choice === i ? '▸' : ' '} ${i + 1}) ${sanitize(range, width)}`}</Text>
      ))}
      <Text> </Text>
      <AnswerButtons yes={dialog.yes} />
    </Box>
  );
}
