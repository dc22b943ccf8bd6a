/**
 * The recorder's alerts: it folds the messages it records into a model, and
 * at every sample evaluates the rules (model/alert-rules.ts); a start or a
 * resolution goes to the journal (or syslog), into the store as an event, and
 * to the alert command if one is given.
 */
import type { Message } from '../stream/messages.js';
import { initialModel, reduce, type ModelState } from '../model/model.js';
import { ALERT_DEFAULTS, evaluateAlerts, activeAlerts, type AlertEvent, type AlertSettings, type AlertState } from '../model/alert-rules.js';
import { alertFacts } from './alert-facts.js';
import { AlertCommand, alertNote, alertText, logAlert } from './alert-sink.js';

/** What `record --store` was told about alerts. */
export interface AlertOptions {
  /** The program and its arguments (split on spaces, no shell), or null. */
  readonly command: readonly string[] | null;
  readonly horizonMs: number;
  readonly holdMs: number;
}

/** The recorder's alert evaluator; `push` every message it records. */
export class RecorderAlerts {
  private model: ModelState = initialModel(600);
  private state: AlertState = new Map();
  private readonly command: AlertCommand | null;
  private readonly settings: AlertSettings;
  private failed = false;

  constructor(options: AlertOptions, private readonly record: (m: Message) => void, private readonly say: (text: string) => void, private readonly log = logAlert) {
    this.settings = { ...ALERT_DEFAULTS, horizonMs: options.horizonMs, holdMs: options.holdMs };
    this.command = options.command && options.command.length > 0 ? new AlertCommand(options.command, say) : null;
  }

  /** Folds one message in; at a sample, evaluates the rules and sends what started or resolved. */
  push(m: Message): void {
    // Alerts never stop the recording: a failure is said once and alerts turn off.
    if (this.failed) return;
    try {
      this.model = reduce(this.model, m);
      if (m.kind !== 'sample') return;
      const { state, events } = evaluateAlerts(this.state, alertFacts(this.model), this.settings);
      this.state = state;
      for (const e of events) this.send(e);
    } catch (error) {
      this.failed = true;
      this.say(`alerts off: ${(error as Error).message}`);
    }
  }

  /** The ids of the alerts active now. */
  active(): string[] {
    return activeAlerts(this.state);
  }

  private send(e: AlertEvent): void {
    const text = alertText(e);
    this.say(text);
    this.record({ kind: 'event', t: e.t, type: 'note', text: alertNote(e) });
    this.log(e, this.say);
    this.command?.run(e);
  }
}
