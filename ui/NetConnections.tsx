/** Enter on a Network range: its connections, with local and remote address:port, state, pid and unit; every name sanitized. */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import { selectConnections, selectRanges } from '../src/model/net-ranges.js';
import { CONNECTIONS_LISTED, ownerLabel } from '../src/panes/net-lines.js';
import { plural } from '../src/text/format.js';
import { fit } from '../src/text/width.js';
import { sanitize } from '../src/text/sanitize.js';

/** Props of the connections overlay. */
export interface NetConnectionsProps {
  readonly model: ModelState;
  readonly range: string;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
}

/** Lists the range's connections, scrolled by `scroll` rows. */
export function NetConnections({ model, range, scroll, width, height }: NetConnectionsProps) {
  const rows = selectConnections(model, range);
  const total = selectRanges(model, null).find((r) => r.range === range)?.sockets ?? 0;
  const inner = Math.max(10, width - 4);
  const room = Math.max(1, height - 5);
  const first = Math.max(0, Math.min(scroll, rows.length - room));
  const head = `${'LOCAL'.padEnd(26)} ${'REMOTE'.padEnd(26)} ${'STATE'.padEnd(12)} ${'PID'.padStart(7)}  UNIT`;
  return (
    <Box width={width} height={height} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text bold color="cyanBright" wrap="truncate">{`Connections from ${sanitize(range, 44)} · ${plural(total, 'socket')}${rows.length < total ? `, ${rows.length} listed (at most ${CONNECTIONS_LISTED} a range)` : ''} · ↑/↓ scroll · b block · Esc close`}</Text>
      <Text bold wrap="truncate">{fit(head, inner)}</Text>
      {rows.length === 0 ? <Text dimColor>no connections from this range in the last table</Text> : null}
      {rows.slice(first, first + room).map((c, i) => (
        <Text key={i} wrap="truncate" color={c.state === 'SYN-RECV' ? 'red' : undefined}>
          {fit(`${sanitize(c.local, 52).padEnd(26)} ${sanitize(c.remote, 52).padEnd(26)} ${sanitize(c.state, 16).padEnd(12)} ${String(c.owner?.pid ?? '-').padStart(7)}  ${ownerLabel(c.owner)}`, inner)}
        </Text>
      ))}
      {first + room < rows.length ? <Text dimColor>{`… ${rows.length - first - room} more`}</Text> : null}
    </Box>
  );
}
