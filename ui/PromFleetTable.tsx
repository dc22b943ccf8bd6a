/** The fleet screen fed by Prometheus: a status line (where from, unreachable), the table, the key line. */
import { PROM_FLEET_HEADER } from '../src/panes/prom-fleet-lines.js';
import type { FleetLine } from '../src/panes/fleet-lines.js';
import { plainLine } from '../src/panes/styled.js';
import { FleetFrame } from './FleetFrame.js';

/** Props of the table. */
export interface PromFleetTableProps {
  readonly lines: readonly FleetLine[];
  readonly selected: number;
  /** "Prometheus URL · N hosts · refreshed 2s ago", or "Prometheus unreachable: …". */
  readonly status: string;
  readonly alert: boolean;
  readonly width: number;
  readonly height: number;
}

/** Draws the table. */
export function PromFleetTable({ lines, selected, status, alert, width, height }: PromFleetTableProps) {
  const title = `Fleet · ${lines.length} hosts · Enter: sitrep ssh to the host (Esc there: back)`;
  const heads = [plainLine(status, alert ? { color: 'red', bold: true } : undefined), plainLine(PROM_FLEET_HEADER, { bold: true })];
  return <FleetFrame title={title} heads={heads} lines={lines} selected={selected} width={width} height={height} />;
}
