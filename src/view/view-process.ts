/**
 * The process part of the view reducer: Enter opens what the selected row is
 * (a process's detail, a filesystem's drill-down, a log line), and the signal
 * and held-file truncation confirmations, locked on the row's target when they
 * open, No by default.
 */
import { refusal, SIGNALS, type Intent } from '../effects/intents.js';
import { openBrowse } from './view-browse.js';
import { rowTarget } from '../panes/targets.js';
import { openLogDetail } from './view-log.js';
import { dialogOf, withEffect, type Dialog, type ViewContext, type ViewState } from './view-state.js';

/** Enter on a row: the log line, the drill-down of a filesystem, or the process detail. */
export function openDetail(view: ViewState, ctx: ViewContext): ViewState {
  if (view.focus === 'log') return openLogDetail(view, ctx);
  if (view.focus === 'disks') {
    const mount = ctx.rows.disks?.[view.selected.disks]?.mount ?? null;
    return mount ? openBrowse(view, mount) : view;
  }
  const at = rowTarget(ctx.model, ctx.rows[view.focus]?.[view.selected[view.focus]]);
  return at ? { ...view, mode: 'detail', detail: at } : view;
}

/** K or T: the confirmation for the selected (or detailed) process, after the refusals. */
export function openDialog(view: ViewState, ctx: ViewContext, kind: 'signal' | 'truncate'): ViewState {
  const at = view.mode === 'detail' && view.detail ? view.detail : rowTarget(ctx.model, ctx.rows[view.focus]?.[view.selected[view.focus]]);
  if (!at) return { ...view, notice: kind === 'signal' ? 'select a process first' : 'select a deleted-but-open file first (Writers pane)' };
  if (kind === 'truncate' && !at.file) return { ...view, notice: 'T truncates a deleted-but-open file: select one in the Writers pane' };
  const refused = ctx.self ? refusal(at.process, ctx.self) : null;
  if (refused) return withEffect({ ...view, notice: refused }, { kind: 'refused', action: kind, target: at.process, text: refused });
  const dialog: Dialog = { kind: 'process', target: at.process, file: kind === 'truncate' ? at.file : null, signalIndex: 0, yes: false };
  return { ...view, mode: kind === 'signal' ? 'confirm-signal' : 'confirm-truncate', dialog, notice: null };
}

/** The answer to a signal or truncation confirmation: the intent goes to the outbox on yes. */
export function answerProcessDialog(view: ViewState, yes: boolean): ViewState {
  const d = dialogOf(view, 'process');
  if (!d || !yes) return { ...view, mode: 'normal', dialog: null, detail: null, notice: d ? 'cancelled' : null };
  const intent: Intent = d.file
    ? { kind: 'truncate', target: d.target, file: d.file }
    : { kind: 'signal', target: d.target, signal: SIGNALS[d.signalIndex]! };
  return withEffect({ ...view, mode: 'normal', dialog: null, detail: null }, { kind: 'run', intent });
}

/** ↑/↓ in the signal list. */
export function dialogStep(view: ViewState, step: number): ViewState {
  const d = dialogOf(view, 'process');
  if (!d) return view;
  return { ...view, dialog: { ...d, signalIndex: (d.signalIndex + step + SIGNALS.length) % SIGNALS.length } };
}
