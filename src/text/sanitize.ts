/**
 * The one sanitizer: every string that comes from the system (process names,
 * command lines, file names, unit names, log lines) passes through it before it
 * can reach the terminal. Escape sequences are removed, control characters and
 * invalid UTF-8 are replaced, and the result is bounded in length.
 */
import { truncate } from './width.js';

// ESC- or C1-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings, and 2-byte escapes.
const CSI = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g;
const STRING_SEQ = /(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g;
const SHORT_ESC = /\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
const LINE_BREAKS = /[\n\r\t\v\f\u2028\u2029]/g;
// Remaining C0, DEL, C1, and the bidirectional overrides that reorder what is shown.
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Characters terminals disagree on the width of: sitrep counts them as zero
// cells (or as part of the previous grapheme) while tmux, for one, merges the
// next character into the same cell. Format characters (ZWSP, ZWJ, ZWNJ, WJ,
// BOM, soft hyphen, tags) and regional indicators become a visible '?';
// variation selectors and emoji skin-tone modifiers are dropped (they change
// the width of what they follow).
const FORMAT = /[\p{Cf}\u{1f1e6}-\u{1f1ff}]/gu;
const WIDTH_MODIFIERS = /[\ufe00-\ufe0f\u{e0100}-\u{e01ef}\u{1f3fb}-\u{1f3ff}]/gu;
// Combining marks: at most two on a base character; one with no base becomes '?'.
const MARK_RUN = /(^|[^\p{M}])(\p{M}+)/gu;
const MAX_MARKS = 2;
/** Printable ASCII only: nothing to do. */
const PLAIN = /^[\x20-\x7e]*$/;

/** Longest input the sanitizer looks at; beyond this the text is cut first. */
export const MAX_INPUT = 4096;

/** Decodes bytes as UTF-8, turning invalid sequences into U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/**
 * Makes system text safe to display: strips escape sequences, replaces controls
 * with '?', line breaks with a space, invalid UTF-16 with U+FFFD, and cuts it to
 * `maxWidth` cells with an ellipsis (when given).
 */
export function sanitize(text: string, maxWidth?: number): string {
  let s = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text;
  if (!PLAIN.test(s)) {
    s = s
      .replace(LONE_SURROGATE, '\ufffd')
      .replace(STRING_SEQ, '')
      .replace(CSI, '')
      .replace(SHORT_ESC, '')
      .replace(LINE_BREAKS, ' ')
      .replace(CONTROLS, '?');
    if (/[^\x00-\x7f]/.test(s)) s = widthSafe(s);
  }
  if (text.length > MAX_INPUT) s += '…';
  return maxWidth === undefined ? s : truncate(s, maxWidth);
}

/** Makes every terminal agree with sitrep on the width of `s` (see FORMAT). */
function widthSafe(s: string): string {
  return s
    .replace(WIDTH_MODIFIERS, '')
    .replace(FORMAT, '?')
    .replace(MARK_RUN, (_, base: string, marks: string) => (base === '' || base === ' ' ? '?' : base) + [...marks].slice(0, MAX_MARKS).join(''));
}
