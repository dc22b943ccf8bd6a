/**
 * The keymap: one table of named commands and the keys bound to them, each
 * under the modes it applies in and, for replay's transport keys, the replay
 * context. Keys are matched to commands here; the help overlay and the
 * README's key table are generated from the same table (keymap-help.ts).
 */
import type { ReplayCommand } from '../stream/replay-command.js';

/** A named command the view reducer understands. */
export type Command =
  | 'focus.next'
  | 'focus.prev'
  | 'focus.disks'
  | 'focus.writers'
  | 'focus.log'
  | 'focus.cpu'
  | 'focus.network'
  | 'focus.memory'
  | 'select.up'
  | 'select.down'
  | 'select.first'
  | 'select.last'
  | 'page.up'
  | 'page.down'
  | 'help.toggle'
  | 'overlay.close'
  | 'messages.toggle'
  | 'list.sort-next'
  | 'list.sort-prev'
  | 'list.filter'
  | 'list.tree'
  | 'list.toggle'
  | 'pane.left'
  | 'pane.right'
  | 'log.filter'
  | 'log.next'
  | 'log.prev'
  | 'filter.accept'
  | 'filter.cancel'
  | 'view.pause'
  | 'view.zoom'
  | 'zoom.exit'
  | 'item.open'
  | 'action.kill'
  | 'action.truncate'
  | 'action.stop'
  | 'action.restart'
  | 'services.toggle'
  | 'hardware.toggle'
  | 'services.log'
  | 'text.delete'
  | 'log.search'
  | 'log.errors'
  | 'log.unit'
  | 'log.block'
  | 'log.unblock'
  | 'journal.persist'
  | 'search.accept'
  | 'search.cancel'
  | 'browse.into'
  | 'browse.back'
  | 'browse.sort'
  | 'browse.apparent'
  | 'browse.escape'
  | 'browse.delete'
  | 'browse.truncate'
  | 'browse.writers'
  | 'browse.rescan'
  | 'dialog.next'
  | 'dialog.prev'
  | 'dialog.toggle'
  | 'dialog.yes'
  | 'dialog.no'
  | 'dialog.accept'
  | 'help.down'
  | 'help.up'
  | 'help.pagedown'
  | 'help.pageup'
  | 'connections.down'
  | 'connections.up'
  | 'connections.pagedown'
  | 'connections.pageup'
  | 'screen.redraw'
  | 'app.suspend'
  | 'history.toggle'
  | 'report.write'
  | ReplayCommand
  | 'fleet.up'
  | 'fleet.down'
  | 'fleet.open'
  | 'app.quit';


/** Where the keys are read: the console live (or a demo), replaying a recording, or the fleet's table of hosts. */
export type KeyContext = 'live' | 'replay' | 'fleet';

import type { Mode } from '../core/types.js';

export type { Mode } from '../core/types.js';

/** One row of the keymap table. */
export interface KeyBinding {
  readonly command: Command;
  /** Key names as produced by decodeKeys ('tab', 'up', 'q', 'f10', ...). */
  readonly keys: readonly string[];
  /** How the keys are written in the help overlay. */
  readonly label: string;
  readonly help: string;
  readonly modes: readonly Mode[];
  /** Only in this context (replay's transport, the fleet's table); when absent, the console's (live and replay), never the fleet's: the fleet has bindings of its own. */
  readonly context?: KeyContext;
  /** The word of the screen's key line (the fleet's last line: `↑ k ↓ j select · Enter open · …`), for the bindings it names. */
  readonly hint?: string;
  /** The help overlay's section; bindings of one section are listed together. */
  readonly section?: string;
  /** It changes the system (a signal, a delete, a rule): off under --read-only and in replay, for the reason the console gives. */
  readonly acts?: true;
}

const ALL: readonly Mode[] = ['normal', 'help', 'messages', 'detail', 'services', 'hardware', 'log-detail', 'net-detail', 'browse'];
const DIALOGS: readonly Mode[] = ['confirm-signal', 'confirm-truncate', 'confirm-service', 'confirm-action'];
const LISTS: readonly Mode[] = ['normal', 'services', 'browse'];
const UNIT_ACTIONS: readonly Mode[] = ['normal', 'detail', 'services', 'log-detail'];
const LOG_ACTIONS: readonly Mode[] = ['normal', 'log-detail'];
const BLOCK_MODES: readonly Mode[] = ['normal', 'log-detail', 'net-detail'];

