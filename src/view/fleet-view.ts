/**
 * The fleet screens' keys (the table of hosts over SSH, and the one fed by
 * Prometheus), pure: each key goes through the keymap once, in its `fleet`
 * context; the selection follows the host, not the line, as the rows re-sort.
 * What the screen must do (open a host, quit, redraw, suspend) comes out as an
 * effect, as the console's do.
 */
import { commandFor } from './keymap.js';

/** The fleet screen's view: the selected host's id, and whether the help is open. */
export interface FleetView {
  readonly selected: string | null;
  readonly mode: 'normal' | 'help';
}

/** What a fleet key asks of its screen. */
export type FleetEffect = { readonly kind: 'open'; readonly id: string } | { readonly kind: 'quit' | 'redraw' | 'suspend' };

/** The fleet screen before any key: the top host, no help. */
export const INITIAL_FLEET_VIEW: FleetView = { selected: null, mode: 'normal' };

/** The index drawn as selected among `ids` (in their drawn order): the selected host's, or the top one. */
export function fleetIndex(view: FleetView, ids: readonly string[]): number {
  return Math.max(0, view.selected === null ? 0 : ids.indexOf(view.selected));
}

/** Applies one key to the fleet's view, `ids` the hosts in the order drawn; returns the view and what the screen must do. */
export function fleetKey(view: FleetView, key: string, ids: readonly string[]): { readonly view: FleetView; readonly effect: FleetEffect | null } {
  const command = commandFor(key, view.mode, 'fleet');
  const index = fleetIndex(view, ids);
  const at = (i: number): FleetView => ({ ...view, selected: ids[Math.max(0, Math.min(ids.length - 1, i))] ?? null });
  switch (command) {
    case 'fleet.up':
      return { view: at(index - 1), effect: null };
    case 'fleet.down':
      return { view: at(index + 1), effect: null };
    case 'fleet.open': {
      const id = ids[index];
      return id === undefined ? { view, effect: null } : { view: at(index), effect: { kind: 'open', id } };
    }
    case 'help.toggle':
      return { view: { ...view, mode: view.mode === 'help' ? 'normal' : 'help' }, effect: null };
    case 'overlay.close':
      return { view: { ...view, mode: 'normal' }, effect: null };
    case 'screen.redraw':
      return { view, effect: { kind: 'redraw' } };
    case 'app.suspend':
      return { view, effect: { kind: 'suspend' } };
    case 'app.quit':
      return { view, effect: { kind: 'quit' } };
    default:
      return { view, effect: null };
  }
}
