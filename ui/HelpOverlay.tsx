/** The help overlay, generated from the keymap table so keys and help agree. */
import { Box, Text } from 'ink';
import { KEYMAP } from '../src/keymap.js';
import { fit } from '../src/text/width.js';

/** Props of the help overlay. */
export interface HelpOverlayProps {
  readonly width: number;
  readonly height: number;
}

/** Lists every binding: keys on the left, what they do on the right. */
export function HelpOverlay({ width, height }: HelpOverlayProps) {
  const labelWidth = Math.max(...KEYMAP.map((b) => b.label.length)) + 2;
  const rows = KEYMAP.slice(0, Math.max(0, height - 3));
  return (
    <Box width={width} height={height} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text bold color="cyanBright">Keys (? or Esc to close)</Text>
      {rows.map((b) => (
        <Text key={b.command} wrap="truncate">
          <Text bold>{fit(b.label, labelWidth)}</Text>
          {b.help}
        </Text>
      ))}
    </Box>
  );
}
