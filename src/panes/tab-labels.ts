/** The compact layout's tab labels (ui/TabBar.tsx draws them; a click on one focuses its pane: src/view/mouse.ts). Pure. */
import { ALL_PANES, type PaneId } from '../core/types.js';
import { PANE_REGISTRY } from './registry.js';

/** One pane's tab: its number key and title, padded by a space each side. */
export function tabLabel(pane: PaneId): string {
  return ` ${ALL_PANES.indexOf(pane) + 1} ${PANE_REGISTRY[pane].title} `;
}

/** The pane whose tab covers column x of the tab bar of `panes` (labels side by side from column 0), or null. */
export function tabAt(panes: readonly PaneId[], x: number): PaneId | null {
  let start = 0;
  for (const p of panes) {
    const width = [...tabLabel(p)].length;
    if (x >= start && x < start + width) return p;
    start += width;
  }
  return null;
}
