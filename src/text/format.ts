/** Number formatting shared by the panes. */
import { groupDigits } from './order.js';

const UNITS = ['B', 'K', 'M', 'G', 'T', 'P'];

/**
 * Bytes in binary units, at most three digits before the unit: 512B, 1.5K,
 * 23.0G; 1019K reads 1.0M (a value of 1000 or more moves up a unit).
 */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 99.95 ? 0 : 1;
  return `${value.toFixed(digits)}${UNITS[unit]}`;
}

/** A fraction (0..1) as a whole percentage: '42%'; '-' when unknown. */
export function formatFraction(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined ? '-' : `${Math.round(fraction * 100)}%`;
}

/** A percentage with one decimal under 10: '4.2', '87'. */
export function formatPercent(percent: number): string {
  return percent < 9.95 ? percent.toFixed(1) : Math.round(percent).toString();
}

/** A span of seconds as '30s', '2m', '1h'. */
export function formatSpan(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
}

/** A count with its noun: '1 file', '17 files', '1 directory', '2 directories'. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(n)} ${n === 1 ? one : many}`;
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The one way sitrep writes a moment on screen, in local time: 'HH:MM:SS' when
 * it falls on the same day as `now`, else 'YYYY-MM-DD HH:MM:SS'. Without `now`
 * the date is always given. (JSON output uses ISO 8601 in UTC.)
 */
export function formatTime(t: number, now?: number): string {
  const d = new Date(t);
  const clock = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  const n = now === undefined ? null : new Date(now);
  const sameDay = n !== null && n.getFullYear() === d.getFullYear() && n.getMonth() === d.getMonth() && n.getDate() === d.getDate();
  return sameDay ? clock : `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${clock}`;
}

/** A span of time as 'N s', 'NmSSs', 'NhMMm', 'NdHh' (ages and countdowns alike). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${two(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${two(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86400)}d${Math.floor((s % 86400) / 3600)}h`;
}
