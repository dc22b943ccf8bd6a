/** One log line with all its fields, every one sanitized; S R b J act from here. */
import { logSender } from '../src/model/log-classify.js';
import { formatTime } from '../src/text/format.js';
import { Box, Text } from 'ink';
import type { LogLine } from '../src/model/log.js';
import { lineRange } from '../src/model/log-selectors.js';
import { sanitize } from '../src/text/sanitize.js';
import { fit } from '../src/text/width.js';
import { journalFields } from '../src/text/journal-fields.js';
import { compareText } from '../src/text/order.js';

/** Props of the detail overlay. */
export interface LogDetailProps {
  readonly line: LogLine;
  readonly width: number;
  readonly height: number;
}

/** Lists the message (wrapped a few rows) and the fields. */
export function LogDetail({ line, width, height }: LogDetailProps) {
  const inner = Math.max(10, width - 4);
  const message = sanitize(line.message, inner * 4);
  const messageRows = Array.from({ length: Math.min(4, Math.ceil(message.length / inner)) }, (_, i) => message.slice(i * inner, (i + 1) * inner));
  const all = line.raw ? journalFields(line.raw) : (line.fields ?? {});
  const fields = Object.entries(all).sort(([a], [b]) => compareText(a, b));
  const room = Math.max(0, height - 8 - messageRows.length);
  const range = lineRange(line);
  return (
    <Box width={width} height={height} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text bold color="cyanBright" wrap="truncate">{`Log line · ${formatTime(line.t)} · Esc close · S/R its unit${range ? ` · b block ${range}` : ''}`}</Text>
      <Text wrap="truncate">{`unit      ${sanitize(line.unit || '—', inner)}   sender ${sanitize(logSender(line) || '—', 40)}   pid ${line.pid ?? '—'}   priority ${line.priority ?? '—'}`}</Text>
      {messageRows.map((row, i) => (
        <Text key={`m${i}`} wrap="truncate">{row}</Text>
      ))}
      <Text> </Text>
      {fields.slice(0, room).map(([k, v]) => (
        <Text key={k} wrap="truncate">{`${fit(sanitize(k, 28), 28)} ${sanitize(v, inner)}`}</Text>
      ))}
      {fields.length > room ? <Text dimColor>{`… ${fields.length - room} more fields`}</Text> : null}
    </Box>
  );
}
