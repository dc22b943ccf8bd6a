/**
 * The panes as Ink components, for component tests (ink-testing-library): each
 * draws its pane's styled lines (src/panes/*-lines.ts) with ui/StyledLines.tsx,
 * as the App does inside a pane's border. The console itself draws the same
 * lines through PANE_LINES (or the fast path).
 */
import type { ModelState } from '../../src/model/model.js';
import type { CpuRow } from '../../src/panes/cpu-rows.js';
import type { WriterRow } from '../../src/panes/writer-lines.js';
import type { MemoryRow } from '../../src/panes/memory-lines.js';
import { INITIAL_LISTS, type ListOptions } from '../../src/core/list-options.js';
import { cpuPaneLines } from '../../src/panes/cpu-lines.js';
import { processLines } from '../../src/panes/process-lines.js';
import { disksLines, memoryPaneLines, writersLines } from '../../src/panes/list-pane-lines.js';
import { StyledLines } from '../../ui/StyledLines.js';

interface Sized {
  readonly width: number;
  readonly height: number;
  readonly selected: number;
  readonly focused: boolean;
}

/** The CPU pane's inner area. */
export function CpuPane({ model, width, height, selected, focused, options = INITIAL_LISTS.cpu }: Sized & { model: ModelState; options?: ListOptions }) {
  return <StyledLines lines={cpuPaneLines(model, width, height, selected, focused, options)} width={width} height={height} />;
}

/** The process list alone. */
export function ProcessTable({ rows, width, height, selected, focused, options = INITIAL_LISTS.cpu }: Sized & { rows: readonly CpuRow[]; options?: ListOptions }) {
  return <StyledLines lines={processLines(rows, width, height, selected, focused, options)} width={width} height={height} />;
}

/** The Disks pane's inner area. */
export function DisksPane({ model, width, height, selected, focused }: Sized & { model: ModelState }) {
  return <StyledLines lines={disksLines(model, width, height, selected, focused)} width={width} height={height} />;
}

/** The Writers pane's inner area, from the rows paneRows built. */
export function WritersPane({ model, rows, width, height, selected, focused, options = INITIAL_LISTS.writers }: Sized & { model: ModelState; rows: readonly WriterRow[]; options?: ListOptions }) {
  return <StyledLines lines={writersLines(model, rows, width, height, selected, focused, options)} width={width} height={height} />;
}

/** The Memory pane's inner area, from the rows paneRows built. */
export function MemoryPane({ model, rows, width, height, selected, focused }: Sized & { model: ModelState; rows: readonly MemoryRow[] }) {
  return <StyledLines lines={memoryPaneLines(model, rows, width, height, selected, focused)} width={width} height={height} />;
}
