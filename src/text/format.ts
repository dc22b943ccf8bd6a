/** Number formatting shared by the panes. */

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
