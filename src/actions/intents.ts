/**
 * Destructive actions as plain data. A key produces an intent; the console runs
 * it through the injected SystemActions (live, read-only, demo or replay).
 * Refusals are decided here, purely, so they can be tested without a system.
 */

/** Signals the kill dialog offers, TERM first (the default). */
export const SIGNALS = ['TERM', 'INT', 'HUP', 'KILL', 'STOP', 'CONT'] as const;

/** A signal name without the SIG prefix. */
export type SignalName = (typeof SIGNALS)[number];

/** A process, locked by pid and start time when the dialog opens. */
export interface ProcessTarget {
  readonly pid: number;
  readonly startTicks: number;
  readonly comm: string;
  readonly command: string;
  readonly user: string;
  readonly unit: string | null;
  readonly kernelThread: boolean;
  /** Start time as text, for the dialog. */
  readonly started: string;
}

/** A deleted file that a process still holds open, through one descriptor. */
export interface HeldFile {
  readonly fd: number;
  readonly path: string;
  readonly bytes: number;
}

/** What a service action does to its unit. */
export type ServiceVerb = 'stop' | 'restart';

/** A service, as named in the confirmation and locked when it opens. */
export interface UnitTarget {
  /** The systemd unit (web.service), or the OpenRC / SysV service name. */
  readonly unit: string;
  readonly manager: 'systemd' | 'openrc' | 'sysv';
  readonly description: string;
  readonly state: string;
  /** 0 when unknown or none. */
  readonly mainPid: number;
  /** What else runs in the unit, as "pid command" lines. */
  readonly members: readonly string[];
  /** Why stopping it could cut the admin's own session (typed confirmation), or null. */
  readonly guard: string | null;
}

/** What the user confirmed. */
export type Intent =
  | { readonly kind: 'signal'; readonly target: ProcessTarget; readonly signal: SignalName }
  | { readonly kind: 'truncate'; readonly target: ProcessTarget; readonly file: HeldFile }
  | { readonly kind: 'service'; readonly verb: ServiceVerb; readonly target: UnitTarget };

/** Who sitrep is, for the refusals. */
export interface Self {
  readonly pid: number;
  readonly parentPid: number;
  readonly uid: number;
  readonly user: string;
  /** The units holding sitrep and the processes above it (its SSH session). */
  readonly sessionUnits?: readonly string[];
}

/** Why an action on `target` is refused, or null when it may go ahead. */
export function refusal(target: ProcessTarget, self: Self): string | null {
  if (target.pid === 1) return 'refused: pid 1 is the init process';
  if (target.pid === self.pid) return 'refused: that is sitrep itself';
  if (target.pid === self.parentPid) return "refused: that is sitrep's parent shell";
  if (target.kernelThread) return `refused: ${target.pid} is a kernel thread`;
  if (self.uid !== 0 && target.user !== self.user) return 'permission denied: run sitrep as root (sudo)';
  return null;
}
