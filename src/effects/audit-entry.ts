/**
 * The audit trail's entries, built purely from an intent (the target as the
 * dialog locked it) and its outcome, and turned into journal fields. Parsing
 * them back (from a journal entry or a syslog line) lives here too, so the
 * report reads exactly what was written.
 */
import type { AuditEntry, AuditOutcome } from '../stream/messages.js';
import type { ActionOutcome, Intent, ProcessTarget } from './intents.js';
import { CHANGED } from './check-lock-chain.js';
import { formatSize } from './format-size.js';

/** Who acted: the login user behind sudo, the uids and the SSH client. */
export interface Who {
  readonly user: string;
  readonly uid: number;
  readonly loginUid: number | null;
  readonly from: string;
  readonly host: string;
}

/** A refusal the view decided before any dialog (pid 1, read-only): what was asked, on what. */
export interface Refused {
  readonly action: string;
  readonly target: ProcessTarget | null;
  readonly text: string;
}

/** The action's name in the trail (SITREP_ACTION=). */
export function actionName(intent: Intent): string {
  if (intent.kind === 'service') return intent.verb;
  if (intent.kind === 'block') return intent.op === 'add' ? 'block' : 'unblock';
  if (intent.kind === 'delete-path') return 'delete';
  return intent.kind;
}

function processFields(t: ProcessTarget): Record<string, string> {
  return { pid: String(t.pid), start: String(t.startTicks), comm: t.comm, ...(t.unit ? { unit: t.unit } : {}), owner: t.user };
}

/** A stat's st.dev number as 'major:minor' (as /proc shows devices); '' when unknown. */
function majorMinor(dev: string): string {
  const n = Number(dev);
  if (dev === '' || !Number.isInteger(n) || n < 0) return '';
  return `${Math.floor(n / 256) & 0xfff}:${(n & 0xff) | (Math.floor(n / 4096) & 0xfff00)}`;
}

/** The target's identity as locked: one line, and its fields. */
export function targetOf(intent: Intent): { target: string; fields: Record<string, string>; figures: string } {
  switch (intent.kind) {
    case 'signal':
      return { target: `pid ${intent.target.pid} (${intent.target.comm}) start ${intent.target.startTicks}`, fields: { ...processFields(intent.target), signal: intent.signal }, figures: `SIG${intent.signal}; started ${intent.target.started}` };
    case 'truncate': {
      const f = intent.file;
      return {
        target: `${f.path} (deleted) dev ${f.device} ino ${f.inode ?? '?'} fd ${f.fd} of pid ${intent.target.pid} (${intent.target.comm}) start ${intent.target.startTicks}`,
        fields: { ...processFields(intent.target), path: f.path, device: f.device, inode: String(f.inode ?? ''), fd: String(f.fd), bytes: String(f.bytes) },
        figures: `${formatSize(f.bytes)} held`,
      };
    }
    case 'service': {
      const t = intent.target;
      return { target: `unit ${t.unit}`, fields: { unit: t.unit, manager: t.manager, mainPid: String(t.mainPid) }, figures: `${t.state}; main pid ${t.mainPid || 'none'}; ${t.members.length} process${t.members.length === 1 ? '' : 'es'}` };
    }
    case 'block':
      return { target: `range ${intent.range}`, fields: { range: intent.range }, figures: '' };
    case 'persist-journal':
      return { target: 'journald storage', fields: {}, figures: '' };
    default: {
      const [dev, inode] = (intent.lock?.target ?? ':').split(':');
      const device = majorMinor(dev ?? '');
      return { target: `path ${intent.path} dev ${device ?? ''} ino ${inode ?? ''}`, fields: { path: intent.path, device: device ?? '', inode: inode ?? '', bytes: String(intent.bytes) }, figures: `${formatSize(intent.bytes)}` };
    }
  }
}

/** How an outcome reads in the trail: a refusal and a changed target are told apart from a failure. */
export function outcomeOf(outcome: ActionOutcome): AuditOutcome {
  if (outcome.ok) return 'ok';
  if (/^refused|^read-only|^replay:|^permission denied|^needs root/.test(outcome.text)) return 'refused';
  if (outcome.text === CHANGED || / is no longer | changed since /.test(outcome.text)) return 'changed';
  return 'failed';
}

let counter = 0;
/** A unique id: time, pid and a counter. */
export function auditId(t: number, pid: number): string {
  counter = (counter + 1) % 1e6;
  return `${t.toString(36)}-${pid.toString(36)}-${counter.toString(36)}`;
}

/** The entry of a confirmed intent and its outcome. */
export function auditEntry(intent: Intent, outcome: ActionOutcome, who: Who, t: number, pid: number, via = '', at = t): AuditEntry {
  const { target, fields, figures } = targetOf(intent);
  return { at, id: auditId(t, pid), action: actionName(intent), outcome: outcomeOf(outcome), user: who.user, uid: who.uid, loginUid: who.loginUid, from: who.from, host: who.host, target, fields, figures, text: outcome.text, via };
}

