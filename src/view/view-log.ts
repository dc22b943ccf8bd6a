/**
 * The Log pane's part of the view reducer: following and scrolling (anchored to
 * a line, so trimming the buffer does not move the selection), search, the
 * errors-only and unit filters, the line detail, and the block / journal
 * confirmations.
 */
import { blockRefusal, type Intent } from '../effects/intents.js';
import { countWindow, filteredLines, lineRange, lineRangeChoices, selectTopRanges } from '../model/log-selectors.js';
import type { LogLine, LogState } from '../model/log.js';
import type { GuardedAddress, SshClient } from '../stream/messages.js';
import { lineSender } from '../model/log-sender.js';
import type { ViewContext, ViewState } from './view-state.js';
import { dialogOf, withEffect } from './view-state.js';
import { REFUSALS } from '../effects/refusals.js';
import { plural } from '../text/format.js';




/** The lines on show and the selected index (the last while following). */
export function logSelection(view: Pick<ViewState, 'log'>, ctx: Pick<ViewContext, 'model'>): { lines: readonly LogLine[]; index: number } {
  const lines = filteredLines(ctx.model.log, view.log.filter);
  if (view.log.anchor === null) return { lines, index: lines.length - 1 };
  const anchor = view.log.anchor;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.seq < anchor) lo = mid + 1;
    else hi = mid;
  }
  return { lines, index: Math.max(0, lo) };
}

/**
 * The seq of the line drawn selected (inverse), or null: the anchored line
 * while the Log has the focus; none while following (End / G, a new filter).
 * Both renderers draw this, so the selection shown is the one keys act on.
 */
export function drawnLogSeq(view: Pick<ViewState, 'log'>, ctx: Pick<ViewContext, 'model'>, focused: boolean): number | null {
  if (!focused || view.log.anchor === null) return null;
  const { lines, index } = logSelection(view, ctx);
  return lines[index]?.seq ?? null;
}

/**
 * Moves the selection: a step (j, k, g, PgUp, PgDn) anchors the line it lands
 * on, the newest one too; only End / G (`follow`) follows the tail again.
 * (Landing on the newest line used to follow: no line was drawn selected, and
 * the next batch moved what b, Enter and f act on to a line nobody picked.)
 */
export function moveLog(view: ViewState, ctx: ViewContext, move: (i: number, page: number, len: number) => number, follow = false): ViewState {
  const { lines, index } = logSelection(view, ctx);
  if (lines.length === 0) return view;
  const next = Math.min(lines.length - 1, Math.max(0, move(index, Math.max(1, ctx.pages.log), lines.length)));
  const anchor = follow ? null : lines[next]!.seq;
  return { ...view, log: { ...view.log, anchor } };
}

function selectedLine(view: ViewState, ctx: ViewContext): LogLine | null {
  if (view.mode === 'log-detail') return view.logDetail;
  if (view.focus !== 'log') return null;
  const { lines, index } = logSelection(view, ctx);
  return lines[index] ?? null;
}

/** Keys of the Log pane that need it focused. */
export function needsLog(view: ViewState): ViewState | null {
  return view.focus === 'log' || view.mode === 'log-detail' ? null : { ...view, notice: 'focus the Log pane first (3)' };
}

/** e, f: the errors-only and unit filters ('/' search and '&' text filter: view-log-search.ts). */
export function filterLog(view: ViewState, ctx: ViewContext, what: 'errors' | 'unit'): ViewState {
  const blocked = needsLog(view);
  if (blocked) return blocked;
  const f = view.log.filter;
  if (what === 'errors') return { ...view, log: { ...view.log, anchor: null, filter: { ...f, errorsOnly: !f.errorsOnly } } };
  const unit = f.unit ? null : (selectedLine(view, ctx)?.unit || null);
  return { ...view, log: { ...view.log, anchor: null, filter: { ...f, unit } }, notice: unit ? `showing ${unit} only (f again for all)` : null };
}

/** Enter on a line: all its fields. */
export function openLogDetail(view: ViewState, ctx: ViewContext): ViewState {
  const line = selectedLine(view, ctx);
  return line ? { ...view, mode: 'log-detail', logDetail: line } : view;
}

/** '10 min', or '10 min (only the last 4m were readable)' when the read-back at start was cut short. */
function windowText(log: LogState | null): string {
  const w = countWindow(log, log?.lastAt ?? 0);
  return w.partial ? w.label.replace(/^10m/, '10 min') : '10 min';
}

