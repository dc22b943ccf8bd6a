/** The Log pane: what the logs say on top, then the live tail coloured by priority. */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import { logSelection, type LogView } from '../src/view/view-log.js';
import { sanitize } from '../src/text/sanitize.js';
import { fit } from '../src/text/width.js';
import { entryLine, logTailRows, priorityColor, problemLines, searchParts, summaryLines } from '../src/panes/log-lines.js';

export { logTailRows } from '../src/panes/log-lines.js';

/** Props of the Log pane's inner area. */
export interface LogPaneProps {
  readonly model: ModelState;
  readonly log: LogView;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

/** The pane title's note: the source, and how it is filtered or paused. */
export function logTitleNote(model: ModelState, log: LogView): string {
  const parts = [model.log && !model.log.source ? 'no log source' : sanitize(model.log?.source ?? 'starting…', 60)];
  const f = log.filter;
  if (f.errorsOnly) parts.push('errors only');
  if (f.unit) parts.push(`unit ${sanitize(f.unit, 40)}`);
  if (f.query) parts.push(`filter "${sanitize(f.query, 30)}"`);
  if (log.search) parts.push(`/${sanitize(log.search, 30)} (n/N)`);
  if (log.hscroll) parts.push(`→${log.hscroll}`);
  if (log.anchor !== null) parts.push('SCROLLED (End follows)');
  return parts.join(' · ');
}

/** Draws the pane within width x height cells. */
export function LogPane({ model, log, width, height, focused }: LogPaneProps) {
  const state = model.log;
  if (!state) return <Text dimColor>no log source</Text>;
  const summary = summaryLines(state, width);
  const rows = logTailRows(model, log, width, height);
  const { lines, index } = logSelection({ log }, { model });
  const first = Math.max(0, Math.min(index - rows + 1, lines.length - rows));
  const shown = lines.slice(Math.max(0, first), Math.max(0, first) + rows);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {summary.map((s, i) => (
        <Text key={`s${i}`} wrap="truncate" color={s.tone === 'warn' ? 'yellowBright' : s.tone === 'alert' ? 'red' : 'cyan'} bold={s.tone !== 'plain'}>{s.text}</Text>
      ))}
      {log.draft !== null ? <Text wrap="truncate" inverse>{fit(`${log.draftKind === 'search' ? '/' : '& filter: '}${sanitize(log.draft, width)}`, width)}</Text> : null}
      {problemLines(state, width).map((text, i) => <Text key={`p${i}`} wrap="truncate" color="yellow">{text}</Text>)}
      {lines.length === 0 && state.source ? <Text dimColor>{state.lines.length ? 'no line matches the filter' : 'waiting for log lines…'}</Text> : null}
      {shown.map((line) => {
        const c = priorityColor(line.priority);
        const selected = focused && log.anchor !== null && line.seq === lines[index]?.seq;
        return (
          <Text key={line.seq} wrap="truncate" color={c.color} dimColor={c.dim} bold={c.bold} inverse={selected}>
            {searchParts(entryLine(line, width, model.lastSampleAt ?? line.t, log.hscroll), log.search).map((p, i) => (p.match ? <Text key={i} backgroundColor="yellow" color="black">{p.text}</Text> : p.text))}
          </Text>
        );
      })}
    </Box>
  );
}
