/** Draws styled lines (src/panes/styled.ts) with Ink: one truncating Text per line, a nested Text per styled span. */
import { Box, Text } from 'ink';
import type { Look, StyledLine } from '../src/panes/styled.js';

function lookProps(look: Look | undefined) {
  return { color: look?.color, backgroundColor: look?.bg, bold: look?.bold, dimColor: look?.dim, inverse: look?.inverse };
}

/** One line, cut with '…' at the box's width. */
export function StyledText({ line }: { readonly line: StyledLine }) {
  return (
    <Text wrap="truncate" {...lookProps(line.look)}>
      {line.spans.map((span, i) => (span.look ? <Text key={i} {...lookProps(span.look)}>{span.text}</Text> : span.text))}
    </Text>
  );
}

/** Lines in a column of width x height cells. */
export function StyledLines({ lines, width, height }: { readonly lines: readonly StyledLine[]; readonly width: number; readonly height: number }) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((line, i) => <StyledText key={i} line={line} />)}
    </Box>
  );
}
