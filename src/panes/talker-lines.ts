/** The Network pane's "top talkers" block (issue 35): TX and RX per second by process, with its unit and ranges. Pure. */
import { selectTalkers } from '../model/bandwidth-selectors.js';
import type { ModelState } from '../model/model.js';
import { formatBytes } from '../text/format.js';
import { sanitize } from '../text/sanitize.js';
import { fit } from '../text/width.js';

/** One line of the block: a header row of the Network pane's list (net-lines.ts's NetLine, which imports this file; no cycle). */
export interface TalkerLine {
  readonly key: string;
  readonly label: string;
  readonly header: true;
  readonly text: string;
  readonly tone: 'plain' | 'dim' | 'title';
}

/** Talkers listed, at most. */
export const TALKERS_SHOWN = 5;

const per = (n: number) => `${formatBytes(n)}/s`;

/** The block's lines (headers, never selected): nothing before a rated reading or while nothing moves. */
export function talkerLines(model: ModelState, width: number): TalkerLine[] {
  const view = model.bandwidth?.view;
  if (!view) return [];
  const talkers = selectTalkers(model, null).filter((t) => t.txPerSecond + t.rxPerSecond >= 1024).slice(0, TALKERS_SHOWN);
  if (talkers.length === 0 && view.otherTx + view.otherRx < 1024) return [];
  const out: TalkerLine[] = [{ key: 'talkers', label: 'top talkers', header: true, tone: 'title', text: fit(`top talkers over ${view.seconds.toFixed(0)} s: ${'TX/s'.padStart(9)} ${'RX/s'.padStart(9)}`, width) }];
  for (const t of talkers) {
    const who = t.owner ? `${sanitize(t.owner.comm, 16)} (${t.owner.pid})${t.owner.unit ? ` ${sanitize(t.owner.unit, 30)}` : ''}` : t.comm ? `${sanitize(t.comm, 16)} (gone)` : 'no owner';
    const ranges = t.ranges.slice(0, 2).map((r) => sanitize(r, 44)).join(', ') + (t.ranges.length > 2 ? '…' : '');
    out.push({ key: `talker:${t.key}`, label: who, header: true, tone: 'plain', text: fit(`  ${per(t.txPerSecond).padStart(9)} ${per(t.rxPerSecond).padStart(9)}  ${who} → ${ranges}`, width) });
  }
  out.push({ key: 'talkers:other', label: 'other', header: true, tone: 'dim', text: fit(`  ${per(view.otherTx).padStart(9)} ${per(view.otherRx).padStart(9)}  other: UDP, closed sockets, headers (of ${per(view.interfaceTx)} out, ${per(view.interfaceRx)} in)`, width) });
  return out;
}
