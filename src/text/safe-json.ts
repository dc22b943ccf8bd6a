/**
 * JSON that is safe to print to a terminal. JSON.stringify escapes only
 * U+0000–U+001F, so a process name carrying U+009B (8-bit CSI) or U+202E
 * (right-to-left override) would reach a script's terminal raw. Every such
 * character is written as a \uXXXX escape instead: the JSON stays the same value.
 */

// DEL and C1, the bidi marks, embeddings, overrides and isolates, the line and
// paragraph separators, and the zero-width and joiner characters.
const UNSAFE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON.stringify, with terminal-unsafe characters escaped. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE, escape);
}
