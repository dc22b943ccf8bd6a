/**
 * `--help` and the usage lines a usage error prints, made from the option
 * table (options.ts) and the keymap, so they list what the parser takes and
 * what the keys do.
 */
import { COMMANDS, OPTIONS, type OptionSpec } from './options.js';
import { helpLines } from '../view/keymap-help.js';

/** The usage lines: one per command form. */
export const USAGE = COMMANDS.map((c, i) => `${i === 0 ? 'usage: ' : '       '}sitrep ${c.name ? `${c.name} ` : ''}${c.synopsis}`)
  .concat('       sitrep --help | --version')
  .join('\n');

/** `--interval SECONDS`, `-h, --help`: how an option is written. */
export function optionLabel(o: OptionSpec): string {
  return `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}`;
}

/** The main screen's keys, as `label  help` pairs (the `?` overlay has every key). */
export function mainKeys(): { label: string; help: string }[] {
  const out: { label: string; help: string }[] = [];
  let inMain = false;
  for (const line of helpLines('live')) {
    if (line.kind === 'section') inMain = line.title === 'Main screen';
    else if (inMain) out.push({ label: line.label, help: line.help });
  }
  return out;
}

/** The whole `--help` text. */
export function helpText(version: string): string {
  const width = Math.max(...OPTIONS.map((o) => optionLabel(o).length)) + 2;
  const keyWidth = Math.max(...mainKeys().map((k) => k.label.length)) + 2;
  return [
    `sitrep ${version}: a terminal incident console for Linux servers`,
    '',
    USAGE,
    '',
    'commands:',
    ...COMMANDS.filter((c) => c.name).map((c) => `  ${c.name.padEnd(width - 2)}${c.help}`),
    '',
    'options:',
    ...OPTIONS.map((o) => `  ${optionLabel(o).padEnd(width)}${o.help}`),
    '',
    'keys (the main screen; ? in the console lists every key):',
    ...mainKeys().map((k) => `  ${k.label.padEnd(keyWidth)}${k.help}`),
    '',
    'See man sitrep. Every action is confirmed (default No); --read-only turns them off.',
  ].join('\n');
}