/** Every binding of sitrep, in help order. */
export const KEYMAP: readonly KeyBinding[] = [
  { command: 'fleet.up', keys: ['up', 'k'], label: '↑ k', help: 'fleet: select the previous host', modes: ['normal'], context: 'fleet', section: 'fleet', hint: 'select' },
  { command: 'fleet.down', keys: ['down', 'j'], label: '↓ j', help: 'fleet: select the next host', modes: ['normal'], context: 'fleet', section: 'fleet', hint: 'select' },
  { command: 'fleet.open', keys: ['enter'], label: 'Enter', help: "fleet: open the selected host's console (Esc there comes back)", modes: ['normal'], context: 'fleet', section: 'fleet', hint: 'open' },
  { command: 'help.toggle', keys: ['?', 'f1'], label: '? F1', help: 'fleet: show or hide this help', modes: ['normal', 'help'], context: 'fleet', section: 'fleet', hint: 'keys' },
  { command: 'overlay.close', keys: ['escape'], label: 'Esc', help: 'fleet: close this help', modes: ['help'], context: 'fleet', section: 'fleet' },
  { command: 'screen.redraw', keys: ['ctrl-l'], label: 'C-l', help: 'fleet: redraw the whole screen', modes: ['normal', 'help'], context: 'fleet', section: 'fleet' },
  { command: 'app.suspend', keys: ['ctrl-z'], label: 'C-z', help: 'fleet: suspend (fg resumes)', modes: ['normal', 'help'], context: 'fleet', section: 'fleet' },
  { command: 'app.quit', keys: ['q', 'f10', 'ctrl-c'], label: 'q F10', help: 'fleet: quit (every link is closed)', modes: ['normal', 'help'], context: 'fleet', section: 'fleet', hint: 'quit' },
  { command: 'replay.toggle', keys: [' '], label: 'space', help: 'replay: play or pause', modes: ['normal'], context: 'replay', section: 'replay' },
  { command: 'replay.back', keys: ['left'], label: '←', help: 'replay: back 10 s', modes: ['normal'], context: 'replay', section: 'replay' },
  { command: 'replay.forward', keys: ['right'], label: '→', help: 'replay: forward 10 s', modes: ['normal'], context: 'replay', section: 'replay' },
  { command: 'replay.back-minute', keys: ['shift-left'], label: 'S-←', help: 'replay: back 1 min', modes: ['normal'], context: 'replay', section: 'replay' },
  { command: 'replay.forward-minute', keys: ['shift-right'], label: 'S-→', help: 'replay: forward 1 min', modes: ['normal'], context: 'replay', section: 'replay' },
  { command: 'replay.slower', keys: ['['], label: '[', help: 'replay: slower (down to 0.25×)', modes: ['normal'], context: 'replay', section: 'replay' },
  { command: 'replay.faster', keys: [']'], label: ']', help: 'replay: faster (up to 16×)', modes: ['normal'], context: 'replay', section: 'replay' },
  { command: 'replay.step', keys: ['.'], label: '.', help: 'replay: pause and advance one sample', modes: ['normal'], context: 'replay', section: 'replay' },
  { command: 'replay.start', keys: ['g'], label: 'g', help: 'replay: to the start of the recording', modes: ['normal'], context: 'replay', section: 'replay' },
  { command: 'replay.end', keys: ['G'], label: 'G', help: 'replay: to the end of the recording', modes: ['normal'], context: 'replay', section: 'replay' },
  { command: 'focus.next', keys: ['tab'], label: 'Tab', help: 'focus next pane', modes: ['normal'] },
  { command: 'focus.prev', keys: ['shift-tab'], label: 'S-Tab', help: 'focus previous pane', modes: ['normal'] },
  { command: 'focus.disks', keys: ['1'], label: '1', help: 'focus Disks', modes: ['normal'] },
  { command: 'focus.writers', keys: ['2'], label: '2', help: 'focus Writers', modes: ['normal'] },
  { command: 'focus.log', keys: ['3'], label: '3', help: 'focus Log', modes: ['normal'] },
  { command: 'focus.cpu', keys: ['4'], label: '4', help: 'focus CPU', modes: ['normal'] },
  { command: 'focus.network', keys: ['5'], label: '5', help: 'focus Network', modes: ['normal'] },
  { command: 'focus.memory', keys: ['6'], label: '6', help: 'focus Memory (it takes its place on the first screen by itself when memory is urgent)', modes: ['normal'] },
  { command: 'select.up', keys: ['up', 'k'], label: '↑ k', help: 'select previous row', modes: LISTS },
  { command: 'select.down', keys: ['down', 'j'], label: '↓ j', help: 'select next row', modes: LISTS },
  { command: 'select.first', keys: ['home', 'g'], label: 'Home g', help: 'select first row', modes: LISTS },
  { command: 'select.last', keys: ['end', 'G'], label: 'End G', help: 'select last row', modes: LISTS },
  { command: 'page.up', keys: ['pageup'], label: 'PgUp', help: 'scroll up a page', modes: LISTS },
  { command: 'page.down', keys: ['pagedown'], label: 'PgDn', help: 'scroll down a page', modes: LISTS },
  { command: 'view.zoom', keys: ['z'], label: 'z', help: 'zoom: the focused pane takes the whole screen (Tab and 1-5 switch the pane); z again restores the layout', modes: ['normal'] },
  { command: 'zoom.exit', keys: ['escape'], label: 'Esc', help: 'zoom: back to the whole layout', modes: ['normal'] },
  { command: 'view.pause', keys: ['p'], label: 'p', help: 'pause the view (collection goes on)', modes: ALL },
  { command: 'action.kill', keys: ['K', 'f9'], label: 'K F9', help: 'send a signal to the selected process (asks first)', modes: ['normal', 'detail'], acts: true },
  { command: 'action.truncate', keys: ['T'], label: 'T', help: 'truncate the selected deleted-but-open file (asks first)', modes: ['normal'], acts: true },
  { command: 'action.stop', keys: ['S'], label: 'S', help: "stop the selected process's service unit (asks first)", modes: UNIT_ACTIONS, acts: true },
  { command: 'action.restart', keys: ['R'], label: 'R', help: "restart the selected process's service unit (asks first)", modes: UNIT_ACTIONS, acts: true },
  { command: 'services.log', keys: ['L'], label: 'L', help: "services: open the selected unit's log in the Log pane", modes: ['services'] },
  { command: 'services.toggle', keys: ['u'], label: 'u', help: 'services: failed units and units restarting lately', modes: ALL },
  { command: 'log.search', keys: ['/'], label: '/', help: 'Log: search (matches highlighted; Enter jumps to the newest, Esc clears)', modes: ['normal'] },
  { command: 'log.next', keys: ['n'], label: 'n', help: 'Log: next newer match of the search', modes: ['normal'] },
  { command: 'log.prev', keys: ['N'], label: 'N', help: 'Log: next older match of the search', modes: ['normal'] },
  { command: 'log.filter', keys: ['&'], label: '&', help: 'Log: show only lines containing a text (Enter applies, Esc clears)', modes: ['normal'] },
  { command: 'list.sort-next', keys: ['>', 'f6'], label: '> F6', help: 'Writers, CPU: sort by the next column', modes: ['normal'] },
  { command: 'list.sort-prev', keys: ['<'], label: '<', help: 'Writers, CPU: sort by the previous column', modes: ['normal'] },
  { command: 'list.filter', keys: ['\\', 'f4'], label: '\\ F4', help: 'Writers, CPU: show only rows containing a text (Enter applies, Esc clears)', modes: ['normal'] },
  { command: 'list.tree', keys: ['t', 'f5'], label: 't F5', help: 'CPU: processes as a tree, children under parents', modes: ['normal'] },
  { command: 'list.toggle', keys: [' '], label: 'space', help: 'Writers: collapse or expand the selected group (Enter too)', modes: ['normal'] },
  { command: 'pane.left', keys: ['left'], label: '←', help: 'Writers: collapse the group · Log: scroll left', modes: ['normal'] },
  { command: 'pane.right', keys: ['right'], label: '→', help: 'Writers: expand the group · Log: scroll right', modes: ['normal'] },
  { command: 'filter.accept', keys: ['enter'], label: 'Enter', help: 'filter: apply', modes: ['list-filter'] },
  { command: 'filter.cancel', keys: ['escape'], label: 'Esc', help: 'filter: clear', modes: ['list-filter'] },
  { command: 'log.errors', keys: ['e'], label: 'e', help: 'Log: errors and worse only, on or off', modes: ['normal'] },
  { command: 'log.unit', keys: ['f'], label: 'f', help: "Log: only the selected line's unit, on or off", modes: ['normal'] },
  { command: 'log.block', keys: ['b'], label: 'b', help: "Log, Network: block the selected line's source range or the selected range (/24, /48; asks first)", modes: BLOCK_MODES, acts: true },
  { command: 'log.unblock', keys: ['B'], label: 'B', help: "Log, Network: remove sitrep's block of that range (asks first)", modes: BLOCK_MODES, acts: true },
  { command: 'journal.persist', keys: ['J'], label: 'J', help: 'keep a volatile journal on disk (asks first)', modes: LOG_ACTIONS, acts: true },
  { command: 'search.accept', keys: ['enter'], label: 'Enter', help: 'search: apply', modes: ['log-search'] },
  { command: 'search.cancel', keys: ['escape'], label: 'Esc', help: 'search: clear', modes: ['log-search'] },
  { command: 'text.delete', keys: ['backspace'], label: 'Bksp', help: 'search, filter: delete a character', modes: ['log-search', 'list-filter'] },
  { command: 'browse.into', keys: ['enter', 'right', 'l'], label: 'Enter →', help: 'drill-down: open the selected directory', modes: ['browse'] },
  { command: 'browse.back', keys: ['backspace', 'left', 'h'], label: 'Bksp ←', help: 'drill-down: up to the parent directory', modes: ['browse'] },
  { command: 'browse.sort', keys: ['s'], label: 's', help: 'drill-down: sort by size, growth, name, modified', modes: ['browse'] },
  { command: 'browse.apparent', keys: ['a'], label: 'a', help: 'drill-down: allocated (du) or apparent sizes', modes: ['browse'] },
  { command: 'browse.escape', keys: ['escape'], label: 'Esc', help: 'drill-down: cancel the scan, or close', modes: ['browse'] },
  { command: 'browse.delete', keys: ['d'], label: 'd', help: 'drill-down: delete the selected file or directory (asks first)', modes: ['browse'], acts: true },
  { command: 'browse.truncate', keys: ['t'], label: 't', help: 'drill-down: truncate the selected file to zero (asks first)', modes: ['browse'], acts: true },
  { command: 'browse.rescan', keys: ['r'], label: 'r', help: 'drill-down: scan the directory in view again', modes: ['browse'] },
  { command: 'browse.writers', keys: ['w'], label: 'w', help: 'drill-down: jump to the busiest process writing here (Writers pane)', modes: ['browse'] },
  { command: 'dialog.next', keys: ['down', 'j'], label: '↓ j', help: 'dialog: next signal, or range to pick', modes: ['confirm-signal', 'confirm-action'] },
  { command: 'dialog.prev', keys: ['up', 'k'], label: '↑ k', help: 'dialog: previous signal, or range to pick', modes: ['confirm-signal', 'confirm-action'] },
  { command: 'dialog.toggle', keys: ['left', 'right', 'tab', 'h', 'l'], label: '← →', help: 'dialog: switch between No and Yes', modes: DIALOGS },
  { command: 'dialog.yes', keys: ['y'], label: 'y', help: 'dialog: yes, do it', modes: DIALOGS },
  { command: 'dialog.no', keys: ['n', 'escape', 'q'], label: 'n Esc', help: 'dialog: no, cancel', modes: DIALOGS },
  { command: 'dialog.accept', keys: ['enter'], label: 'Enter', help: 'dialog: take the highlighted answer (No by default)', modes: DIALOGS },
  { command: 'dialog.no', keys: ['escape'], label: 'Esc', help: 'typed confirmation: cancel', modes: ['confirm-typed'] },
  { command: 'dialog.accept', keys: ['enter'], label: 'Enter', help: 'typed confirmation: go ahead once the unit name is typed', modes: ['confirm-typed'] },
  { command: 'text.delete', keys: ['backspace'], label: 'Bksp', help: 'typed confirmation: delete a character', modes: ['confirm-typed'] },
  { command: 'help.toggle', keys: ['?', 'f1'], label: '? F1', help: 'show or hide this help', modes: ALL },
  { command: 'item.open', keys: ['enter'], label: 'Enter', help: "open the selected process: command, unit, files it writes · Network: the range's connections", modes: ['normal'] },
  { command: 'overlay.close', keys: ['escape', 'enter', 'backspace'], label: 'Esc', help: 'close the overlay', modes: ['help', 'messages', 'detail', 'services', 'hardware', 'log-detail', 'net-detail'] },
  { command: 'hardware.toggle', keys: ['i'], label: 'i', help: 'host hardware: CPU, virtualisation, memory, disks with SMART health, interfaces', modes: ['normal', 'hardware'] },
  { command: 'messages.toggle', keys: ['m'], label: 'm', help: 'message log: the whole text of the last 50 outcomes and errors, with times', modes: ['normal', 'messages'] },
  { command: 'help.down', keys: ['down', 'j'], label: '↓ j', help: 'help: scroll down', modes: ['help'] },
  { command: 'help.up', keys: ['up', 'k'], label: '↑ k', help: 'help: scroll up', modes: ['help'] },
  { command: 'help.pagedown', keys: ['pagedown', ' '], label: 'PgDn space', help: 'help: page down', modes: ['help'] },
  { command: 'help.pageup', keys: ['pageup'], label: 'PgUp', help: 'help: page up', modes: ['help'] },
  { command: 'connections.down', keys: ['down', 'j'], label: '↓ j', help: 'connections: scroll down', modes: ['net-detail'] },
  { command: 'connections.up', keys: ['up', 'k'], label: '↑ k', help: 'connections: scroll up', modes: ['net-detail'] },
  { command: 'connections.pagedown', keys: ['pagedown', ' '], label: 'PgDn space', help: 'connections: page down', modes: ['net-detail'] },
  { command: 'connections.pageup', keys: ['pageup'], label: 'PgUp', help: 'connections: page up', modes: ['net-detail'] },
  { command: 'history.toggle', keys: ['H'], label: 'H', help: "history: the flight recorder's store from 5 minutes ago, or back to live", modes: ['normal'] },
  { command: 'report.write', keys: ['W'], label: 'W', help: 'write the incident report of the session so far to a new file (mode 0600)', modes: ['normal'] },
  { command: 'screen.redraw', keys: ['ctrl-l'], label: 'C-l', help: 'redraw the whole screen', modes: ALL },
  { command: 'app.suspend', keys: ['ctrl-z'], label: 'C-z', help: 'suspend (fg resumes)', modes: ALL },
  { command: 'app.quit', keys: ['q', 'f10', 'ctrl-c'], label: 'q F10', help: 'quit', modes: ALL },
  { command: 'app.quit', keys: ['ctrl-c', 'f10'], label: 'C-c F10', help: 'quit, from a dialog too', modes: [...DIALOGS, 'confirm-typed', 'log-search'] },
];

/** Commands that change the system, declared on their bindings (`acts`). */
export const ACTING: ReadonlySet<Command> = new Set(KEYMAP.filter((b) => b.acts).map((b) => b.command));

/** Whether a binding belongs to `context`: its own context's, or (without one) the console's, live and replay. */
export function inContext(binding: KeyBinding, context: KeyContext): boolean {
  return binding.context === undefined ? context !== 'fleet' : binding.context === context;
}

/** Whether a binding applies in `mode` and `context`. */
export function bindingApplies(binding: KeyBinding, mode: Mode, context: KeyContext): boolean {
  return binding.modes.includes(mode) && inContext(binding, context);
}

/** Why `binding` is off now (`actionsOff`: --read-only, replay), or null when it works: a binding that acts is off whenever actions are. */
export function offReason(binding: KeyBinding, actionsOff: string | null | undefined): string | null {
  return binding.acts && actionsOff ? actionsOff : null;
}

/** The command bound to `key` in `mode` (and `context`), or null when the key does nothing there. */
export function commandFor(key: string, mode: Mode, context: KeyContext = 'live'): Command | null {
  for (const binding of KEYMAP) {
    if (bindingApplies(binding, mode, context) && binding.keys.includes(key)) return binding.command;
  }
  return null;
}
