/**
 * The moments, sizes and spans the flight recorder's options take: "30 min
 * ago", "03:12", "2026-12-01T03:12:00" (local time unless an offset is given),
 * "500M", "14d". Pure.
 */

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000, m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000, h: 3_600_000, hour: 3_600_000, hours: 3_600_000, d: 86_400_000, day: 86_400_000, days: 86_400_000 };

/** A span such as "30 min", "14d", "2 hours", in ms; null when it is not one. */
export function parseSpan(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  const unit = m ? UNIT_MS[m[2]!.toLowerCase()] : undefined;
  return m && unit ? Number(m[1]) * unit : null;
}

/** A size such as "500M", "2M", "1G", "4096", in bytes (binary units); null when it is not one. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*$/i.exec(text);
  if (!m) return null;
  const scale = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G' | 'T'];
  return Math.round(Number(m[1]) * scale);
}

/**
 * A moment, in ms since the epoch, from what an admin types: "30 min ago",
 * "HH:MM[:SS]" (today in local time, or yesterday when that is still to come),
 * or a date and time ("2026-12-01T03:12:00", "2026-12-01 03:12"), local unless
 * it carries Z or an offset. A one-line error otherwise.
 */
export function parseMoment(text: string, now: number): number | { error: string } {
  const t = text.trim();
  const ago = /^(.*\S)\s+ago$/i.exec(t);
  if (ago) {
    const span = parseSpan(ago[1]!);
    return span === null ? { error: `cannot read "${t}": try "30 min ago"` } : now - span;
  }
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (clock) {
    const d = new Date(now);
    d.setHours(Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0), 0);
    if (Number(clock[1]) > 23 || Number(clock[2]) > 59) return { error: `cannot read "${t}": not a time of day` };
    return d.getTime() > now ? d.getTime() - 86_400_000 : d.getTime();
  }
  const full = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (full) {
    const [, y, mo, da, h = '0', mi = '0', s = '0', fraction = '', zone] = full;
    const ms = fraction ? Math.round(Number(fraction) * 1000) : 0;
    const local = new Date(Number(y), Number(mo) - 1, Number(da), Number(h), Number(mi), Number(s), ms).getTime();
    if (!zone) return local;
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(da), Number(h), Number(mi), Number(s), ms);
    if (zone === 'Z') return utc;
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return { error: `cannot read "${t}": try "30 min ago", "03:12" or 2026-12-01T03:12:00` };
}

/** The local zone as the status line names it ("UTC", "UTC+01:00"). */
export function zoneName(at: number): string {
  const offset = -new Date(at).getTimezoneOffset();
  if (offset === 0) return 'UTC';
  const a = Math.abs(offset);
  return `UTC${offset > 0 ? '+' : '-'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
