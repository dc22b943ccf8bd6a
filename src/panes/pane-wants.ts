/** Rows each pane would like, border included; the layout caps them. */
import type { ModelState } from '../model/model.js';
import { disksWantedRows } from './disk-lines.js';
import { writersListLength } from './writer-lines.js';
import type { PaneWants } from './layout.js';

/** What each pane asks of the layout for this model. */
export function paneWants(model: ModelState): PaneWants {
  return { disks: disksWantedRows(model) + 2, writers: Math.max(2, 1 + writersListLength(model)) + 2 };
}
