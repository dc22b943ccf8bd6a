/**
 * Reads the service manager's units off the sampling path: one batched
 * `systemctl show` every few seconds (never one call per process), at most one
 * call in flight, killed when sitrep stops.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import type { ProcessSample, ServicesSample } from '../../src/stream/messages.js';
import { decideManager, parseSystemctlShow, UNIT_PROPERTIES } from './parse-systemctl.js';
import { readText } from '../proc/read-processes.js';

/** How often units are read again, unless a refresh is asked for. */
export const SERVICES_EVERY_MS = 3000;
/** At most this many process units are named in one call. */
const MAX_NAMED_UNITS = 200;

/** Whether `name` is an executable on PATH. */
export function onPath(name: string, path = process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin'): boolean {
  return path.split(':').some((dir) => {
    try {
      accessSync(`${dir}/${name}`, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Decides this machine's service manager once. */
export function detectManager(procRoot = '/proc'): Pick<ServicesSample, 'manager' | 'unavailable'> {
  return decideManager({
    pid1: (readText(`${procRoot}/1/comm`) ?? '').trim(),
    hasSystemctl: onPath('systemctl'),
    hasRcService: onPath('rc-service'),
    hasService: onPath('service'),
  });
}

/** Polls units; `take()` hands each fresh reading over once. */
export class ServicesPoller {
  private readonly facts: Pick<ServicesSample, 'manager' | 'unavailable'>;
  private child: ChildProcess | null = null;
  private fresh: ServicesSample | undefined;
  private nextAt = 0;
  private sentFacts = false;

  constructor(procRoot = '/proc', private readonly everyMs = SERVICES_EVERY_MS) {
    this.facts = detectManager(procRoot);
  }

  /** The reading that arrived since the last call, if any; starts the next one when due. */
  take(processes: readonly ProcessSample[], now = Date.now()): ServicesSample | undefined {
    if (this.facts.manager !== 'systemd') {
      if (this.sentFacts) return undefined;
      this.sentFacts = true;
      return { ...this.facts, units: [] };
    }
    if (!this.child && now >= this.nextAt) this.start(processes.map((p) => p.cgroup ?? ''), now);
    const out = this.fresh;
    this.fresh = undefined;
    return out;
  }

  /** Starts the first reading at once, so the first samples can carry it. */
  prime(now = Date.now()): void {
    if (this.facts.manager === 'systemd' && !this.child) this.start([], now);
  }

  /** Reads again at the next sample (after an action). */
  refresh(): void {
    this.nextAt = 0;
  }

  /** Kills a call in flight. */
  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }

  private start(cgroups: Iterable<string>, now: number): void {
    this.nextAt = now + this.everyMs;
    const named = new Set<string>();
    for (const cgroup of cgroups) {
      const scope = /([^/]+\.scope)$/.exec(cgroup)?.[1];
      if (scope && named.size < MAX_NAMED_UNITS) named.add(scope);
    }
    const args = ['show', '--no-pager', `--property=${UNIT_PROPERTIES.join(',')}`, '--', '*.service', ...named];
    this.child = execFile('systemctl', args, { encoding: 'utf8', timeout: 10_000, maxBuffer: 16 << 20 }, (error, stdout) => {
      this.child = null;
      if (error && !stdout) return;
      this.fresh = { ...this.facts, units: parseSystemctlShow(stdout) };
    });
  }
}
