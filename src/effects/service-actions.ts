/**
 * Runs stop and restart through the service manager, from argv arrays only:
 * `systemctl --no-pager --no-ask-password stop UNIT`, `rc-service NAME stop`,
 * `service NAME stop`. Reports the new state and the time taken, or the
 * manager's own message. Calls in flight are killed when sitrep exits.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import type { ServiceVerb, UnitTarget } from './intents.js';
import type { ActionOutcome } from './intents.js';
import { REFUSALS } from './refusals.js';

/** The argv of a service action. */
export function serviceArgv(target: UnitTarget, verb: ServiceVerb): string[] {
  if (target.manager === 'openrc') return ['rc-service', target.unit, verb];
  if (target.manager === 'sysv') return ['service', target.unit, verb];
  return ['systemctl', '--no-pager', '--no-ask-password', verb, '--', target.unit];
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly missing: boolean;
}

/** Runs commands, remembering children so they can be killed on exit. */
export class CommandRunner {
  private readonly children = new Set<ChildProcess>();

  /** Runs argv with a timeout; never rejects. */
  run(argv: readonly string[], timeoutMs = 90_000): Promise<Run> {
    return new Promise((resolve) => {
      const child = execFile(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
        this.children.delete(child);
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr, missing: (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' });
      });
      this.children.add(child);
    });
  }

  /** Runs argv with `fd` as the child's descriptor 3 (a directory it works relative to); never rejects. */
  runWithFd(argv: readonly string[], fd: number, timeoutMs = 600_000): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe', fd] });
      this.children.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout = (stdout + d).slice(-65536)));
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-65536)));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const done = (code: number | null, missing: boolean) => {
        clearTimeout(timer);
        this.children.delete(child);
        resolve({ code, stdout, stderr, missing });
      };
      child.on('error', (error: NodeJS.ErrnoException) => done(null, error.code === 'ENOENT'));
      child.on('close', (code) => done(code, false));
    });
  }

  /** Kills every child still running. */
  dispose(): void {
    for (const child of this.children) child.kill('SIGKILL');
    this.children.clear();
  }
}

const PAST: Record<ServiceVerb, string> = { stop: 'stopped', restart: 'restarted' };

/** The manager's first meaningful line of complaint. */
function complaint(run: Run): string {
  const line = `${run.stderr}\n${run.stdout}`.split('\n').map((l) => l.trim()).find(Boolean);
  if (run.missing) return 'command not found';
  if (/access denied|permission|not permitted|interactive authentication/i.test(line ?? '')) return REFUSALS.notRoot;
  return line ?? `exit code ${run.code ?? 'timeout'}`;
}

async function systemdState(runner: CommandRunner, unit: string): Promise<{ state: string; mainPid: number }> {
  const run = await runner.run(['systemctl', 'show', '--no-pager', '--property=ActiveState,SubState,MainPID', '--', unit], 10_000);
  const props = new Map(run.stdout.split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const));
  return { state: `${props.get('ActiveState') ?? '?'} (${props.get('SubState') ?? '?'})`, mainPid: Number(props.get('MainPID')) || 0 };
}

/** Stops or restarts `target`, then reads its new state. */
export async function runServiceAction(runner: CommandRunner, target: UnitTarget, verb: ServiceVerb): Promise<ActionOutcome> {
  const started = Date.now();
  const run = await runner.run(serviceArgv(target, verb));
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (run.code !== 0) return { ok: false, text: `${verb} ${target.unit} failed after ${took}: ${complaint(run)}` };
  if (target.manager !== 'systemd') return { ok: true, text: `${PAST[verb]} ${target.unit} in ${took}` };
  const after = await systemdState(runner, target.unit);
  const pid = verb === 'restart' && after.mainPid ? `, main pid ${after.mainPid}${target.mainPid ? ` (was ${target.mainPid})` : ''}` : '';
  return { ok: true, text: `${PAST[verb]} ${target.unit} in ${took}: now ${after.state}${pid}` };
}
