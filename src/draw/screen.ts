/**
 * The fast path: the steady-state screen (the panes and the status line)
 * drawn straight to frame text from the panes' lines, with no React reconcile
 * and no yoga layout. Anything else (a dialog, help, an overlay, a terminal too
 * small) is Ink's: `fastFrame` returns null and the console renders the App.
 * test/ui/fast-frame.test.tsx checks both give the same cells.
 */
import { ALL_PANES, type ScreenArgs, type ViewState } from '../core/types.js';
import { selectHost, selectLastEvent } from '../model/selectors.js';
import { layoutOf } from '../panes/measure.js';
import { paneWants } from '../panes/pane-wants.js';
import { tabPanes } from '../panes/layout.js';
import { statusLine, tabBarLine } from '../panes/frame-lines.js';
import { renderLine } from './render-line.js';
import { paneBox } from './pane-box.js';
import { memoPane } from './pane-memo.js';

/** What the screen is drawn from. */
export type FastFrameArgs = ScreenArgs;

/** Whether the view shows only panes (no dialog, overlay, help or message log): the fast path's screen. */
export function panesOnly(view: ViewState): boolean {
  if (view.dialog || view.browse) return false;
  const m = view.mode;
  return !(m === 'messages' || m === 'help' || m === 'hardware' || m === 'services' || (m === 'detail' && view.detail) ||
    (m === 'log-detail' && view.logDetail) || (m === 'net-detail' && view.netDetail));
}

/** Puts each pane's lines at its place in a width x height body. */
function placed(boxes: ReadonlyArray<{ x: number; y: number; cells: number; lines: string[] }>, width: number, height: number): string[] {
  const rows: Array<Array<{ x: number; text: string; cells: number }>> = Array.from({ length: height }, () => []);
  for (const box of boxes) {
    const cells = box.lines.length ? box.cells : 0;
    box.lines.forEach((text, i) => rows[box.y + i]?.push({ x: box.x, text, cells }));
  }
  return rows.map((parts) => {
    parts.sort((a, b) => a.x - b.x);
    let out = '';
    let at = 0;
    for (const p of parts) {
      if (p.x > at) out += ' '.repeat(p.x - at);
      out += p.text;
      at = p.x + p.cells;
    }
    return at < width ? out + ' '.repeat(width - at) : out;
  });
}

/** The frame's text, or null when the screen is not panes only (Ink draws it). */
export function fastFrame({ model, live, view, width, height, panes = ALL_PANES, banner = null, readOnly = false, sshClients = [] }: FastFrameArgs): string | null {
  if (!panesOnly(view)) return null;
  const layout = layoutOf(model, width, height, panes, view.focus, view.zoomed);
  if (layout.kind === 'too-small') return null;
  const bodyHeight = height - 1;
  let body: string[];
  if (layout.kind === 'compact') {
    const rect = layout.body;
    const tabs = renderLine(tabBarLine(tabPanes(panes, view.focus, paneWants(model)), layout.pane), width);
    body = [tabs, ...placed([{ x: 0, y: 0, cells: rect.width, lines: memoPane(layout.pane, rect, model, view, sshClients, () => paneBox(layout.pane, rect, model, view, sshClients)) }], width, bodyHeight - 1)];
  } else {
    body = placed(layout.panes.map(([id, rect]) => ({ x: rect.x, y: rect.y, cells: rect.width, lines: memoPane(id, rect, model, view, sshClients, () => paneBox(id, rect, model, view, sshClients)) })), width, bodyHeight);
  }
  const status = statusLine({
    width,
    host: selectHost(live)?.host ?? '',
    intervalMs: live.header?.intervalMs ?? 1000,
    paused: view.frozen !== null,
    message: view.notice ? { type: 'error', text: view.notice } : selectLastEvent(live, live.lastSampleAt),
    readOnly,
    sampleAt: model.lastSampleAt,
    banner,
  });
  return [...body.slice(0, bodyHeight), renderLine(status, width)].join('\n');
}
