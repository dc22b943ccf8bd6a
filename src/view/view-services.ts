/**
 * The service part of the view reducer: the Services overlay, and the stop /
 * restart confirmation, typed when the unit could cut the admin's session.
 */
import type { ServiceVerb } from '../effects/intents.js';
import { servicesRefusal, unitTarget } from '../effects/service-targets.js';
import { unitAlerts } from '../model/services.js';
import type { ViewContext, ViewState } from './view-state.js';
import type { LogLine } from '../model/log.js';
import { logSelection } from './view-log.js';
import { rowTarget, rowUnit } from '../panes/targets.js';
import type { UnitDialog } from '../core/types.js';
import { dialogOf, withEffect } from './view-state.js';


/** The unit a key in the current mode refers to, or null with the reason. */
function unitInView(view: ViewState, ctx: ViewContext): { unit: string | null; why: string } {
  if (view.mode === 'services') {
    const alert = unitAlerts(ctx.model.services)[view.servicesSelected];
    return { unit: alert?.unit.id ?? null, why: 'no unit selected' };
  }
  if (view.mode === 'log-detail' && view.logDetail) {
    const l = view.logDetail;
    return { unit: logUnit(l), why: `this line comes from ${l.unit || 'nowhere known'}, not a service unit` };
  }
  if (view.mode === 'normal' && view.focus === 'log') {
    const line = logSelection(view, ctx).lines[logSelection(view, ctx).index];
    return { unit: line ? logUnit(line) : null, why: line ? `this line comes from ${line.unit || 'nowhere known'}, not a service unit` : 'select a log line first' };
  }
  if (view.mode === 'detail' && view.detail) {
    const p = view.detail.process;
    return { unit: p.unit, why: `pid ${p.pid} (${p.comm}) runs in no service unit; K signals it` };
  }
  const row = ctx.rows[view.focus]?.[view.selected[view.focus]];
  const unit = rowUnit(ctx.model, row);
  const target = rowTarget(ctx.model, row);
  const why = target ? `pid ${target.process.pid} (${target.process.comm}) runs in no service unit; K signals it` : 'select a process, a writer group or a unit first';
  return { unit, why };
}

/** The unit a log line is about: systemd's UNIT= for its own messages, else the line's unit. */
function logUnit(line: LogLine): string | null {
  const unit = line.fields?.UNIT ?? line.fields?._SYSTEMD_UNIT ?? line.unit;
  return /\.(service|scope)$/.test(unit) && unit !== 'init.scope' ? unit : null;
}

/** L in the Services overlay: the Log pane, filtered to the selected unit. */
export function openUnitLog(view: ViewState, ctx: ViewContext): ViewState {
  const alert = unitAlerts(ctx.model.services)[view.servicesSelected];
  if (!alert) return { ...view, notice: 'no unit selected' };
  if (!ctx.model.log) return { ...view, notice: 'no log source' };
  const filter = { ...view.log.filter, unit: alert.unit.id };
  return { ...view, mode: 'normal', focus: 'log', log: { ...view.log, anchor: null, filter }, notice: `showing ${alert.unit.id} only (f for all)` };
}

/** S or R: opens the confirmation, or says why not. */
export function openUnitDialog(view: ViewState, ctx: ViewContext, verb: ServiceVerb): ViewState {
  const refused = servicesRefusal(ctx.model, ctx.self);
  if (refused) return { ...view, notice: refused };
  const { unit, why } = unitInView(view, ctx);
  if (!unit) return { ...view, notice: why };
  if (unit.endsWith('.scope') && verb === 'restart') return { ...view, notice: `${unit} is a scope: it cannot be restarted, only stopped` };
  const target = unitTarget(ctx.model, unit, verb, ctx.self);
  const dialog: UnitDialog = { verb, target, yes: false, typed: '' };
  return { ...view, mode: target.guard ? 'confirm-typed' : 'confirm-service', dialog: { kind: 'service', ...dialog }, notice: null };
}

/** Answers the confirmation; a typed one goes ahead only when the name matches. */
export function answerUnitDialog(view: ViewState, yes: boolean): ViewState {
  const d = dialogOf(view, 'service');
  const back = { ...view, mode: 'normal' as const, dialog: null, detail: null };
  if (!d || !yes) return { ...back, notice: d ? 'cancelled' : null };
  if (d.target.guard && d.typed !== d.target.unit) return { ...view, notice: `type ${d.target.unit} exactly, or Esc to cancel` };
  return withEffect(back, { kind: 'run', intent: { kind: 'service', verb: d.verb, target: d.target } });
}

/** A typed character (or a deletion) in a typed confirmation. */
export function typeInDialog(view: ViewState, char: string | null): ViewState {
  const d = dialogOf(view, 'service');
  if (!d || view.mode !== 'confirm-typed') return view;
  const typed = char === null ? d.typed.slice(0, -1) : (d.typed + char).slice(0, 200);
  return { ...view, dialog: { ...d, typed } };
}

/** u: opens or closes the Services overlay. */
export function toggleServices(view: ViewState, ctx: ViewContext): ViewState {
  if (view.mode === 'services') return { ...view, mode: 'normal' };
  const refused = ctx.model.services?.unavailable;
  return { ...view, mode: 'services', servicesSelected: 0, servicesAnchor: null, detail: null, notice: refused ? `${refused}: nothing to list` : null };
}

/** Moves the overlay's selection. */
export function moveServicesSelection(view: ViewState, ctx: ViewContext, move: (i: number, len: number) => number): ViewState {
  const len = unitAlerts(ctx.model.services).length;
  const next = len === 0 ? 0 : Math.min(len - 1, Math.max(0, move(view.servicesSelected, len)));
  return { ...view, servicesSelected: next };
}
