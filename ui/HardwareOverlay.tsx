/** The hardware overlay (i): CPU, virtualisation, memory, disks with SMART health, interfaces. */
import { Box, Text } from 'ink';
import type { HardwareMessage } from '../src/stream/messages.js';
import { hardwareLines } from '../src/panes/hardware-lines.js';
import { formatTime } from '../src/text/format.js';
import { fit } from '../src/text/width.js';

/** Props of the overlay. */
export interface HardwareOverlayProps {
  readonly hardware: HardwareMessage | null;
  readonly width: number;
  readonly height: number;
}

const COLOR = { title: 'cyanBright', plain: undefined, alert: 'red', dim: 'gray' } as const;

/** Draws the last hardware facts read; `i` reads them again. */
export function HardwareOverlay({ hardware, width, height }: HardwareOverlayProps) {
  const inner = Math.max(1, width - 4);
  const lines = hardwareLines(hardware);
  const rows = Math.max(1, height - 3);
  const when = hardware ? ` · read ${formatTime(hardware.t)}` : '';
  return (
    <Box width={width} height={height} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text bold color="cyanBright" wrap="truncate">{`Hardware${when} · i or Esc close`}</Text>
      {lines.slice(0, rows).map((l, i) => (
        <Text key={i} wrap="truncate" bold={l.tone === 'title'} color={COLOR[l.tone]}>
          {fit(l.text, inner)}
        </Text>
      ))}
    </Box>
  );
}
