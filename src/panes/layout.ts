/** Screen layout: which panes go where for a terminal size. Pure. */
import type { PaneId } from '../core/types.js';

/** A rectangle in cells. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Smallest size that shows every pane at once. */
export const FULL_MIN = { width: 80, height: 24 } as const;
/** Smallest size that shows anything but a message. */
export const COMPACT_MIN = { width: 40, height: 10 } as const;

/** The result of laying out the screen (the status bar takes the last row). */
export type Layout =
  | { readonly kind: 'too-small'; readonly width: number; readonly height: number }
  | { readonly kind: 'compact'; readonly pane: PaneId; readonly body: Rect }
  | { readonly kind: 'full'; readonly panes: ReadonlyArray<readonly [PaneId, Rect]> };

/**
 * Rows a pane would like (content plus border); the layout caps it. `urgent`:
 * panes that take the top of the first screen now; `shown`: panes that are
 * drawn in the optional slot (Network's) without taking the top.
 */
export type PaneWants = Partial<Record<PaneId, number>> & { readonly urgent?: readonly PaneId[]; readonly shown?: readonly PaneId[] };

/**
 * The panes the full layout draws, in grid order (top, top, left, right,
 * third): five at most. Memory is drawn on top, full width, when urgent or
 * focused (the Network pane gives way, or Writers when Network has the
 * focus); in the Network pane's place when `shown` (an incident that already
 * happened: a recent OOM kill) and Network has not the focus; otherwise not.
 */
export function arrangePanes(panes: readonly PaneId[], focus: PaneId, urgent: readonly PaneId[] = [], shown: readonly PaneId[] = []): readonly PaneId[] {
  if (!panes.includes('memory')) return panes;
  const rest = panes.filter((p) => p !== 'memory');
  if (urgent.includes('memory') || focus === 'memory') {
    const drop = rest.length < 5 ? null : focus === 'network' ? 'writers' : 'network';
    const others = rest.filter((p) => p !== drop);
    if (others.length < 4) return ['memory', ...others];
    const tail = others.slice(1);
    const bottom: PaneId[] = tail.filter((p) => p === 'log' || p === 'cpu');
    return ['memory', others[0]!, ...bottom, ...tail.filter((p) => !bottom.includes(p))];
  }
  if (!shown.includes('memory') || focus === 'network') return rest;
  return rest.includes('network') ? rest.map((p): PaneId => (p === 'network' ? 'memory' : p)) : [...rest, 'memory' as const].slice(-5);
}

function grid(panes: readonly PaneId[], width: number, height: number, wants: PaneWants): Array<[PaneId, Rect]> {
  const n = panes.length;
  if (n <= 3) {
    // Stacked full width: each pane but the last gets what it wants, capped so
    // that the last (CPU) keeps at least a third; the last takes the rest.
    const cap = Math.floor(height / (n === 3 ? 3 : 2));
    const out: Array<[PaneId, Rect]> = [];
    let y = 0;
    panes.forEach((p, i) => {
      const want = wants[p];
      const h = i === n - 1 ? height - y : want === undefined ? cap : Math.max(4, Math.min(want, cap));
      out.push([p, { x: 0, y, width, height: h }]);
      y += h;
    });
    return out;
  }
  // Four or five panes: the culprit panes (Disks, Writers, then Network) full
  // width on top, Disks and Writers each capped at a third, Network at a
  // quarter and shrunk first so that the Log and CPU keep BOTTOM_MIN rows; the
  // Log and CPU side by side below, Log the wider.
  const cap = Math.floor(height / 3);
  const out: Array<[PaneId, Rect]> = [];
  let y = 0;
  const [top1, top2, left, right, third] = panes as [PaneId, PaneId, PaneId, PaneId, PaneId | undefined];
  for (const p of [top1, top2]) {
    const want = wants[p];
    const h = want === undefined ? cap : Math.max(4, Math.min(want, cap));
    out.push([p, { x: 0, y, width, height: h }]);
    y += h;
  }
  if (third !== undefined) {
    const h = Math.max(3, Math.min(wants[third] ?? 3, Math.floor(height / 4), height - y - BOTTOM_MIN));
    out.push([third, { x: 0, y, width, height: h }]);
    y += h;
  }
  const leftW = Math.ceil(width * 0.55);
  out.push([left, { x: 0, y, width: leftW, height: height - y }]);
  out.push([right, { x: leftW, y, width: width - leftW, height: height - y }]);
  return out;
}

/** Rows the Log and CPU keep below the full-width panes. */
const BOTTOM_MIN = 8;

/**
 * Lays out the present panes: all of them at 80x24 and up; one at a time (the
 * focused one, under a tab bar) down to 40x10; below that, nothing. Zoomed
 * (z), the focused pane alone takes the whole body at any size that shows
 * anything.
 */
export function computeLayout(width: number, height: number, panes: readonly PaneId[], focus: PaneId, wants: PaneWants = {}, zoomed = false): Layout {
  if (width < COMPACT_MIN.width || height < COMPACT_MIN.height) return { kind: 'too-small', width, height };
  const bodyHeight = height - 1;
  if (zoomed && panes.includes(focus)) return { kind: 'full', panes: [[focus, { x: 0, y: 0, width, height: bodyHeight }]] };
  if (width < FULL_MIN.width || height < FULL_MIN.height) {
    return { kind: 'compact', pane: focus, body: { x: 0, y: 1, width, height: bodyHeight - 1 } };
  }
  // a pane shown in the optional place, unfocused, takes what Network would have (3 rows at least: one line)
  const capped = { ...wants };
  for (const id of wants.shown ?? []) if (id !== focus) capped[id] = Math.min(wants[id] ?? 3, Math.max(3, wants.network ?? 3));
  return { kind: 'full', panes: grid(arrangePanes(panes, focus, wants.urgent, wants.shown), width, bodyHeight, capped) };
}

/** Rows inside a pane's border available to its list, given the pane rect. */
export function innerSize(rect: Rect): { width: number; height: number } {
  return { width: Math.max(0, rect.width - 2), height: Math.max(0, rect.height - 2) };
}

/**
 * The compact tab bar's panes: Memory has a tab only when it has the focus or
 * is on top (a live incident); `6` and Tab reach it anyway. Six tabs do not
 * fit 60 columns with the Tab hint.
 */
export function tabPanes(panes: readonly PaneId[], focus: PaneId, wants: PaneWants): readonly PaneId[] {
  const placed = focus === 'memory' || (wants.urgent ?? []).includes('memory');
  return placed ? panes : panes.filter((p) => p !== 'memory');
}
