/**
 * The Network pane's keys: Enter lists the selected range's connections, and
 * b / B block or unblock the range through the Log pane's path (the same
 * intent, the same refusals: loopback and every SSH session's range), asking
 * first with the figures of the moment it opened. No by default.
 */
import { blockRefusal } from '../effects/intents.js';
import { countOf, selectRanges, type RangeRow } from '../model/net-ranges.js';
import { plural } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';
import { withEffect, type ViewContext, type ViewState } from './view-state.js';

/** The range of the selected Network row, or of the open connections list. */
export function selectedRange(view: ViewState, ctx: ViewContext): string | null {
  if (view.mode === 'net-detail') return view.netDetail;
  const row = ctx.rows.network?.[view.selected.network];
  return row && !row.header ? (row.range ?? null) : null;
}

const rangeRow = (ctx: ViewContext, range: string): RangeRow | undefined => selectRanges(ctx.model, null).find((r) => r.range === range);

/** Enter on a range: its connections (local and remote address:port, state, pid and unit). */
export function openNetDetail(view: ViewState, ctx: ViewContext): ViewState {
  const range = selectedRange(view, ctx);
  return range ? { ...view, mode: 'net-detail', netDetail: range, netScroll: 0 } : { ...view, notice: 'select a range first' };
}

/** What the dialog says about a range, measured now. */
function rangeFigures(r: RangeRow | undefined): string[] {
  if (!r) return ['now      no connections from it in the last table'];
  const states = r.byState.slice(0, 4).map((s) => `${s.count} ${sanitize(s.state, 16)}`).join(', ');
  return [
    `now      ${plural(r.connections, 'connection')} live, ${r.timeWait} TIME-WAIT (${states}); ${r.newPerSecond === null ? 'new/s not known yet' : `${r.newPerSecond.toFixed(1)} new/s`}; ${countOf(r.byState, 'SYN-RECV')} SYN-RECV`,
    `reaches  port ${r.localPorts.join(', ') || '-'}${r.units.length ? ` · ${r.units.slice(0, 3).map((u) => sanitize(u, 60)).join(', ')}` : ''}`,
  ];
}

/** b / B on a Network range: the block confirmation, after the Log pane's refusals. */
export function openNetBlockDialog(view: ViewState, ctx: ViewContext, op: 'add' | 'remove'): ViewState {
  const range = selectedRange(view, ctx);
  if (!range) return { ...view, notice: 'select a range first' };
  const refused = op === 'add' ? blockRefusal(range, ctx.self?.sshClients ?? [], ctx.self?.guarded ?? []) : null;
  if (refused) return withEffect({ ...view, notice: refused }, { kind: 'refused', action: 'block', target: null, text: refused });
  const r = rangeRow(ctx, range);
  const lines = [
    `range    ${sanitize(range, 44)}${r?.private ? '  (private range)' : ''}`,
    ...rangeFigures(r),
    op === 'add' ? 'rule     drop every packet from it (nft table inet sitrep; iptables where there is no nft)' : "rule     remove sitrep's drop rule for it",
  ];
  const title = op === 'add' ? `Block ${sanitize(range, 44)}?` : `Unblock ${sanitize(range, 44)}?`;
  return { ...view, mode: 'confirm-action', dialog: { kind: 'action', intent: { kind: 'block', op, range }, title, lines, yes: false }, netDetail: null };
}
