/**
 * The live console's active alerts, for its status line: the recorder's rules
 * (model/alert-rules.ts) evaluated on the console's own model, once per new
 * sample, without sinks (the recorder is the one that logs and runs commands).
 */
import type { ModelState } from '../model/model.js';
import { activeAlerts, evaluateAlerts, type AlertState } from '../model/alert-rules.js';
import { alertFacts } from './alert-facts.js';
import { sanitize } from '../text/sanitize.js';

/**
 * A banner function: `LIVE`, or `LIVE · ALERT id, id` while alerts are active;
 * `short` (`ALERT 2`) is what the status line keeps beside an action's outcome.
 */
export function liveAlertBanner(label = 'LIVE'): (model?: ModelState) => { text: string; alert: boolean; short?: string } {
  let state: AlertState = new Map();
  let seen: number | null = null;
  let shown: { text: string; alert: boolean; short?: string } = { text: label, alert: false };
  return (model) => {
    if (!model || model.lastSampleAt === null || model.lastSampleAt === seen) return shown;
    seen = model.lastSampleAt;
    state = evaluateAlerts(state, alertFacts(model)).state;
    const active = activeAlerts(state);
    // Subjects kept by their end (where mount points differ), so several alerts fit the line.
    const short = active.map((id) => {
      const at = id.indexOf(':');
      const subject = sanitize(id.slice(at + 1), 200);
      return `${id.slice(0, at)}:${subject.length <= 24 ? subject : `…${subject.slice(-23)}`}`;
    });
    shown = active.length === 0 ? { text: label, alert: false } : { text: `${label} · ALERT ${short.join(', ')}`, alert: true, short: `ALERT ${active.length}` };
    return shown;
  };
}
