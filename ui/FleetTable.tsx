/** The fleet screen: one line per host, the most urgent first; the selected one is what Enter opens. */
import { FLEET_HEADER, type FleetLine } from '../src/panes/fleet-lines.js';
import { plainLine } from '../src/panes/styled.js';
import { FleetFrame } from './FleetFrame.js';

/** Props of the table. */
export interface FleetTableProps {
  readonly lines: readonly FleetLine[];
  readonly selected: number;
  readonly width: number;
  readonly height: number;
}

/** Draws the table and its key line (the keymap's `fleet` context). */
export function FleetTable({ lines, selected, width, height }: FleetTableProps) {
  const title = `Fleet · ${lines.length} hosts · Enter: the host's console (Esc there: back)`;
  return <FleetFrame title={title} heads={[plainLine(FLEET_HEADER, { bold: true })]} lines={lines} selected={selected} width={width} height={height} />;
}
