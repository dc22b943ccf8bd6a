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
  /** @min 1 @max 4194304 */
  readonly pid: number;
  /** @min 0 */
  readonly startTicks: number;
  /** @maxLength 256 */
  readonly comm: string;
  /** @maxLength 65536 */
  readonly command: string;
  /** @maxLength 256 */
  readonly user: string;
  /** @maxLength 4096 */
  readonly unit: string | null;
  readonly kernelThread: boolean;
  /** Start time as text, for the dialog. @maxLength 256 */
  readonly started: string;
}

/** A deleted file that a process still holds open, through one descriptor. */
export interface HeldFile {
  /** @min 0 @max 1048576 */
  readonly fd: number;
  /** @maxLength 65536 */
  readonly path: string;
  /** @min 0 */
  readonly bytes: number;
  /** The file as locked when it was shown: 'major:minor' and inode (null when unknown). @maxLength 64 */
  readonly device: string;
  /** @min 0 */
  readonly inode: number | null;
}

/** What a service action does to its unit. */
export type ServiceVerb = 'stop' | 'restart';

/** A service, as named in the confirmation and locked when it opens. */
export interface UnitTarget {
  /** The systemd unit (web.service), or the OpenRC / SysV service name. @maxLength 512 */
  readonly unit: string;
  readonly manager: 'systemd' | 'openrc' | 'sysv';
  /** @maxLength 4096 */
  readonly description: string;
  /** @maxLength 256 */
  readonly state: string;
  /** 0 when unknown or none. @min 0 @max 4194304 */
  readonly mainPid: number;
  /** What else runs in the unit, as "pid command" lines. @maxItems 64 @maxLength 65536 */
  readonly members: readonly string[];
  /** Why stopping it could cut the admin's own session (typed confirmation), or null. @maxLength 1024 */
  readonly guard: string | null;
}

/** What the user confirmed. */
export type Intent =
  | { readonly kind: 'signal'; readonly target: ProcessTarget; readonly signal: SignalName }
  | { readonly kind: 'truncate'; readonly target: ProcessTarget; readonly file: HeldFile }
  | { readonly kind: 'service'; readonly verb: ServiceVerb; readonly target: UnitTarget }
  | { readonly kind: 'block'; readonly op: 'add' | 'remove'; /** @maxLength 64 */ readonly range: string }
  | { readonly kind: 'persist-journal' }
  | { readonly kind: 'delete-path'; /** @maxLength 65536 */ readonly path: string; /** @min 0 */ readonly bytes: number; readonly lock: PathLock | null }
  | { readonly kind: 'truncate-path'; /** @maxLength 65536 */ readonly path: string; /** @min 0 */ readonly bytes: number; readonly lock: PathLock | null };

/**
 * A drill-down target as shown: 'dev:ino' of '/' and each directory down to
 * its parent, and of the target itself. The action re-checks every one.
 */
export interface PathLock {
  /** @maxItems 8192 @maxLength 64 */
  readonly chain: readonly string[];
  /** @maxLength 64 */
  readonly target: string;
}

import type { GuardedAddress, SshClient } from '../stream/messages.js';
import { REFUSALS } from './refusals.js';

/** Top-level system directories the drill-down never deletes. */
const PROTECTED = /^\/(etc|usr|bin|boot|lib[^/]*|sbin|var|proc|sys|dev|run)?\/?$/;

/** Why deleting or truncating `path` is refused (/, system directories, relative paths), or null. */
export function pathRefusal(path: string): string | null {
  if (!path.startsWith('/')) return `refused: ${path} is not an absolute path`;
  if (PROTECTED.test(path)) return `refused: ${path === '/' ? '/' : path.replace(/\/$/, '')} is a top-level system directory`;
  return null;
}

