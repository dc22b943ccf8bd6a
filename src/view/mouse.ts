/**
 * The mouse (issue 35), pure: SGR mouse reports (`ESC [ < b ; x ; y M|m`) out
 * of the input, and what a report means on the screen drawn. The pane under
 * the pointer comes from the frame's layout (panes/measure.ts, the one the App
 * drew); the row there from the pane's rows of this state (panes/pane-rows.ts),
 * found by the identity the clicked line shows (the pid, range or mount),
 * never by its position in a list that may have moved since the frame was
 * drawn. A dialog's No and Yes are found on the clicked line the same way.
 * Keys stay the whole interface: every click is a command the keys also give.
 */
import type { ModelState } from '../model/model.js';
import { ALL_PANES, type PaneId, type ViewState } from '../core/types.js';
import type { Rect } from '../panes/layout.js';
import { layoutOf } from '../panes/measure.js';
import { paneRows } from '../panes/pane-rows.js';
import { tabAt } from '../panes/tab-labels.js';

/** Turns SGR mouse reporting on (button events, SGR coordinates) and off. */
export const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';
export const MOUSE_OFF = '\x1b[?1006l\x1b[?1000l';

/** One report: a press or release of a button, or a wheel step. Cells are 0-based. */
export interface MouseEvent {
  readonly kind: 'press' | 'release' | 'wheel-up' | 'wheel-down';
  readonly button: number;
  readonly x: number;
  readonly y: number;
}

const SGR = /\x1b\[<(\d+);(\d+);(\d+)([Mm])/g;

/** Splits the mouse reports out of a chunk of input; `rest` is what the key decoder gets. */
export function parseMouse(data: string): { events: MouseEvent[]; rest: string } {
  if (!data.includes('\x1b[<')) return { events: [], rest: data };
  const events: MouseEvent[] = [];
  const rest = data.replace(SGR, (_all, b: string, x: string, y: string, end: string) => {
    const code = Number(b);
    const pos = { x: Number(x) - 1, y: Number(y) - 1 };
    if (code & 64) events.push({ kind: code & 1 ? 'wheel-down' : 'wheel-up', button: code, ...pos });
    else if (!(code & 32)) events.push({ kind: end === 'M' ? 'press' : 'release', button: code & 3, ...pos });
    return '';
  });
  return { events, rest };
}

/** The pane under a cell of a width x height screen (status line included), and its rectangle, or null: the frame's own layout (in the compact one, a tab names its pane). */
export function paneAt(model: ModelState, view: Pick<ViewState, 'focus' | 'zoomed'>, width: number, height: number, x: number, y: number): { pane: PaneId; rect: Rect; tab?: true } | null {
  const layout = layoutOf(model, width, height, ALL_PANES, view.focus, view.zoomed);
  if (layout.kind === 'too-small') return null;
  if (layout.kind === 'compact') {
    // Above the shown pane, the tab bar: a tab names the pane a click there focuses.
    if (y >= layout.body.y) return { pane: layout.pane, rect: layout.body };
    const tab = tabAt(ALL_PANES, x);
    return tab ? { pane: tab, rect: { x: 0, y, width, height: 1 }, tab: true } : null;
  }
  const hit = layout.panes.find(([, r]) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height);
  return hit ? { pane: hit[0], rect: hit[1] } : null;
}

/**
 * The index of the row a clicked screen line shows, in `pane`'s rows of this
 * state: a process by the pid its line starts with, any other row by the
 * longest label the line holds as a whole column value; null when the line
 * shows none (a header, a border, a path shortened past recognition).
 */
export function rowOnLine(model: ModelState, view: Pick<ViewState, 'selected' | 'lists'>, pane: PaneId, line: string): number | null {
  const rows = paneRows(model, pane, view);
  if (!rows) return null;
  const text = line.replace(/[\u2502\u2503\u2551|]/g, ' ');
  const pid = /^\s*(\d+)\s/.exec(text)?.[1];
  let best: number | null = null;
  let bestLength = 0;
  rows.forEach((row, i) => {
    if (row.header || bestLength === Infinity) return;
    if (typeof row.pid === 'number' || row.key.startsWith('proc:') || row.key.startsWith('pid:')) {
      const rowPid = typeof row.pid === 'number' ? String(row.pid) : row.key.split(':')[1];
      if (pid !== undefined && rowPid === pid) {
        best = i;
        bestLength = Infinity;
      }
      return;
    }
    if (row.label.length > bestLength && holdsWord(text, row.label)) {
      best = i;
      bestLength = row.label.length;
    }
  });
  return best;
}

/** True when `line` shows `label` as a whole column value (a mount '/' is not the start of '/srv/x'). */
function holdsWord(line: string, label: string): boolean {
  for (let at = line.indexOf(label); at >= 0; at = line.indexOf(label, at + 1)) {
    const before = at === 0 ? ' ' : line[at - 1]!;
    const after = line[at + label.length] ?? ' ';
    if (/[\s(]/.test(before) && /[\s),:]/.test(after)) return true;
  }
  return false;
}

/** A click: focus the pane under it and select the row its line shows (the store anchors that row's identity). */
export function clickView(view: ViewState, pane: PaneId, index: number | null): ViewState {
  const focused = { ...view, focus: pane };
  return index === null ? focused : { ...focused, selected: { ...view.selected, [pane]: index } };
}

/** The answer row every confirmation draws (ui/AnswerButtons.tsx): No, three spaces, Yes. */
const NO = '  No  ';
const YES = '  Yes  ';
const ANSWERS = `${NO}   ${YES}`;

/** Which of a dialog's buttons the cell at column x of a drawn screen line is on, or null (cells, not UTF-16 units). */
export function answerAt(line: string, x: number): 'yes' | 'no' | null {
  const cells = [...line];
  const at = cells.join('').indexOf(ANSWERS);
  if (at < 0) return null;
  // Column of the match: the cells before it (box-drawing characters are one cell, one code point).
  const start = [...cells.join('').slice(0, at)].length;
  if (x >= start && x < start + NO.length) return 'no';
  const yes = start + NO.length + 3;
  return x >= yes && x < yes + YES.length ? 'yes' : null;
}
