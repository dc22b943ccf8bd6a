/** The five panes of the first screen, and which of them exist in this build. */
import { PANE_REGISTRY } from '../panes/registry.js';

/** Identifier of a pane; numbers 1-5 focus them in this order. */
export type PaneId = 'disks' | 'writers' | 'log' | 'cpu' | 'network' | 'memory';

/** All panes in key order (1 Disks, 2 Writers, 3 Log, 4 CPU, 5 Network, 6 Memory). */
export const ALL_PANES: readonly PaneId[] = ['disks', 'writers', 'log', 'cpu', 'network', 'memory'];

/** Panes implemented so far; absent panes are not drawn and cannot be focused. */
export const PRESENT_PANES: readonly PaneId[] = ['disks', 'writers', 'log', 'cpu', 'network', 'memory'];

/** Display title of each pane, from the pane registry. */
export const PANE_TITLES: Readonly<Record<PaneId, string>> = {
  disks: PANE_REGISTRY.disks.title,
  writers: PANE_REGISTRY.writers.title,
  log: PANE_REGISTRY.log.title,
  cpu: PANE_REGISTRY.cpu.title,
  network: PANE_REGISTRY.network.title,
  memory: PANE_REGISTRY.memory.title,
};
