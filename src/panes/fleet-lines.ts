/** The fleet screen's rows: each host's line, keyed by host, the most urgent first (pure). */
import { urgency, type FleetRow } from '../model/fleet.js';
import { formatBytes, formatSpan } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';
import { compareText } from '../text/order.js';

/** A host as the fleet screen has it. */
export interface FleetEntry {
  readonly host: string;
  /** broken: it sent a line that fails the protocol's schema (`down` says which). */
  readonly state: 'up' | 'stale' | 'down' | 'broken' | 'connecting';
  readonly row: FleetRow | null;
  readonly down: string | null;
  /** Seconds since its last row. */
  readonly age: number | null;
}

/** One drawn line. */
export interface FleetLine {
  readonly key: string;
  readonly text: string;
  readonly tone: 'alert' | 'warn' | 'plain' | 'dim';
}

/** The header line, matching the columns of fleetLines. */
export const FLEET_HEADER = `${'HOST'.padEnd(20)} ${'STATE'.padEnd(11)} ${'DISK'.padEnd(20)} ${'FULL IN'.padStart(8)} ${'TOP WRITER'.padEnd(24)} ${'CRASH'.padStart(5)} ${'CPU'.padStart(4)} ${'LOAD'.padStart(5)} JOURNAL  TOP RANGE`;

const cell = (text: string, width: number) => sanitize(text, width).slice(0, width).padEnd(width);
/** A path kept by its end, where the name that tells mounts apart is. */
const tail = (text: string, width: number) => {
  const clean = sanitize(text, 4096);
  return clean.length <= width ? clean : `…${clean.slice(clean.length - width + 1)}`;
};

/** The entries sorted by urgency (unreachable hosts after reachable urgent ones, by name within a tie). */
export function sortFleet(entries: readonly FleetEntry[]): FleetEntry[] {
  return [...entries].sort((a, b) => urgency(b.row) - urgency(a.row) || compareText(a.host, b.host));
}

/** The lines, in `sortFleet` order. */
export function fleetLines(entries: readonly FleetEntry[]): FleetLine[] {
  return sortFleet(entries).map((e) => {
    const r = e.row;
    const off = e.state === 'down' || e.state === 'broken';
    const state = e.state === 'broken' ? 'BROKEN' : e.state === 'down' ? 'UNREACHABLE' : e.state === 'stale' ? `STALE ${Math.round(e.age ?? 0)}s` : e.state === 'connecting' ? 'connecting' : 'up';
    const disk = r?.mount ? `${tail(r.mount, 15)} ${Math.round((r.usedFraction ?? 0) * 100)}%` : '';
    const full = r?.secondsToFull === null || r?.secondsToFull === undefined ? '—' : formatSpan(r.secondsToFull);
    const writer = r?.topWriter ? `${r.topWriter} ${formatBytes(r.topWriterRate ?? 0)}/s` : '';
    const last = off ? sanitize(e.down ?? '', 120) : `${r?.volatileJournal ? 'VOLATILE' : r?.volatileJournal === false ? 'kept   ' : '?      '}  ${sanitize(r?.topRange ?? '', 43)}`;
    const text = `${cell(e.host, 20)} ${cell(state, 11)} ${cell(disk, 20)} ${full.padStart(8)} ${cell(writer, 24)} ${String(r?.crashes10m ?? '').padStart(5)} ${r?.cpu === null || r?.cpu === undefined ? '   -' : `${Math.round(r.cpu * 100)}%`.padStart(4)} ${(r?.load1 ?? 0).toFixed(2).padStart(5)} ${last}`;
    const urgent = (r?.secondsToFull ?? Infinity) < 3600 || (r?.crashes10m ?? 0) > 0;
    return { key: `host:${e.host}`, text, tone: off ? 'alert' : e.state !== 'up' ? 'dim' : urgent ? 'warn' : 'plain' };
  });
}