/** The entry of an action refused before its dialog (pid 1, read-only). */
export function refusedEntry(r: Refused, who: Who, t: number, pid: number, via = ''): AuditEntry {
  const fields = r.target ? processFields(r.target) : {};
  const target = r.target ? `pid ${r.target.pid} (${r.target.comm}) start ${r.target.startTicks}` : 'none';
  return { at: t, id: auditId(t, pid), action: r.action, outcome: 'refused', user: who.user, uid: who.uid, loginUid: who.loginUid, from: who.from, host: who.host, target, fields, figures: '', text: r.text, via };
}

/** One line, no control characters: a journal field value or a syslog word. */
const line = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 4096);

/** The sentence of the entry (MESSAGE=). */
export function auditSentence(e: AuditEntry): string {
  return line(`sitrep: ${e.user}${e.from ? ` from ${e.from}` : ''} ${e.action} ${e.target}: ${e.outcome}: ${e.text}${e.via ? ` (via ${e.via})` : ''}`);
}

/** The entry as journal fields (FIELD=value lines for `logger --journald`), MESSAGE first. */
export function journalFields(e: AuditEntry): string[] {
  const pairs: Array<[string, string]> = [
    ['MESSAGE', auditSentence(e)], ['PRIORITY', e.outcome === 'ok' ? '5' : '4'], ['SYSLOG_IDENTIFIER', 'sitrep'],
    ['SITREP_ID', e.id], ['SITREP_AT', String(e.at)], ['SITREP_ACTION', e.action], ['SITREP_OUTCOME', e.outcome], ['SITREP_USER', e.user], ['SITREP_UID', String(e.uid)],
    ['SITREP_LOGINUID', e.loginUid === null ? '' : String(e.loginUid)], ['SITREP_FROM', e.from], ['SITREP_HOST', e.host], ['SITREP_TARGET', e.target],
    ['SITREP_FIGURES', e.figures], ['SITREP_RESULT', e.text], ['SITREP_VIA', e.via],
    ...Object.entries(e.fields).map(([k, v]): [string, string] => [`SITREP_T_${k.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`, v]),
  ];
  return pairs.map(([k, v]) => `${k}=${line(v)}`);
}

/** The marker a syslog line carries before the entry's JSON (no journal on the host). */
export const SYSLOG_MARK = ' sitrep-audit=';

/** The entry as one syslog line: the sentence, then the entry as JSON. */
export function syslogLine(e: AuditEntry): string {
  return `${auditSentence(e)}${SYSLOG_MARK}${JSON.stringify({ ...e, text: line(e.text), target: line(e.target) })}`;
}

const str = (v: unknown, max = 4096): string => (typeof v === 'string' ? v.slice(0, max) : '');
const num = (v: unknown): number | null => (typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
const OUTCOMES: readonly AuditOutcome[] = ['ok', 'failed', 'refused', 'changed'];

/** An entry read back from journal fields (SITREP_*), or null when they are not one. Hostile values stay raw text. */
export function entryFromJournal(o: Readonly<Record<string, unknown>>): AuditEntry | null {
  const action = str(o.SITREP_ACTION, 32);
  const outcome = str(o.SITREP_OUTCOME, 16) as AuditOutcome;
  if (!action || !OUTCOMES.includes(outcome)) return null;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (k.startsWith('SITREP_T_') && Object.keys(fields).length < 16) fields[k.slice(9).toLowerCase()] = str(v, 1024);
  const at = typeof o.SITREP_AT === 'string' && /^\d{1,15}$/.test(o.SITREP_AT) ? Number(o.SITREP_AT) : typeof o.SITREP_AT === 'number' && Number.isInteger(o.SITREP_AT) && o.SITREP_AT >= 0 && o.SITREP_AT < 253402300799999 ? o.SITREP_AT : 0;
  return {
    at, id: str(o.SITREP_ID, 64), action, outcome, user: str(o.SITREP_USER, 256), uid: num(o.SITREP_UID) ?? 0, loginUid: num(o.SITREP_LOGINUID),
    from: str(o.SITREP_FROM, 64), host: str(o.SITREP_HOST, 256), target: str(o.SITREP_TARGET), fields, figures: str(o.SITREP_FIGURES, 1024), text: str(o.SITREP_RESULT), via: str(o.SITREP_VIA, 64),
  };
}

/** An entry read back from a syslog line, or null. */
export function entryFromSyslog(message: string): AuditEntry | null {
  const at = message.indexOf(SYSLOG_MARK);
  if (at < 0) return null;
  try {
    const o = JSON.parse(message.slice(at + SYSLOG_MARK.length)) as Record<string, unknown>;
    if (!o || typeof o !== 'object') return null;
    const fields = o.fields && typeof o.fields === 'object' ? Object.fromEntries(Object.entries(o.fields as Record<string, unknown>).slice(0, 16).map(([k, v]) => [`SITREP_T_${k}`, v])) : {};
    return entryFromJournal({ SITREP_AT: o.at, SITREP_ID: o.id, SITREP_ACTION: o.action, SITREP_OUTCOME: o.outcome, SITREP_USER: o.user, SITREP_UID: String(o.uid ?? ''), SITREP_LOGINUID: o.loginUid === null ? '' : String(o.loginUid ?? ''), SITREP_FROM: o.from, SITREP_HOST: o.host, SITREP_TARGET: o.target, SITREP_FIGURES: o.figures, SITREP_RESULT: o.text, SITREP_VIA: o.via, ...fields });
  } catch {
    return null;
  }
}
