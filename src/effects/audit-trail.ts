/**
 * The audit trail on this host: who acts (the login user behind sudo, the SSH
 * client), and each entry written to the journal with `logger --journald`
 * (structured SITREP_* fields, from an argv array and stdin), or to syslog with
 * `logger` when there is no journal. Writing never blocks the action: it runs
 * after it, and a failure only says the trail is missing.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { envClientAddress, sshClients } from '../../collectors/net/ssh-sessions.js';
import type { AuditEntry } from '../stream/messages.js';
import { auditEntry, journalFields, refusedEntry, syslogLine, type Refused, type Who } from './audit-entry.js';
import type { ActionOutcome, Intent, SystemActions } from './intents.js';

/** The login uid the kernel reports when none is set. */
const UNSET_LOGINUID = 4294967295;

/** A user's name by uid from /etc/passwd, or null. */
function userName(uid: number, passwd = '/etc/passwd'): string | null {
  try {
    for (const line of readFileSync(passwd, 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && Number(id) === uid) return name;
    }
  } catch {
    // no passwd: the number stands
  }
  return null;
}

/** Who is acting here: SUDO_USER, else the login uid's user, else the process user; and the SSH client address. */
export function whoAmI(env: Readonly<Record<string, string | undefined>> = process.env, procRoot = '/proc'): Who {
  let loginUid: number | null = null;
  try {
    const n = Number(readFileSync(`${procRoot}/self/loginuid`, 'utf8').trim());
    loginUid = Number.isInteger(n) && n !== UNSET_LOGINUID ? n : null;
  } catch {
    // no audit support in this kernel
  }
  const uid = process.getuid?.() ?? 0;
  const self = (() => {
    try {
      return userInfo().username;
    } catch {
      return String(uid);
    }
  })();
  const login = loginUid === null ? null : (userName(loginUid) ?? `uid ${loginUid}`);
  const user = env.SUDO_USER || login || self;
  // sudo drops SSH_CONNECTION: the session above sitrep still has it (ssh-sessions walks up /proc).
  const from = envClientAddress(env) ?? sshClients(procRoot, process.pid, env, false).find((c) => c.own)?.address ?? '';
  return { user, uid, loginUid, from, host: hostname() };
}

/** Where the trail goes: the journal's socket when there is one, else syslog (/dev/log), else nowhere. */
export function trailTarget(): 'journal' | 'syslog' | null {
  if (existsSync('/run/systemd/journal/socket')) return 'journal';
  if (existsSync('/dev/log')) return 'syslog';
  return null;
}

/** Runs logger with `input` on stdin; resolves with null, or why it failed. Never rejects; 5 s at most. */
function logger(argv: readonly string[], input: string): Promise<string | null> {
  return new Promise((resolve) => {
    let err = '';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn('logger', argv, { stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (error) {
      resolve((error as Error).message);
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-500)));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code === 'ENOENT' ? 'logger is not installed' : e.message);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : `logger: ${err.trim().split('\n')[0] || `exit ${code}`}`);
    });
    child.stdin!.on('error', () => {});
    child.stdin!.end(input);
  });
}

/** Writes one entry; resolves with null when it is in the trail, or why it is missing. */
export async function writeAudit(entry: AuditEntry, target = trailTarget()): Promise<string | null> {
  if (target === 'journal') return logger(['--journald'], `${journalFields(entry).join('\n')}\n`);
  if (target === 'syslog') return logger(['-t', 'sitrep', '-p', entry.outcome === 'ok' ? 'auth.notice' : 'auth.warning', '--', syslogLine(entry)], '');
  return 'no journal and no syslog (/dev/log) on this host';
}

/** An outcome with its trail: the entry, and why it is missing from the log (null when written). */
export interface AuditedOutcome extends ActionOutcome {
  readonly audit?: AuditEntry;
  readonly trailMissing?: string | null;
}

/** Actions that also take refusals decided before a dialog, to log them. */
export interface AuditedActions extends SystemActions {
  run(intent: Intent): Promise<AuditedOutcome>;
  refused(r: Refused): Promise<AuditedOutcome>;
}

/** `inner` with every outcome written to the trail after it acted; `via` says the console was elsewhere (the agent). */
export function auditedActions(inner: SystemActions, options: { who?: () => Who; write?: (e: AuditEntry) => Promise<string | null>; via?: string } = {}): AuditedActions {
  let cached: Who | null = null;
  const who = options.who ?? (() => (cached ??= whoAmI()));
  const write = options.write ?? ((e: AuditEntry) => writeAudit(e));
  const log = async (outcome: ActionOutcome, entry: AuditEntry): Promise<AuditedOutcome> => {
    const missing = await write(entry).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
    return { ...outcome, audit: entry, trailMissing: missing };
  };
  return {
    async run(intent) {
      const at = Date.now();
      const outcome = await inner.run(intent).catch((e: unknown) => ({ ok: false, text: `action failed: ${e instanceof Error ? e.message : String(e)}` }));
      return log(outcome, auditEntry(intent, outcome, who(), Date.now(), process.pid, options.via ?? '', at));
    },
    async refused(r) {
      const outcome = { ok: false, text: r.text };
      return log(outcome, refusedEntry(r, who(), Date.now(), process.pid, options.via ?? ''));
    },
    dispose: () => inner.dispose?.(),
  };
}
