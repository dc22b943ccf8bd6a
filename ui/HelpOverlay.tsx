/** The help overlay, generated from the keymap table so keys and help agree. */
import { Box, Text } from 'ink';
import { KEYMAP } from '../src/keymap.js';
import { fit } from '../src/text/width.js';

/** Props of the help overlay. */
export interface HelpOverlayProps {
  readonly width: number;
  readonly height: number;
}

/** Lists every binding, keys then what they do; in two columns when one does not fit. */
export function HelpOverlay({ width, height }: HelpOverlayProps) {
  const labelWidth = Math.max(...KEYMAP.map((b) => b.label.length)) + 2;
  const rowsFit = Math.max(1, height - 3);
  const columns = KEYMAP.length > rowsFit && width >= 100 ? 2 : 1;
  const perColumn = Math.min(rowsFit, Math.ceil(KEYMAP.length / columns));
  const columnWidth = Math.floor((width - 4) / columns);
  const lines = Array.from({ length: perColumn }, (_, row) =>
    Array.from({ length: columns }, (_, col) => KEYMAP[col * perColumn + row])
      .map((b) => fit(b ? `${fit(b.label, labelWidth)}${b.help}` : '', columnWidth))
      .join(''),
  );
  return (
    <Box width={width} height={height} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text bold color="cyanBright">Keys (? or Esc to close)</Text>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate">{line}</Text>
      ))}
    </Box>
  );
}
