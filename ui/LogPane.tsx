/** The Log pane: what the logs say on top, then the live tail coloured by priority. */
import { Box, Text } from 'ink';
import type { ReactElement, ReactNode } from 'react';
import type { ModelState } from '../src/model/model.js';
import type { LogLine, LogState } from '../src/model/log.js';
import { drawnLogSeq, logSelection } from '../src/view/view-log.js';
import type { LogView } from '../src/core/types.js';
import { sanitize } from '../src/text/sanitize.js';
import { fit } from '../src/text/width.js';
import { entryRows } from '../src/panes/log-wrap.js';
import { entryLine, logTailRows, priorityColor, problemLines, searchParts, summaryLines } from '../src/panes/log-lines.js';

export { logTailRows } from '../src/panes/log-lines.js';

/** Props of the Log pane's inner area. */
export interface LogPaneProps {
  readonly model: ModelState;
  readonly log: LogView;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
  /** Zoomed: each entry wraps to show the whole line (up to WRAP_ROWS rows). */
  readonly wrap?: boolean;
}

/** The pane title's note: the source, and how it is filtered or paused. */
export function logTitleNote(model: ModelState, log: LogView, wrapped = false): string {
  const parts = [model.log && !model.log.source ? 'no log source' : sanitize(model.log?.source ?? 'starting…', 60)];
  const f = log.filter;
  if (f.errorsOnly) parts.push('errors only');
  if (f.unit) parts.push(`unit ${sanitize(f.unit, 40)}`);
  if (f.query) parts.push(`filter "${sanitize(f.query, 30)}"`);
  if (log.search) parts.push(`/${sanitize(log.search, 30)} (n/N)`);
  if (wrapped) parts.push('whole lines');
  else if (log.hscroll) parts.push(`→${log.hscroll}`);
  if (log.anchor !== null) parts.push('SCROLLED (End follows)');
  return parts.join(' · ');
}

/** The lines above the tail: summary, the draft being typed, what is missing, or why the tail is empty. */
function head(state: LogState, log: LogView, width: number, empty: boolean): ReactElement[] {
  return [
    ...summaryLines(state, width).map((s, i) => (
      <Text key={`s${i}`} wrap="truncate" color={s.tone === 'warn' ? 'yellowBright' : s.tone === 'alert' ? 'red' : 'cyan'} bold={s.tone !== 'plain'}>{s.text}</Text>
    )),
    ...(log.draft !== null ? [<Text key="draft" wrap="truncate" inverse>{fit(`${log.draftKind === 'search' ? '/' : '& filter: '}${sanitize(log.draft, width)}`, width)}</Text>] : []),
    ...problemLines(state, width).map((text, i) => <Text key={`p${i}`} wrap="truncate" color="yellow">{text}</Text>),
    ...(empty && state.source ? [<Text key="empty" dimColor>{state.lines.length ? 'no line matches the filter' : 'waiting for log lines…'}</Text>] : []),
  ];
}

/** One entry's text with the search's matches highlighted. */
function highlighted(text: string, search: string): ReactNode[] {
  return searchParts(text, search).map((p, i) => (p.match ? <Text key={i} backgroundColor="yellow" color="black">{p.text}</Text> : p.text));
}

/**
 * The zoomed tail: whole lines, wrapped. The selected line (the newest when
 * following) is the last one drawn, with as many older lines above it as fit.
 */
function wrappedTail(lines: readonly LogLine[], index: number, rows: number, width: number, now: number, showSelection: boolean, search: string): ReactElement[] {
  const out: ReactElement[] = [];
  let left = rows;
  for (let i = Math.min(index, lines.length - 1); i >= 0 && left > 0; i--) {
    const line = lines[i]!;
    const c = priorityColor(line.priority);
    const wrapped = entryRows(line, width, now).slice(0, left);
    left -= wrapped.length;
    const selected = showSelection && i === index;
    out.unshift(
      ...wrapped.map((text, r) => (
        <Text key={`${line.seq}:${r}`} wrap="truncate" color={c.color} dimColor={c.dim} bold={c.bold} inverse={selected}>{highlighted(text, search)}</Text>
      )),
    );
  }
  return out;
}

/** Draws the pane within width x height cells; zoomed (`wrap`), whole lines wrapped. */
export function LogPane({ model, log, width, height, focused, wrap = false }: LogPaneProps) {
  const state = model.log;
  if (!state) return <Text dimColor>no log source</Text>;
  const rows = logTailRows(model, log, width, height);
  const { lines, index } = logSelection({ log }, { model });
  const selectedSeq = drawnLogSeq({ log }, { model }, focused) ?? undefined;
  const first = Math.max(0, Math.min(index - rows + 1, lines.length - rows));
  const tail = wrap
    ? wrappedTail(lines, index, rows, width, model.lastSampleAt ?? Date.now(), selectedSeq !== undefined, log.search)
    : lines.slice(first, first + rows).map((line) => {
      const c = priorityColor(line.priority);
      return (
        <Text key={line.seq} wrap="truncate" color={c.color} dimColor={c.dim} bold={c.bold} inverse={line.seq === selectedSeq}>
          {highlighted(entryLine(line, width, model.lastSampleAt ?? line.t, log.hscroll), log.search)}
        </Text>
      );
    });
  return (
    <Box flexDirection="column" width={width} height={height}>
      {head(state, log, width, lines.length === 0)}
      {tail}
    </Box>
  );
}
