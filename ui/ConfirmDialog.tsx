/** The confirmation for a destructive action: what, on whom, and No by default. */
import { Box, Text } from 'ink';
import { AnswerButtons } from './AnswerButtons.js';
import { SIGNALS } from '../src/effects/intents.js';
import { sanitize } from '../src/text/sanitize.js';
import type { ProcessDialog } from '../src/view/view-state.js';
import { formatBytes } from '../src/text/format.js';

/** Props of the dialog. */
export interface ConfirmDialogProps {
  readonly dialog: ProcessDialog;
  readonly width: number;
  readonly height: number;
}

/** Shows the locked target, the signal list (for kills) and No / Yes. */
export function ConfirmDialog({ dialog, width, height }: ConfirmDialogProps) {
  const t = dialog.target;
  const text = (s: string) => sanitize(s, Math.max(10, width - 16));
  const title = dialog.file ? `Truncate ${formatBytes(dialog.file.bytes)} held by a deleted file?` : `Send a signal to ${t.pid}?`;
  return (
    <Box width={width} height={height} borderStyle="double" borderColor="red" flexDirection="column" paddingX={1}>
      <Text bold color="redBright">{title}</Text>
      <Text wrap="truncate">{`pid      ${t.pid}   started ${t.started}   user ${text(t.user)}`}</Text>
      <Text wrap="truncate">{`unit     ${t.unit ? text(t.unit) : '—'}`}</Text>
      <Text wrap="truncate">{`command  ${text(t.command)}`}</Text>
      {dialog.file ? <Text wrap="truncate">{`file     ${text(dialog.file.path)} (deleted), fd ${dialog.file.fd}`}</Text> : null}
      <Text> </Text>
      {dialog.file
        ? null
        : SIGNALS.map((s, i) => (
            <Text key={s} inverse={i === dialog.signalIndex}>{`  SIG${s}${i === 0 ? ' (default)' : ''}  `}</Text>
          ))}
      <Text> </Text>
      <AnswerButtons yes={dialog.yes} />
    </Box>
  );
}
