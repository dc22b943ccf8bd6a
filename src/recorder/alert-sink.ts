/**
 * Where the recorder's alerts go: the journal at warning priority with a
 * stable SITREP_ALERT= field (or syslog through logger(1) where no journald
 * listens), the store (an event message, so replay and reports show it), and
 * optionally a program (`--alert-command`), run from an argv array with a
 * timeout, the alert as JSON on stdin and SITREP_ALERT_* variables, never
 * twice at once for the same alert (a later event waits for the running one).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AlertEvent } from '../model/alert-rules.js';
import { formatBytes, formatSpan } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';

/** journald's native socket: present where journald runs. */
export const JOURNAL_SOCKET = '/run/systemd/journal/socket';

/** One line saying the alert, for the journal, syslog and the store. */
export function alertText(e: AlertEvent): string {
  const f = e.figures;
  const what = e.kind === 'filesystem-filling' ? `${f.mount} full in ${formatSpan(Number(f.secondsToFull))} at ${formatBytes(Number(f.rateBytesPerSecond ?? 0))}/s (${Math.round(Number(f.usedFraction ?? 0) * 100)}% used)`
    : e.kind === 'inodes-filling' ? `${f.mount} out of inodes in ${formatSpan(Number(f.secondsToFull))} at ${f.inodesPerSecond}/s`
    : e.kind === 'filesystem-full' ? `${f.mount} is full for users (${formatBytes(Number(f.availBytes ?? 0))} left)`
    : e.kind === 'crash-loop' ? `${e.subject} crash-looping (${f.crashes10m} crashes in 10 min)`
    : e.kind === 'oom-kill' ? `OOM kill of ${e.subject}${f.cgroup ? ` in ${f.cgroup}` : ''}`
    : e.kind === 'volatile-journal' ? 'the journal is volatile (in RAM only): a reboot loses it'
    : `memory runs out in ${formatSpan(Number(f.secondsToOom))}`;
  const writer = e.culprit && (e.kind === 'filesystem-filling' || e.kind === 'inodes-filling' || e.kind === 'filesystem-full') ? `, writer ${e.culprit}` : '';
  const head = e.state === 'start' ? 'ALERT' : `RESOLVED after ${formatSpan((e.t - e.startedAt) / 1000)}`;
  return sanitize(`sitrep ${head}: ${what}${writer} [SITREP_ALERT=${e.id}]`, 600);
}

/**
 * The alert as the store's event: short, because the status line shows the
 * last event beside the replay's clock (the journal line has the figures):
 * `ALERT filesystem-filling …/srv/data`, `RESOLVED filesystem-filling …/srv/data`.
 */
export function alertNote(e: AlertEvent): string {
  const subject = sanitize(e.subject, 200);
  const tail = subject.length <= 24 ? subject : `…${subject.slice(-23)}`;
  return `${e.state === 'start' ? 'ALERT' : 'RESOLVED'} ${e.kind} ${tail}`;
}

/** The alert's variables (also the journal fields): SITREP_ALERT=id, SITREP_ALERT_STATE, _KIND, _SUBJECT, _CULPRIT, _STARTED, one per figure. */
export function alertVariables(e: AlertEvent): Record<string, string> {
  const vars: Record<string, string> = {
    SITREP_ALERT: e.id, SITREP_ALERT_STATE: e.state, SITREP_ALERT_KIND: e.kind, SITREP_ALERT_SUBJECT: e.subject,
    SITREP_ALERT_CULPRIT: e.culprit ?? '', SITREP_ALERT_STARTED: new Date(e.startedAt).toISOString(), SITREP_ALERT_TIME: new Date(e.t).toISOString(),
  };
  for (const [k, v] of Object.entries(e.figures)) vars[`SITREP_ALERT_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] = v === null ? '' : String(v);
  // Values come from the system (mount points, unit names): one line each, no controls.
  for (const k of Object.keys(vars)) vars[k] = sanitize(vars[k]!, 1000).replace(/[\r\n]/g, ' ');
  return vars;
}

/** The alert as the command's JSON: kind, subject, figures, culprit, start/resolve. */
export function alertJson(e: AlertEvent): string {
  return `${JSON.stringify({ id: e.id, state: e.state, kind: e.kind, subject: e.subject, figures: e.figures, culprit: e.culprit, startedAt: new Date(e.startedAt).toISOString(), time: new Date(e.t).toISOString(), resolvedAt: e.state === 'resolve' ? new Date(e.t).toISOString() : null })}\n`;
}

/** Runs logger(1) with `args` and `input`; never throws (a missing logger is said once on stderr). */
function runLogger(args: string[], input: string | null, say: (text: string) => void): void {
  const child = spawn('logger', args, { stdio: [input === null ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  child.on('error', (e) => say(`alert not logged: ${e.message}`));
  child.on('close', (code) => {
    if (code) say(`alert not logged: logger exited ${code}: ${sanitize(err, 200)}`);
  });
  if (input !== null) child.stdin!.end(input);
}

/** Writes the alert to the journal (structured fields, PRIORITY=4) or, without journald, to syslog at daemon.warning. */
export function logAlert(e: AlertEvent, say: (text: string) => void, journal = existsSync(JOURNAL_SOCKET)): void {
  const text = alertText(e);
  if (journal) {
    const fields = { MESSAGE: text, PRIORITY: '4', SYSLOG_IDENTIFIER: 'sitrep', ...alertVariables(e) };
    runLogger(['--journald'], Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('\n') + '\n', say);
  } else runLogger(['-p', 'daemon.warning', '-t', 'sitrep', '--', text], null, say);
}

/** Runs the alert command: one run at a time per alert id, the latest waiting event run after it, each killed after `timeoutMs`. */
export class AlertCommand {
  private readonly running = new Map<string, AlertEvent[]>();

  constructor(private readonly argv: readonly string[], private readonly say: (text: string) => void, private readonly timeoutMs = 30_000) {}

  /** Runs the command for `e` now, or after the run in progress for the same alert. */
  run(e: AlertEvent): void {
    const queue = this.running.get(e.id);
    if (queue) {
      queue.push(e);
      return;
    }
    this.running.set(e.id, []);
    this.start(e);
  }

  /** How many alerts have a run in progress. */
  get busy(): number {
    return this.running.size;
  }

  private start(e: AlertEvent): void {
    const [cmd, ...args] = this.argv;
    // Only PATH, LANG and the alert: the recorder's own environment stays out of the command.
    const env = { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LANG: process.env.LANG ?? 'C.UTF-8', ...alertVariables(e) };
    const child = spawn(cmd!, args, { env, stdio: ['pipe', 'inherit', 'inherit'], timeout: this.timeoutMs, killSignal: 'SIGKILL' });
    child.stdin!.on('error', () => {});
    child.stdin!.end(alertJson(e));
    let finished = false;
    const next = (): void => {
      if (finished) return;
      finished = true;
      const queue = this.running.get(e.id) ?? [];
      const following = queue.shift();
      if (following) this.start(following);
      else this.running.delete(e.id);
    };
    child.on('error', (err) => {
      this.say(`--alert-command ${sanitize(cmd!, 100)}: ${sanitize(err.message, 200)}`);
      next();
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') this.say(`--alert-command ${sanitize(cmd!, 100)} killed after ${this.timeoutMs / 1000} s (${e.id})`);
      else if (code) this.say(`--alert-command ${sanitize(cmd!, 100)} exited ${code} (${e.id})`);
      next();
    });
  }
}
