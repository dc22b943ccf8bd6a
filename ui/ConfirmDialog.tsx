/** The confirmation for a destructive action on a process: what, on whom, and No by default. */
import { Text } from 'ink';
import { AnswerButtons } from './AnswerButtons.js';
import { DialogFrame } from './DialogFrame.js';
import { SIGNALS } from '../src/effects/intents.js';
import type { ProcessDialog } from '../src/core/types.js';
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
  const title = dialog.file ? `Truncate ${formatBytes(dialog.file.bytes)} held by a deleted file?` : `Send a signal to ${t.pid}?`;
  const facts: Array<readonly [string, string]> = [
    ['pid', `${t.pid}   started ${t.started}   user ${t.user}`],
    ['unit', t.unit || '—'],
    ['command', t.command],
    ...(dialog.file ? [['file', `${dialog.file.path} (deleted), fd ${dialog.file.fd}`] as const] : []),
  ];
  return (
    <DialogFrame title={title} facts={facts} width={width} height={height}>
      <Text> </Text>
      {dialog.file
        ? null
        : SIGNALS.map((s, i) => (
            <Text key={s} inverse={i === dialog.signalIndex}>{`  SIG${s}${i === 0 ? ' (default)' : ''}  `}</Text>
          ))}
      <Text> </Text>
      <AnswerButtons yes={dialog.yes} />
    </DialogFrame>
  );
}
