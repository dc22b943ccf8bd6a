/**
 * The message log (m): the last outcomes, notes and errors (the model keeps
 * 50), newest first, each with its time and its whole text word-wrapped, where
 * the status line shows only the newest for a few seconds.
 */
import { Box, Text } from 'ink';
import type { ModelEvent } from '../src/model/model.js';
import { formatTime } from '../src/text/format.js';
import { sanitize } from '../src/text/sanitize.js';
import { fit } from '../src/text/width.js';

/** Props of the message log. */
export interface MessageLogProps {
  readonly events: readonly ModelEvent[];
  readonly width: number;
  readonly height: number;
}

/** Splits `text` into rows of at most `width` cells, at spaces where it can. */
export function wrapText(text: string, width: number): string[] {
  const rows: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > width / 2 ? cut : width;
    rows.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  rows.push(rest);
  return rows;
}

/** Draws the log in width x height cells. */
export function MessageLog({ events, width, height }: MessageLogProps) {
  const inner = Math.max(10, width - 4);
  const now = events[events.length - 1]?.t;
  const rows = [...events].reverse().flatMap((e, i) => {
    const head = `${formatTime(e.t, now)} ${e.type === 'error' ? 'error' : 'note '} `;
    const body = wrapText(sanitize(e.text, 4000), Math.max(1, inner - head.length));
    return body.map((text, j) => ({ key: `${i}:${j}`, text: `${j === 0 ? head : ' '.repeat(head.length)}${text}`, error: e.type === 'error' }));
  });
  const shown = rows.slice(0, Math.max(0, height - 3));
  return (
    <Box width={width} height={height} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text bold color="cyanBright" wrap="truncate">{fit(`Messages · ${events.length} kept, newest first · m or Esc closes`, inner)}</Text>
      {events.length === 0 ? <Text dimColor>no outcomes or errors yet</Text> : null}
      {shown.map((r) => (
        <Text key={r.key} wrap="truncate" color={r.error ? 'red' : undefined}>{fit(r.text, inner)}</Text>
      ))}
    </Box>
  );
}
