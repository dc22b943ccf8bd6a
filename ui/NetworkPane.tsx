/** The Network pane: interface totals, remote ranges by live connections then new/s, with their states and TIME-WAIT apart, and listeners under pressure. */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import type { SshClient } from '../src/stream/messages.js';
import { netHeader, netPaneLines, netTotalsLine, type NetLine } from '../src/panes/net-lines.js';

/** Props of the Network pane's inner area. */
export interface NetworkPaneProps {
  readonly model: ModelState;
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
  /** The SSH sessions' clients: their ranges are marked. */
  readonly clients?: readonly SshClient[];
}

const COLORS: Readonly<Record<NetLine['tone'], string | undefined>> = { alert: 'red', warn: 'yellow', plain: undefined, dim: 'gray', title: 'cyan' };

/** Draws the pane within width x height cells. */
export function NetworkPane({ model, width, height, selected, focused, clients = [] }: NetworkPaneProps) {
  const lines = netPaneLines(model, width, clients);
  const visible = Math.max(0, height - 2);
  const first = Math.max(0, Math.min(selected - visible + 1, lines.length - visible));
  const waiting = model.net === null ? null : model.net.table === null ? 'reading the socket tables…' : lines.length === 0 || lines[0]!.header ? 'no public range connected' : null;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">{netTotalsLine(model, width)}</Text>
      {height >= 2 ? <Text bold wrap="truncate">{netHeader(width)}</Text> : null}
      {waiting && height >= 3 ? <Text dimColor>{waiting}</Text> : null}
      {lines.slice(first, first + visible - (waiting ? 1 : 0)).map((line, i) => (
        <Text key={line.key} wrap="truncate" bold={line.tone === 'title'} color={COLORS[line.tone]} inverse={focused && !line.header && first + i === selected}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
