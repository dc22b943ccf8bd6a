/** The Log pane's lines as drawn: what the logs say on top, then the live tail coloured by priority. */
import type { ModelState } from '../model/model.js';
import type { LogLine, LogState } from '../model/log.js';
import { drawnLogSeq, logSelection } from '../view/view-log.js';
import type { LogView } from '../core/types.js';
import { sanitize } from '../text/sanitize.js';
import { fit } from '../text/width.js';
import { entryRows } from './log-wrap.js';
import { entryLine, logTailRows, priorityColor, problemLines, searchParts, summaryLines } from './log-lines.js';
import { plainLine, spansLine, type Look, type Span, type StyledLine } from './styled.js';

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
function head(state: LogState, log: LogView, width: number, empty: boolean): StyledLine[] {
  return [
    ...summaryLines(state, width).map((s) => plainLine(s.text, { color: s.tone === 'warn' ? 'yellowBright' : s.tone === 'alert' ? 'red' : 'cyan', bold: s.tone !== 'plain' || undefined })),
    ...(log.draft !== null ? [plainLine(fit(`${log.draftKind === 'search' ? '/' : '& filter: '}${sanitize(log.draft, width)}`, width), { inverse: true })] : []),
    ...problemLines(state, width).map((text) => plainLine(text, { color: 'yellow' })),
    ...(empty && state.source ? [plainLine(state.lines.length ? 'no line matches the filter' : 'waiting for log lines…', { dim: true })] : []),
  ];
}

/** One entry's text with the search's matches highlighted. */
function highlighted(text: string, search: string): Span[] {
  return searchParts(text, search).map((p) => (p.match ? { text: p.text, look: { bg: 'yellow', color: 'black' } } : { text: p.text }));
}

function entryLook(line: LogLine, selected: boolean): Look | undefined {
  const c = priorityColor(line.priority);
  if (!c.color && !c.dim && !c.bold && !selected) return undefined;
  return { color: c.color, dim: c.dim, bold: c.bold, inverse: selected || undefined };
}

/** The zoomed tail: whole lines, wrapped; the selected line (the newest when following) last, older lines above it. */
function wrappedTail(lines: readonly LogLine[], index: number, rows: number, width: number, now: number, showSelection: boolean, search: string): StyledLine[] {
  const out: StyledLine[] = [];
  let left = rows;
  for (let i = Math.min(index, lines.length - 1); i >= 0 && left > 0; i--) {
    const line = lines[i]!;
    const wrapped = entryRows(line, width, now).slice(0, left);
    left -= wrapped.length;
    const look = entryLook(line, showSelection && i === index);
    out.unshift(...wrapped.map((text) => spansLine(highlighted(text, search), look)));
  }
  return out;
}

/** The pane's lines within width x height cells; zoomed (`wrap`), whole lines wrapped. */
export function logPaneLines(model: ModelState, log: LogView, width: number, height: number, focused: boolean, wrap = false): StyledLine[] {
  const state = model.log;
  if (!state) return [plainLine('no log source', { dim: true })];
  const rows = logTailRows(model, log, width, height);
  const { lines, index } = logSelection({ log }, { model });
  const selectedSeq = drawnLogSeq({ log }, { model }, focused) ?? undefined;
  const first = Math.max(0, Math.min(index - rows + 1, lines.length - rows));
  const now = model.lastSampleAt;
  const tail = wrap
    ? wrappedTail(lines, index, rows, width, now ?? Date.now(), selectedSeq !== undefined, log.search)
    : lines.slice(first, first + rows).map((line) => spansLine(highlighted(entryLine(line, width, now ?? line.t, log.hscroll), log.search), entryLook(line, line.seq === selectedSeq)));
  return [...head(state, log, width, lines.length === 0), ...tail];
}
