/** How the CPU pane splits its inner area between text, graphs and the table. Pure. */

/** How per-core utilisation is drawn. */
export type CoreMode =
  | { readonly kind: 'graphs'; readonly rowsEach: number; readonly columns: number }
  | { readonly kind: 'heat'; readonly lines: number }
  | { readonly kind: 'none' };

/** Row budget of the CPU pane. */
export interface CpuPaneLayout {
  readonly psiLine: boolean;
  readonly memoryLine: boolean;
  readonly totalRows: number;
  readonly scaleLine: boolean;
  readonly cores: CoreMode;
  readonly coreRows: number;
  /** Table rows including its header line. */
  readonly tableRows: number;
}

/** Width of the label column beside each core graph ('cpu12 100% '). */
export const CORE_LABEL_WIDTH = 11;
const MIN_CORE_GRAPH = 10;

function coreMode(cores: number, width: number, rows: number): CoreMode {
  if (rows < 1 || cores < 1) return { kind: 'none' };
  const maxColumns = Math.max(1, Math.floor(width / (CORE_LABEL_WIDTH + MIN_CORE_GRAPH + 1)));
  const columns = Math.ceil(cores / rows);
  if (columns <= maxColumns) {
    const perColumn = Math.ceil(cores / columns);
    return { kind: 'graphs', rowsEach: Math.max(1, Math.min(3, Math.floor(rows / perColumn))), columns };
  }
  // Too many cores for graphs: one block character per core.
  return { kind: 'heat', lines: Math.min(rows, Math.ceil(cores / Math.max(1, width - 6))) };
}

function coreRowsUsed(mode: CoreMode, cores: number): number {
  if (mode.kind === 'graphs') return Math.ceil(cores / mode.columns) * mode.rowsEach;
  return mode.kind === 'heat' ? mode.lines : 0;
}

/** Splits `height` rows of a `width`-wide CPU pane for `cores` cores. */
export function cpuPaneLayout(width: number, height: number, cores: number, hasPsi: boolean): CpuPaneLayout {
  const memoryLine = height >= 8;
  const psiLine = hasPsi && height >= 12;
  const rest = height - 1 - (memoryLine ? 1 : 0) - (psiLine ? 1 : 0);
  const table = Math.max(2, Math.floor(rest * 0.4));
  const graphs = Math.max(0, rest - table);
  const totalRows = graphs >= 2 ? Math.min(8, Math.max(2, Math.floor(graphs * 0.45))) : graphs;
  const scaleLine = graphs - totalRows >= 4;
  const coreBudget = graphs - totalRows - (scaleLine ? 1 : 0);
  const cores_ = coreMode(cores, width, coreBudget);
  const coreRows = coreRowsUsed(cores_, cores);
  const tableRows = Math.max(0, rest - totalRows - (scaleLine ? 1 : 0) - coreRows);
  return { psiLine, memoryLine, totalRows, scaleLine, cores: cores_, coreRows, tableRows };
}