/** Whether an IPv4 or IPv6 address lies in a /24 or /48 range as sitrep writes them. */
export function rangeHolds(range: string, address: string): boolean {
  if (!range.includes(':')) return address.split('.').slice(0, 3).join('.') === range.split('.').slice(0, 3).join('.');
  const groups = (a: string) => {
    const [h, t] = a.replace(/\/\d+$/, '').split('::');
    const head = h ? h.split(':') : [];
    const tail = t ? t.split(':') : [];
    const all = t === undefined ? head : [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail];
    return all.slice(0, 3).map((g) => parseInt(g || '0', 16));
  };
  return address.includes(':') && groups(range).join(':') === groups(address).join(':');
}

/** The first three 16-bit groups of an IPv6 address or /48 as sitrep writes them, or null. */
function v6Head(text: string): number[] | null {
  const [h, t] = text.replace(/\/\d+$/, '').split('::');
  const head = h ? h.split(':') : [];
  const tail = t ? t.split(':') : [];
  const all = t === undefined ? head : [...head, ...Array(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail];
  const groups = all.slice(0, 3).map((g) => parseInt(g || '0', 16));
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** What kind of range no one may block at all (loopback, link-local, multicast, unspecified), or null. */
export function unblockableKind(range: string): string | null {
  if (range.includes(':')) {
    const g = v6Head(range);
    if (!g) return 'not an address range';
    if (g[0] === 0 && g[1] === 0 && g[2] === 0) return 'loopback'; // ::1 and :: live in 0:0:0::/48
    if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
    if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
    return null;
  }
  const [a, b] = range.split('.').map(Number) as [number, number];
  if (a === 127) return 'loopback';
  if (a === 0) return 'this network (0.0.0.0/8)';
  if (a === 169 && b === 254) return 'link-local';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved (broadcast)';
  return null;
}

/**
 * Why blocking `range` is refused: loopback, link-local and multicast outright;
 * a range holding an address of this host, its default gateway or a DNS
 * server; the admin's own SSH client, or any logged-in SSH session's.
 */
export function blockRefusal(range: string, clients: readonly SshClient[], guarded: readonly GuardedAddress[] = []): string | null {
  const kind = unblockableKind(range);
  if (kind) return `refused: ${range} is ${kind}`;
  const hold = guarded.find((g) => rangeHolds(range, g.address));
  if (hold) return `refused: ${range} holds ${hold.address}, ${hold.what}`;
  const hit = [...clients].sort((a, b) => Number(b.own) - Number(a.own)).find((c) => rangeHolds(range, c.address));
  if (hit) return hit.own ? `refused: your own SSH client ${hit.address} is in ${range}` : `refused: the SSH session from ${hit.address} is in ${range}`;
  return null;
}

/** Who sitrep is, for the refusals. */
export interface Self {
  readonly pid: number;
  readonly parentPid: number;
  readonly uid: number;
  readonly user: string;
  /** The units holding sitrep and the processes above it (its SSH session). */
  readonly sessionUnits?: readonly string[];
  /** The SSH sessions' client addresses (sitrep's own first), never to be blocked. */
  readonly sshClients?: readonly SshClient[];
  /** This host's addresses, default gateways and DNS servers: no range holding one is blocked. */
  readonly guarded?: readonly GuardedAddress[];
}

/** Why an action on `target` is refused, or null when it may go ahead. */
export function refusal(target: ProcessTarget, self: Self): string | null {
  if (target.pid === 1) return 'refused: pid 1 is the init process';
  if (target.pid === self.pid) return 'refused: that is sitrep itself';
  if (target.pid === self.parentPid) return "refused: that is sitrep's parent shell";
  if (target.kernelThread) return `refused: ${target.pid} is a kernel thread`;
  if (self.uid !== 0 && target.user !== self.user) return REFUSALS.notRoot;
  return null;
}

/** Runs intents; resolves with what happened, in words. */
export interface SystemActions {
  run(intent: Intent): Promise<ActionOutcome>;
  /** Kills commands still running (sitrep is exiting). */
  dispose?(): void;
}

/** The result of an action, shown in the status line and recorded as an event. */
export interface ActionOutcome {
  readonly ok: boolean;
  readonly text: string;
}


