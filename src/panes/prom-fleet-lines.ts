/** The rows of `fleet --prometheus` (pure): one line per instance, the most urgent first, every label value sanitized. */
import { urgency } from '../model/fleet.js';
import { hostState, type PromHost } from '../model/prometheus-rows.js';
import { formatBytes, formatSpan } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';
import type { FleetLine } from './fleet-lines.js';
import { compareText } from '../text/order.js';

/** The header line, matching the columns of promFleetLines. */
export const PROM_FLEET_HEADER = `${'INSTANCE'.padEnd(22)} ${'STATE'.padEnd(10)} ${'DISK'.padEnd(20)} ${'FULL IN'.padStart(8)} ${'RATE'.padStart(9)} ${'TOP WRITER'.padEnd(22)} ${'CPU'.padStart(4)} ${'LOAD'.padStart(5)} ${'MEM AVAIL'.padStart(9)} ${'CRASH'.padStart(5)} ${'SCRAPED'.padStart(7)} JOURNAL`;

const cell = (text: string, width: number) => sanitize(text, width).slice(0, width).padEnd(width);
const tail = (text: string, width: number) => {
  const clean = sanitize(text, 4096);
  return clean.length <= width ? clean : `…${clean.slice(clean.length - width + 1)}`;
};

/** The hosts, most urgent first (down and stale ones after the urgent live ones, by instance within a tie). */
export function sortPromFleet(hosts: readonly PromHost[]): PromHost[] {
  return [...hosts].sort((a, b) => urgency(b.row) - urgency(a.row) || compareText(a.instance, b.instance));
}

/** The lines, in sortPromFleet order; `stale` marks every row (Prometheus did not answer the last refresh). */
export function promFleetLines(hosts: readonly PromHost[], stale: boolean): FleetLine[] {
  return sortPromFleet(hosts).map((h) => {
    const r = h.row;
    const state = stale ? 'STALE' : hostState(h) === 'down' ? 'DOWN' : hostState(h) === 'stale' ? 'STALE' : 'up';
    const disk = r.mount ? `${tail(r.mount, 15)} ${Math.round((r.usedFraction ?? 0) * 100)}%` : '';
    const full = r.secondsToFull === null ? '—' : formatSpan(r.secondsToFull);
    const rate = r.fillRate && r.fillRate > 0 ? `${formatBytes(r.fillRate)}/s` : '';
    const writer = r.topWriter ? `${r.topWriter} ${formatBytes(r.topWriterRate ?? 0)}/s` : '';
    const cpu = r.cpu === null ? '-' : `${Math.round(r.cpu * 100)}%`;
    const age = h.scrapeAge === null ? '?' : `${Math.round(h.scrapeAge)}s`;
    const journal = r.volatileJournal ? 'VOLATILE' : r.volatileJournal === false ? 'kept' : '?';
    const text = `${cell(h.instance, 22)} ${cell(state, 10)} ${cell(disk, 20)} ${full.padStart(8)} ${rate.padStart(9)} ${cell(writer, 22)} ${cpu.padStart(4)} ${(r.load1 ?? 0).toFixed(2).padStart(5)} ${(h.memAvailableBytes === null ? '-' : formatBytes(h.memAvailableBytes)).padStart(9)} ${String(r.crashes10m).padStart(5)} ${age.padStart(7)} ${journal}`;
    const urgent = (r.secondsToFull ?? Infinity) < 3600 || r.crashes10m > 0;
    return { key: `instance:${h.instance}`, text, tone: state === 'DOWN' ? 'alert' : state !== 'up' ? 'dim' : urgent ? 'warn' : 'plain' };
  });
}
