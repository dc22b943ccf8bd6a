/**
 * @alcalzone/ansi-tokenize with fast paths; Ink's output stage calls these for
 * every line of every frame, and they were the largest cost of a frame once
 * string-width was fast. Results are identical to the original (see
 * test/src/fast-ansi-tokenize.test.ts); anything unusual goes to the original.
 * The bundle routes Ink's imports here (src/build/bundle.mjs).
 * - tokenize: text made only of one-cell characters and SGR codes is split
 *   without grapheme segmentation.
 * - styledCharsFromTokens: characters with the same style share one array.
 * - styledCharsToString: no style diff between characters sharing a style.
 */
import * as original from '@alcalzone/ansi-tokenize';
import type { AnsiCode, StyledChar, Token } from '@alcalzone/ansi-tokenize';
import { isOneCellText } from './fast-width.js';

export * from '@alcalzone/ansi-tokenize';

const SGR = /\x1b\[[\d;]*m/g;
const codeTokens = new Map<string, Token[]>();

function pushChars(out: Token[], text: string): void {
  for (let i = 0; i < text.length; i++) out.push({ type: 'char', value: text[i]!, fullWidth: false });
}

function sgrTokens(code: string): Token[] {
  let tokens = codeTokens.get(code);
  if (!tokens) {
    tokens = original.tokenize(code);
    if (codeTokens.size < 512) codeTokens.set(code, tokens);
  }
  return tokens;
}

/** Same as the original tokenize. */
export function tokenize(str: string, endChar = Number.POSITIVE_INFINITY): Token[] {
  if (endChar !== Number.POSITIVE_INFINITY || str.includes('\x9b')) return original.tokenize(str, endChar);
  const out: Token[] = [];
  let last = 0;
  for (const m of str.matchAll(SGR)) {
    const text = str.slice(last, m.index);
    if (text.includes('\x1b') || !isOneCellText(text)) return original.tokenize(str);
    pushChars(out, text);
    for (const t of sgrTokens(m[0])) out.push(t);
    last = m.index + m[0].length;
  }
  const tail = str.slice(last);
  if (tail.includes('\x1b') || !isOneCellText(tail)) return original.tokenize(str);
  pushChars(out, tail);
  return out;
}

/** Same as the original, but characters with one style share its array. */
export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
  let codes: AnsiCode[] = [];
  const out: StyledChar[] = [];
  for (const token of tokens) {
    if (token.type === 'ansi') codes = original.reduceAnsiCodesIncremental(codes, [token]);
    else out.push({ type: 'char', value: token.value, fullWidth: token.fullWidth, styles: codes });
  }
  return out;
}

/** Same as the original, skipping the diff where the style did not change. */
export function styledCharsToString(chars: StyledChar[]): string {
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (i === 0) parts.push(original.ansiCodesToString(char.styles));
    else {
      const before = chars[i - 1]!.styles;
      if (before !== char.styles && (before.length > 0 || char.styles.length > 0)) {
        parts.push(original.ansiCodesToString(original.diffAnsiCodes(before, char.styles)));
      }
    }
    parts.push(char.value);
    if (i === chars.length - 1) parts.push(original.ansiCodesToString(original.diffAnsiCodes(char.styles, [])));
  }
  return parts.join('');
}
