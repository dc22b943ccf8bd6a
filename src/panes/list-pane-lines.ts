/**
 * The list panes' lines as drawn: Disks, Writers, Memory and Network, each a
 * window of its rows that keeps the selection in view, the selection inverse
 * while the pane has focus. Both renderers draw these.
 */
import type { ModelState } from '../model/model.js';
import type { SshClient } from '../stream/messages.js';
import { selectFilesystems } from '../model/disk-selectors.js';
import { disksPaneLines, hasIo, headerLine } from './disk-lines.js';
import { writersHeader, type WriterRow } from './writer-lines.js';
import type { MemoryRow } from './memory-lines.js';
import { netHeader, netPaneLines, netTotalsLine, type NetLine } from './net-lines.js';
import { INITIAL_LISTS, type ListOptions } from '../core/list-options.js';
import { sanitize } from '../text/sanitize.js';
import { plainLine, type Look, type StyledLine } from './styled.js';

const TONES: Readonly<Record<NetLine['tone'], string | undefined>> = { alert: 'red', warn: 'yellow', plain: undefined, dim: 'gray', title: 'cyan' };
const DIM: Look = { dim: true };

function toneLook(tone: NetLine['tone'], inverse: boolean): Look | undefined {
  const color = TONES[tone];
  if (!color && tone !== 'title' && !inverse) return undefined;
  return { color, bold: tone === 'title' || undefined, inverse: inverse || undefined };
}

/** The Disks pane within width x height cells. */
export function disksLines(model: ModelState, width: number, height: number, selected: number, focused: boolean): StyledLine[] {
  const filesystems = selectFilesystems(model);
  const lines = disksPaneLines(filesystems, width);
  const visible = Math.max(0, height - 1);
  const selectedLine = Math.max(0, lines.findIndex((l) => l.main && l.index === selected));
  const first = Math.max(0, Math.min(selectedLine - visible + 1 + (lines[selectedLine + 1]?.main === false ? 1 : 0), lines.length - visible));
  const shown = lines.slice(first, first + visible);
  return [
    plainLine(headerLine(width, hasIo(filesystems)), { bold: true }),
    ...(shown.length === 0 ? [plainLine('waiting for the first statfs…', DIM)] : []),
    ...shown.map((line) => {
      const inverse = focused && line.main && line.index === selected;
      return plainLine(line.text, line.color || inverse ? { color: line.color, inverse: inverse || undefined } : undefined);
    }),
  ];
}

/** The Writers pane within width x height cells, from the rows paneRows built for this state. */
export function writersLines(model: ModelState, rows: readonly WriterRow[], width: number, height: number, selected: number, focused: boolean, options: ListOptions = INITIAL_LISTS.writers): StyledLine[] {
  const visible = Math.max(0, height - 1);
  const first = Math.max(0, selected - visible + 1);
  const empty = options.filter ? `no writer matches "${sanitize(options.filter, 40)}" (\\ then Esc clears)` : 'no process is writing';
  return [
    plainLine(writersHeader(width, options), { bold: true }),
    ...(model.writers === null ? [plainLine('no I/O counters from this source', DIM)] : rows.length === 0 ? [plainLine(empty, DIM)] : []),
    ...rows.slice(first, first + visible).map((row, i) => {
      const color = row.kind === 'group' ? 'cyan' : row.kind === 'deleted' ? 'yellow' : undefined;
      const inverse = focused && first + i === selected;
      return plainLine(row.draw(width), color || inverse ? { color, bold: row.kind === 'group' || undefined, inverse: inverse || undefined } : undefined);
    }),
  ];
}

/** The Memory pane within width x height cells, from the rows paneRows built for this state. */
export function memoryPaneLines(model: ModelState, rows: readonly MemoryRow[], width: number, height: number, selected: number, focused: boolean): StyledLine[] {
  if (rows.length === 0) return [plainLine(model.memoryTrack === null && model.sampleCount > 0 ? 'no memory detail from this source' : 'reading memory…', DIM)];
  const first = Math.max(0, Math.min(selected - height + 1, rows.length - height));
  return rows.slice(first, first + height).map((row, i) => plainLine(row.draw(width), toneLook(row.tone, focused && !row.header && first + i === selected)));
}

/** The Network pane within width x height cells. */
export function networkLines(model: ModelState, width: number, height: number, selected: number, focused: boolean, clients: readonly SshClient[] = []): StyledLine[] {
  const lines = netPaneLines(model, width, clients);
  const visible = Math.max(0, height - 2);
  const first = Math.max(0, Math.min(selected - visible + 1, lines.length - visible));
  const waiting = model.net === null ? null : model.net.table === null ? 'reading the socket tables…' : lines.length === 0 || lines[0]!.header ? 'no public range connected' : null;
  return [
    plainLine(netTotalsLine(model, width)),
    ...(height >= 2 ? [plainLine(netHeader(width), { bold: true })] : []),
    ...(waiting && height >= 3 ? [plainLine(waiting, DIM)] : []),
    ...lines.slice(first, first + visible - (waiting ? 1 : 0)).map((line, i) => plainLine(line.text, toneLook(line.tone, focused && !line.header && first + i === selected))),
  ];
}
