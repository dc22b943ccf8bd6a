/**
 * Which unit a service action acts on, and whether it may: pure decisions over
 * the model, so refusals and the own-session guard are tested with no system.
 */
import { groupOf } from '../model/groups.js';
import type { ModelState } from '../model/model.js';
import type { Self, ServiceVerb, UnitTarget } from './intents.js';
import { REFUSALS } from './refusals.js';

/** Units whose stop would cut an SSH login. */
const SSH_UNITS = new Set(['ssh.service', 'sshd.service', 'dropbear.service']);

/** Why a service action cannot be offered at all here, or null. */
export function servicesRefusal(model: ModelState, self: Self | undefined): string | null {
  const s = model.services;
  if (!s) return 'service manager not read yet: try again in a moment';
  if (s.unavailable) return `${s.unavailable}: service actions are off (K still signals a process)`;
  if (self && self.uid !== 0) return REFUSALS.servicesNeedRoot;
  return null;
}

/** The guard text when `verb` on `unit` could end the admin's own session. */
export function sessionGuard(unit: string, verb: ServiceVerb, self: Self | undefined): string | null {
  if (verb !== 'stop') return null;
  if (SSH_UNITS.has(unit)) return `${unit} serves SSH logins: stopping it can lock you out`;
  if (self?.sessionUnits?.includes(unit)) return `${unit} holds this sitrep's own terminal session: stopping it ends your session`;
  return null;
}

/** The unit as a locked target, with its description, main pid and members from the model. */
export function unitTarget(model: ModelState, unit: string, verb: ServiceVerb, self: Self | undefined): UnitTarget {
  const s = model.services;
  const info = s?.units.get(unit);
  const members = model.processes
    .filter((p) => p.cgroup && groupOf(p.cgroup).unit === unit)
    .slice(0, 50)
    .map((p) => `${p.pid} ${p.cmdline || `[${p.comm}]`}`);
  const manager = s?.manager === 'openrc' || s?.manager === 'sysv' ? s.manager : 'systemd';
  return {
    unit,
    manager,
    description: info?.description ?? '',
    state: info ? `${info.activeState} (${info.subState})` : 'unknown',
    mainPid: info?.mainPid ?? 0,
    members,
    guard: sessionGuard(unit, verb, self),
  };
}
