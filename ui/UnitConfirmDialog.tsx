/** The stop / restart confirmation: the unit, its description, main pid and members; No by default. */
import { Text } from 'ink';
import { AnswerButtons } from './AnswerButtons.js';
import { DialogFrame } from './DialogFrame.js';
import { sanitize } from '../src/text/sanitize.js';
import type { UnitDialog } from '../src/core/types.js';

/** Props of the dialog. */
export interface UnitConfirmDialogProps {
  readonly dialog: UnitDialog;
  readonly width: number;
  readonly height: number;
}

/** Names everything the action touches; a guarded stop asks for the unit name typed. */
export function UnitConfirmDialog({ dialog, width, height }: UnitConfirmDialogProps) {
  const t = dialog.target;
  const text = (s: string) => sanitize(s, Math.max(10, width - 16));
  const members = t.members.slice(0, Math.max(1, height - 12));
  const more = t.members.length - members.length;
  const facts: Array<readonly [string, string]> = [
    ['unit', `${t.unit}   (${t.manager})`],
    ['description', t.description || '—'],
    ['state', `${t.state}   main pid ${t.mainPid || '—'}`],
    ['runs', `${t.members.length} process${t.members.length === 1 ? '' : 'es'}:`],
  ];
  return (
    <DialogFrame title={`${dialog.verb === 'stop' ? 'Stop' : 'Restart'} ${text(t.unit)}?`} facts={facts} width={width} height={height}>
      {members.map((m, i) => (
        <Text key={i} wrap="truncate" dimColor>{`  ${text(m)}`}</Text>
      ))}
      {more > 0 ? <Text dimColor>{`  … and ${more} more`}</Text> : null}
      {t.guard ? <Text bold color="yellow" wrap="truncate">{`WARNING: ${text(t.guard)}`}</Text> : <Text> </Text>}
      {t.guard ? (
        <Text wrap="truncate">
          {`type ${text(t.unit)} and Enter to stop it · Esc cancels: `}
          <Text inverse>{`${text(dialog.typed)} `}</Text>
        </Text>
      ) : (
        <AnswerButtons yes={dialog.yes} />
      )}
    </DialogFrame>
  );
}
