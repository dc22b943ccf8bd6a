/** A pane as text: its top edge with the title, its lines between side borders, its bottom edge (Ink's round border, drawn the same). */
import type { PaneId, ViewState } from '../core/types.js';
import type { ModelState } from '../model/model.js';
import type { SshClient } from '../stream/messages.js';
import type { Rect } from '../panes/layout.js';
import { innerSize } from '../panes/layout.js';
import { PANE_LINES, paneTitle } from '../panes/pane-lines.js';
import { paneTopLine } from '../panes/frame-lines.js';
import { renderBlock, renderLine } from './render-line.js';

const EDGE = { cyan: '36', gray: '90' } as const;

/** The pane `id` in `rect`: rect.height lines of exactly rect.width cells. */
export function paneBox(id: PaneId, rect: Rect, model: ModelState, view: ViewState, clients: readonly SshClient[]): string[] {
  const focused = view.focus === id;
  const drawing = PANE_LINES[id];
  const inner = innerSize(rect);
  const edge = `\x1b[${EDGE[focused ? 'cyan' : 'gray']}m`;
  const side = `${edge}│\x1b[0m`;
  const out = [renderLine(paneTopLine(paneTitle(id, view), drawing.note?.(model, view), rect.width, focused), rect.width)];
  if (rect.height < 2) return out.slice(0, rect.height);
  const lines = drawing.lines({ model, view, width: inner.width, height: inner.height, focused, clients });
  for (const line of renderBlock(lines, inner.width, inner.height)) out.push(side + line + side);
  out.push(`${edge}╰${'─'.repeat(Math.max(0, rect.width - 2))}╯\x1b[0m`);
  return out;
}
