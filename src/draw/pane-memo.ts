/**
 * An unchanged pane costs nothing: the fast path keeps each pane's last box
 * and reuses it while what it is drawn from is the same. A log batch (a line a
 * second on a quiet server, twenty thousand in a flood) changes only the
 * model's `log` and `events`; the panes that never read them (Disks, Writers,
 * CPU, Network) are then not drawn again. Bound: one box per pane id.
 */
import type { PaneId, ViewState } from '../core/types.js';
import type { ModelState } from '../model/model.js';
import { sameBesidesLog } from '../model/same-besides-log.js';
import type { SshClient } from '../stream/messages.js';
import type { Rect } from '../panes/layout.js';

/** Panes drawn from the model without its `log` and `events` (their lines never read them). */
const LOG_BLIND: ReadonlySet<PaneId> = new Set<PaneId>(['disks', 'writers', 'cpu', 'network']);

interface Kept {
  readonly model: ModelState;
  readonly view: ViewState;
  readonly rect: Rect;
  readonly clients: readonly SshClient[];
  readonly lines: string[];
}

const kept = new Map<PaneId, Kept>();

function sameClients(a: readonly SshClient[], b: readonly SshClient[]): boolean {
  return a === b || (a.length === b.length && a.every((c, i) => c.address === b[i]!.address && c.own === b[i]!.own));
}

/** The pane's box: the one kept when nothing it is drawn from changed, else `draw()` (kept for next time). */
export function memoPane(id: PaneId, rect: Rect, model: ModelState, view: ViewState, clients: readonly SshClient[], draw: () => string[]): string[] {
  const last = kept.get(id);
  if (last && LOG_BLIND.has(id) && last.view === view && sameClients(last.clients, clients) && last.rect.width === rect.width &&
    last.rect.height === rect.height && sameBesidesLog(last.model, model)) return last.lines;
  const lines = draw();
  kept.set(id, { model, view, rect, clients, lines });
  return lines;
}
