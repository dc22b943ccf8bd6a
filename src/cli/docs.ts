/**
 * The man page (sitrep.1) and the bash and zsh completions, generated from
 * the same option table as the parser and `--help`, and from the keymap
 * (src/build/gen-docs.mjs writes them into dist/ at every build).
 */
import { COMMANDS, OPTIONS, type OptionSpec } from './options.js';
import { helpLines } from '../view/keymap-help.js';
import { optionLabel } from './usage.js';

/** Text made safe for roff: backslashes, leading dots and quotes, and dashes. */
function roff(text: string): string {
  return text.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/^([.'])/gm, '\\&$1');
}

/** The man page, in man(7) roff. */
export function manPage(version: string, date: string): string {
  const keys = helpLines('all').flatMap((l) => (l.kind === 'section' ? ['.SS ' + roff(l.title)] : ['.TP', `.B ${roff(l.label)}`, roff(l.help)]));
  return [
    `.TH SITREP 1 "${date}" "sitrep ${version}" "User Commands"`,
    '.SH NAME',
    'sitrep \\- a full\\-screen terminal incident console for Linux servers',
    '.SH SYNOPSIS',
    ...COMMANDS.flatMap((c) => ['.B sitrep', roff(`${c.name ? `${c.name} ` : ''}${c.synopsis}`), '.br']),
    '.SH DESCRIPTION',
    roff('sitrep shows on one screen what is filling the disks and how soon they are full (blocks and inodes, reserved space apart), which processes and units write, the journal with crash, OOM and source-range counts, the network ranges connected, and CPU. Keys drill into directories, kill a process, stop or restart its unit and block a range, each after a confirmation whose default is No.'),
    '.SH COMMANDS',
    ...COMMANDS.filter((c) => c.name).flatMap((c) => ['.TP', `.B ${c.name}`, roff(c.help)]),
    '.SH OPTIONS',
    ...OPTIONS.flatMap((o) => ['.TP', `.B ${roff(optionLabel(o))}`, roff(o.help)]),
    '.SH KEYS',
    ...keys,
    '.SH ENVIRONMENT',
    '.TP', '.B NO_COLOR', 'Draw without colour.',
    '.TP', '.B SITREP_STORE', 'The flight recorder store that H and replay open.',
    '.SH EXIT STATUS',
    roff('0 on success, 2 on a usage error (one line, then the usage), 1 on a failure.'),
    '.SH SEE ALSO',
    '.BR df (1), " " du (1), " " htop (1), " " journalctl (1), " " ss (8)',
    '',
  ].join('\n');
}

/** Long option words, as `--name`. */
function flags(): string[] {
  return OPTIONS.map((o) => `--${o.name}`);
}

/** Bash's completion for one option's value. */
function bashValue(o: OptionSpec): string {
  if (o.complete === 'file') return 'COMPREPLY=($(compgen -f -- "$cur")); return;;';
  if (o.complete === 'dir') return 'COMPREPLY=($(compgen -d -- "$cur")); return;;';
  if (Array.isArray(o.complete)) return `COMPREPLY=($(compgen -W "${o.complete.join(' ')}" -- "$cur")); return;;`;
  return 'return;;';
}

/** The bash completion script (`complete -F _sitrep sitrep`). */
export function bashCompletion(): string {
  const valued = OPTIONS.filter((o) => o.value);
  return [
    '# bash completion for sitrep (generated from its option table)',
    '_sitrep() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  case "$prev" in',
    ...valued.map((o) => `    --${o.name}) ${bashValue(o)}`),
    '    recorder) COMPREPLY=($(compgen -W "install status uninstall" -- "$cur")); return;;',
    '  esac',
    `  if [[ $COMP_CWORD -eq 1 && "$cur" != -* ]]; then COMPREPLY=($(compgen -W "${COMMANDS.filter((c) => c.name).map((c) => c.name).join(' ')}" -- "$cur")); return; fi`,
    `  COMPREPLY=($(compgen -W "${flags().join(' ')}" -- "$cur"))`,
    '}',
    'complete -F _sitrep sitrep',
    '',
  ].join('\n');
}

/** zsh's `_arguments` spec for one option. */
function zshSpec(o: OptionSpec): string {
  const help = o.help.replace(/[[\]:'\\]/g, ' ');
  const action = !o.value ? '' : o.complete === 'file' ? ':file:_files' : o.complete === 'dir' ? ':dir:_directories' : Array.isArray(o.complete) ? `:${o.value.toLowerCase()}:(${o.complete.join(' ')})` : `:${o.value.toLowerCase()}: `;
  return `    '--${o.name}[${help}]${action}'`;
}

/** The zsh completion script (`#compdef sitrep`). */
export function zshCompletion(): string {
  return [
    '#compdef sitrep',
    '# zsh completion for sitrep (generated from its option table)',
    '_sitrep() {',
    '  _arguments -s \\',
    ...OPTIONS.map((o) => `${zshSpec(o)} \\`),
    `    '1:command:(${COMMANDS.filter((c) => c.name).map((c) => c.name).join(' ')})' \\`,
    "    '*:file:_files'",
    '}',
    '_sitrep "$@"',
    '',
  ].join('\n');
}
