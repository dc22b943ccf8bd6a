/** The stop / restart confirmation: the unit, its description, main pid and members; No by default. */
import { Box, Text } from 'ink';
import { AnswerButtons } from './AnswerButtons.js';
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
  const memberRows = Math.max(1, height - 12);
  const members = t.members.slice(0, memberRows);
  const more = t.members.length - members.length;
  return (
    <Box width={width} height={height} borderStyle="double" borderColor="red" flexDirection="column" paddingX={1}>
      <Text bold color="redBright" wrap="truncate">{`${dialog.verb === 'stop' ? 'Stop' : 'Restart'} ${text(t.unit)}?`}</Text>
      <Text wrap="truncate">{`unit         ${text(t.unit)}   (${t.manager})`}</Text>
      <Text wrap="truncate">{`description  ${t.description ? text(t.description) : '—'}`}</Text>
      <Text wrap="truncate">{`state        ${text(t.state)}   main pid ${t.mainPid || '—'}`}</Text>
      <Text wrap="truncate">{`runs         ${t.members.length} process${t.members.length === 1 ? '' : 'es'}:`}</Text>
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
    </Box>
  );
}
