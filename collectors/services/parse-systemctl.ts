/** Pure parsing of `systemctl show` output and of how to tell the service manager. */
import type { UnitSample } from '../../src/stream/messages.js';

/** The properties sitrep asks `systemctl show` for, in one call. */
export const UNIT_PROPERTIES = ['Id', 'Description', 'LoadState', 'ActiveState', 'SubState', 'Result', 'NRestarts', 'Restart', 'MainPID'] as const;

/** Parses the blank-line separated blocks of `systemctl show -p …` into units. */
export function parseSystemctlShow(text: string): UnitSample[] {
  const units: UnitSample[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const props = new Map<string, string>();
    for (const line of block.split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) props.set(line.slice(0, eq), line.slice(eq + 1));
    }
    const id = props.get('Id');
    if (!id) continue;
    units.push({
      id,
      description: props.get('Description') ?? '',
      loadState: props.get('LoadState') ?? '',
      activeState: props.get('ActiveState') ?? '',
      subState: props.get('SubState') ?? '',
      result: props.get('Result') ?? '',
      nRestarts: Number(props.get('NRestarts')) || 0,
      restart: props.get('Restart') ?? '',
      mainPid: Number(props.get('MainPID')) || 0,
    });
  }
  return units;
}

/** What decides the manager: PID 1's name and which rc tools are installed. */
export interface ManagerFacts {
  readonly pid1: string;
  readonly hasSystemctl: boolean;
  readonly hasRcService: boolean;
  readonly hasService: boolean;
}

/** The service manager, and why actions are off when they are. */
export function decideManager(facts: ManagerFacts): { manager: 'systemd' | 'openrc' | 'sysv' | 'none'; unavailable: string | null } {
  if (facts.pid1 === 'systemd' && facts.hasSystemctl) return { manager: 'systemd', unavailable: null };
  const why = `no systemd: PID 1 is ${facts.pid1 || 'unknown'}`;
  if (facts.hasRcService) return { manager: 'openrc', unavailable: null };
  if (facts.hasService && facts.pid1 === 'init') return { manager: 'sysv', unavailable: null };
  return { manager: 'none', unavailable: why };
}


