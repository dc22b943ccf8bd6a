/**
 * The live SystemActions: signals and truncation on this machine. The target's
 * start time is read again just before acting, so a recycled pid is never hit.
 * Every outcome is one plain sentence; errors never surface as stack traces.
 */
import { closeSync, constants as fsc, fstatSync, ftruncateSync, openSync } from 'node:fs';
import { deviceName } from '../../collectors/proc/read-open-writes.js';
import { constants } from 'node:os';
import { parsePidStat } from '../../collectors/proc/parse-pid.js';
import { readText } from '../../collectors/proc/read-processes.js';
import { blockRefusal, type Intent, type ProcessTarget } from './intents.js';
import { sshClients } from '../../collectors/net/ssh-sessions.js';
import { guardedAddresses } from '../../collectors/net/host-guard.js';
import { formatSize } from './format-size.js';
import { CommandRunner, runServiceAction } from './service-actions.js';
import { persistJournal, runBlock } from './log-actions.js';
import { deletePath, truncatePath } from './path-actions.js';
import { CHANGED } from './check-lock-chain.js';

export type { ActionOutcome, SystemActions } from './intents.js';
import type { ActionOutcome, SystemActions } from './intents.js';
import { REFUSALS } from './refusals.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the exact process (pid and start time) still exists and is not a zombie. */
export function stillRunning(target: ProcessTarget, procRoot = '/proc'): boolean {
  const stat = parsePidStat(readText(`${procRoot}/${target.pid}/stat`) ?? '');
  return stat !== null && stat.startTicks === target.startTicks && stat.state !== 'Z' && stat.state !== 'X';
}

/** An errno as a plain sentence about `target`. */
export function errorText(error: unknown, target: ProcessTarget): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EPERM' || code === 'EACCES') return REFUSALS.notRoot;
  if (code === 'ESRCH' || code === 'ENOENT') return `${target.pid} (${target.comm}) had already exited`;
  return `failed: ${(error as Error).message}`;
}

async function signal(target: ProcessTarget, name: Intent & { kind: 'signal' }, procRoot: string, waitMs: number): Promise<ActionOutcome> {
  if (!stillRunning(target, procRoot)) return { ok: false, text: `pid ${target.pid} is no longer ${target.comm}; nothing sent` };
  try {
    process.kill(target.pid, constants.signals[`SIG${name.signal}`]);
  } catch (error) {
    return { ok: false, text: errorText(error, target) };
  }
  const sent = `sent ${name.signal} to ${target.pid} (${target.comm})`;
  if (name.signal === 'STOP' || name.signal === 'CONT') return { ok: true, text: sent };
  const started = Date.now();
  while (Date.now() - started < waitMs) {
    if (!stillRunning(target, procRoot)) return { ok: true, text: `${sent}; it exited after ${((Date.now() - started) / 1000).toFixed(1)} s` };
    await sleep(50);
  }
  return { ok: true, text: `${sent}; still running after ${Math.round(waitMs / 1000)} s — press K again for KILL` };
}

/**
 * Truncates the deleted file a process holds, through its descriptor: opened
 * once, checked to be the locked device and inode and still deleted, then
 * emptied with ftruncate on that same open file. A holder that points the
 * descriptor elsewhere (dup2) between the dialog and `y` gets a refusal.
 */
function truncate(intent: Intent & { kind: 'truncate' }, procRoot: string): ActionOutcome {
  const { target, file } = intent;
  if (!stillRunning(target, procRoot)) return { ok: false, text: `pid ${target.pid} is no longer ${target.comm}; nothing truncated` };
  if (file.inode === null) return { ok: false, text: 'the file was not locked when shown (old data): nothing done' };
  let fd: number;
  try {
    fd = openSync(`${procRoot}/${target.pid}/fd/${file.fd}`, fsc.O_WRONLY | fsc.O_NONBLOCK | fsc.O_NOCTTY);
  } catch (error) {
    return { ok: false, text: errorText(error, target) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.ino !== file.inode || deviceName(st.dev) !== file.device || st.nlink !== 0) return { ok: false, text: CHANGED };
    ftruncateSync(fd, 0);
  } catch (error) {
    return { ok: false, text: errorText(error, target) };
  } finally {
    closeSync(fd);
  }
  return { ok: true, text: `freed ${formatSize(file.bytes)}: truncated ${file.path} (deleted), held by ${target.pid} (${target.comm})` };
}

/** Actions on this machine; `waitMs` is how long to watch a signalled process. */
export function liveActions(procRoot = '/proc', waitMs = 5000): SystemActions {
  const runner = new CommandRunner();
  return {
    async run(intent) {
      if (intent.kind === 'signal') return signal(intent.target, intent, procRoot, waitMs);
      if (intent.kind === 'service') return runServiceAction(runner, intent.target, intent.verb);
      if (intent.kind === 'block') {
        // Sessions may have logged in (and addresses changed) since the dialog opened: ask again, just before acting.
        const refused = intent.op === 'add' ? blockRefusal(intent.range, sshClients(procRoot), guardedAddresses(procRoot)) : null;
        return refused ? { ok: false, text: refused } : runBlock(runner, intent.range, intent.op);
      }
      if (intent.kind === 'persist-journal') return persistJournal(runner);
      if (intent.kind === 'delete-path') return deletePath(runner, intent.path, intent.lock);
      if (intent.kind === 'truncate-path') return truncatePath(intent.path, intent.lock);
      return truncate(intent, procRoot);
    },
    dispose: () => runner.dispose(),
  };
}

/** Actions for --read-only (and replay): every action says it is off. */
export function readOnlyActions(reason: string = REFUSALS.readOnly): SystemActions {
  return { run: async () => ({ ok: false, text: reason }) };
}
