/**
 * Decodes raw terminal input into key names. Pure: bytes in, names out, so every
 * key can be tested without a terminal.
 */

const SEQUENCES: Readonly<Record<string, string>> = {
  '\x1b[A': 'up', '\x1b[B': 'down', '\x1b[C': 'right', '\x1b[D': 'left',
  '\x1bOA': 'up', '\x1bOB': 'down', '\x1bOC': 'right', '\x1bOD': 'left',
  '\x1b[H': 'home', '\x1b[F': 'end', '\x1bOH': 'home', '\x1bOF': 'end',
  '\x1b[1~': 'home', '\x1b[4~': 'end', '\x1b[7~': 'home', '\x1b[8~': 'end',
  '\x1b[5~': 'pageup', '\x1b[6~': 'pagedown', '\x1b[2~': 'insert', '\x1b[3~': 'delete',
  '\x1b[Z': 'shift-tab',
  '\x1bOP': 'f1', '\x1bOQ': 'f2', '\x1bOR': 'f3', '\x1bOS': 'f4',
  '\x1b[11~': 'f1', '\x1b[12~': 'f2', '\x1b[13~': 'f3', '\x1b[14~': 'f4',
  '\x1b[15~': 'f5', '\x1b[17~': 'f6', '\x1b[18~': 'f7', '\x1b[19~': 'f8',
  '\x1b[20~': 'f9', '\x1b[21~': 'f10', '\x1b[23~': 'f11', '\x1b[24~': 'f12',
  '\x1b[1;2A': 'shift-up', '\x1b[1;2B': 'shift-down', '\x1b[1;2C': 'shift-right', '\x1b[1;2D': 'shift-left',
};

const SINGLE: Readonly<Record<string, string>> = {
  '\t': 'tab', '\r': 'enter', '\n': 'enter', '\x7f': 'backspace', '\b': 'backspace',
  '\x03': 'ctrl-c', '\x04': 'ctrl-d', '\x0c': 'ctrl-l', '\x1a': 'ctrl-z',
};

// An escape sequence: CSI with parameters, or SS3 with one final character.
const ESCAPE_SEQUENCE = /^\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|O[\x20-\x7e])/;

/**
 * Splits one chunk of terminal input into key names. Unknown sequences are
 * dropped; a lone ESC is 'escape'; printable characters are returned as they are.
 */
export function decodeKeys(input: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < input.length) {
    const rest = input.slice(i);
    if (rest[0] === '\x1b') {
      const match = ESCAPE_SEQUENCE.exec(rest);
      if (match) {
        const name = SEQUENCES[match[0]];
        if (name) keys.push(name);
        i += match[0].length;
      } else {
        keys.push('escape');
        i += 1;
      }
      continue;
    }
    const ch = String.fromCodePoint(rest.codePointAt(0)!);
    const single = SINGLE[ch];
    if (single) keys.push(single);
    else if (ch >= ' ') keys.push(ch);
    i += ch.length;
  }
  return keys;
}