/** b / B: block or unblock the selected line's source range, after confirmation. */
export function openBlockDialog(view: ViewState, ctx: ViewContext, op: 'add' | 'remove'): ViewState {
  const blocked = needsLog(view);
  if (blocked) return blocked;
  const line = selectedLine(view, ctx);
  if (!line) return { ...view, notice: 'select a log line first' };
  const clients = ctx.self?.sshClients ?? [];
  const guarded = ctx.self?.guarded ?? [];
  const sender = lineSender(line);
  if (sender.state === 'impostor' && op === 'add') return { ...view, notice: `refused: ${sender.reason}` };
  const range = lineRange(line);
  if (!range) return openRangeChoice(view, line, op, clients, guarded);
  const refused = op === 'add' ? blockRefusal(range, clients, guarded) : null;
  if (refused) return { ...view, notice: refused };
  const seen = selectTopRanges(ctx.model.log, ctx.model.log?.lastAt ?? 0, 1000).find((r) => r.range === range);
  const lines = [
    `range    ${range}${seen?.private ? '  (private range)' : ''}`,
    `seen     ${seen ? `${plural(seen.count, 'line')} in ${windowText(ctx.model.log)}, ${seen.perMinute} in the last minute` : 'no recent lines'}`,
    ...(sender.state === 'unverified' ? [`source   unverified: ${sender.reason}`] : []),
    op === 'add' ? 'rule     drop every packet from it (nft table inet sitrep; iptables where there is no nft)' : "rule     remove sitrep's drop rule for it",
  ];
  const title = op === 'add' ? `Block ${range}?` : `Unblock ${range}?`;
  return { ...view, mode: 'confirm-action', dialog: { kind: 'action', intent: { kind: 'block', op, range }, title, lines, yes: false }, logDetail: null };
}

/** b on a line in no known format: the admin picks the range from the addresses it names; none is proposed. */
function openRangeChoice(view: ViewState, line: LogLine, op: 'add' | 'remove', clients: readonly SshClient[], guarded: readonly GuardedAddress[]): ViewState {
  const all = lineRangeChoices(line);
  if (all.length === 0) return { ...view, notice: 'the selected line names no IP address' };
  const choices = op === 'add' ? all.filter((r) => blockRefusal(r, clients, guarded) === null) : all;
  if (choices.length === 0) return { ...view, notice: blockRefusal(all[0]!, clients, guarded)! };
  const lines = [
    'source   this line is in no format sitrep knows, so which address is the client is not certain',
    `choose   ↑/↓ picks the range to ${op === 'add' ? 'block' : 'unblock'}, then y${choices.length < all.length ? ' (ranges of SSH sessions, of this host and loopback left out)' : ''}`,
  ];
  const intent: Intent = { kind: 'block', op, range: '' };
  return { ...view, mode: 'confirm-action', dialog: { kind: 'action', intent, title: `${op === 'add' ? 'Block' : 'Unblock'} which range?`, lines, yes: false, choices, choice: null }, logDetail: null };
}

/** ↑/↓ in a range choice. */
export function moveRangeChoice(view: ViewState, step: 1 | -1): ViewState {
  const d = dialogOf(view, 'action');
  if (!d?.choices) return view;
  const n = d.choices.length;
  const choice = d.choice === null || d.choice === undefined ? (step > 0 ? 0 : n - 1) : (d.choice + step + n) % n;
  return { ...view, dialog: { ...d, choice } };
}

/** J: make the journal persistent, when it is volatile. */
export function openJournalDialog(view: ViewState, ctx: ViewContext): ViewState {
  const journal = ctx.model.log?.journal;
  if (!journal) return { ...view, notice: ctx.model.log?.problem ? `J applies to journald: ${ctx.model.log.problem}` : 'J applies to journald, and this log source is not journald' };
  if (!journal.volatile) return { ...view, notice: `the journal is already persistent (${journal.storagePath ?? 'Storage=' + journal.storage})` };
  if (ctx.self && ctx.self.uid !== 0) return { ...view, notice: REFUSALS.journalNeedsRoot };
  const lines = [
    `now      Storage=${journal.storage}, logs in ${journal.storagePath ?? '/run/log/journal'} (RAM): lost on reboot or crash`,
    'runs     mkdir -p /var/log/journal',
    '         systemd-tmpfiles --create --prefix /var/log/journal',
    '         journalctl --flush',
  ];
  return { ...view, mode: 'confirm-action', dialog: { kind: 'action', intent: { kind: 'persist-journal' }, title: 'Keep the journal on disk?', lines, yes: false } };
}

/** Answers a block / journal confirmation. */
export function answerActionDialog(view: ViewState, yes: boolean): ViewState {
  const d = dialogOf(view, 'action');
  const back = { ...view, mode: view.browse ? ('browse' as const) : ('normal' as const), dialog: null };
  if (!d || !yes) return { ...back, notice: d ? 'cancelled' : null };
  if (d.measuring) return { ...view, notice: 'measuring it again first: y once the fresh size shows, n to cancel' };
  if (d.choices && d.intent.kind === 'block') {
    if (d.choice === null || d.choice === undefined) return { ...view, notice: 'pick a range first (↑/↓), or n to cancel' };
    return withEffect(back, { kind: 'run', intent: { ...d.intent, range: d.choices[d.choice]! } });
  }
  return withEffect(back, { kind: 'run', intent: d.intent });
}
