/**
 * Plain text order and digit grouping without Intl: the first localeCompare
 * or toLocaleString maps about 7 MiB of ICU data in node's binary (collation
 * and number formats; measured RSS 78-85 -> 72-73 MiB), which a console that
 * runs on a machine short of memory does not spend on tie-breaks and commas.
 */

/** Orders strings by UTF-16 code units, as strcmp orders bytes (htop's order); for sort comparators. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An integer with its thousands grouped: 1234567 -> '1,234,567'. */
export function groupDigits(n: number): string {
  const text = String(Math.trunc(n));
  const sign = text.startsWith('-') ? '-' : '';
  const digits = sign ? text.slice(1) : text;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return sign + out;
}
