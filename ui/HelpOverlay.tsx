/**
 * The help overlay, generated from the keymap table (keymap-help.ts) so keys
 * and help agree: every binding of the current context, by section, in one
 * column that scrolls (j/k, PgUp/PgDn) with "more" markers above and below.
 */
import { sanitize } from '../src/text/sanitize.js';
import { Box, Text } from 'ink';
import type { KeyContext } from '../src/view/keymap.js';
import { helpLines, helpPageRows } from '../src/view/keymap-help.js';
import { fit } from '../src/text/width.js';

/** Props of the help overlay. */
export interface HelpOverlayProps {
  readonly width: number;
  /** The height of the screen body (the status line is not part of it). */
  readonly height: number;
  readonly scroll: number;
  readonly context: KeyContext;
  /** Why actions are off (--read-only, replay): each binding that acts says so. */
  readonly actionsOff?: string | null;
}

/** Lists the bindings from line `scroll` on, as many as fit. */
export function HelpOverlay({ width, height, scroll, context, actionsOff = null }: HelpOverlayProps) {
  const lines = helpLines(context, actionsOff);
  const page = helpPageRows(height + 1);
  const first = Math.max(0, Math.min(scroll, lines.length - page));
  const shown = lines.slice(first, first + page);
  const inner = Math.max(1, width - 4);
  const labelWidth = Math.min(14, Math.max(...lines.map((l) => (l.kind === 'binding' ? l.label.length : 0))) + 2);
  const above = first > 0;
  const below = first + page < lines.length;
  return (
    <Box width={width} height={height} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text bold color="cyanBright" wrap="truncate">{fit(`Keys · ${first + 1}-${first + shown.length} of ${lines.length} · ? or Esc closes`, inner)}</Text>
      <Text dimColor wrap="truncate">{above ? '↑ more above (k, PgUp)' : ' '}</Text>
      {shown.map((l, i) =>
        l.kind === 'section' ? (
          <Text key={i} bold color="cyan" wrap="truncate">{fit(l.title, inner)}</Text>
        ) : (
          <Text key={i} wrap="truncate" dimColor={Boolean(l.off)}>{fit(`${fit(l.label, labelWidth)}${l.help}${l.off ? ` · off: ${sanitize(l.off, 80)}` : ''}`, inner)}</Text>
        ),
      )}
      <Text dimColor wrap="truncate">{below ? '↓ more below (j, PgDn)' : ' '}</Text>
    </Box>
  );
}
