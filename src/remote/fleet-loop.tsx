/**
 * The fleet screens (the table of hosts over SSH, and the one fed by
 * Prometheus) on the console's loop (src/app/screen-loop.ts: terminal, frames,
 * keys, signals, restore), with the keymap's `fleet` context (fleet-view.ts):
 * ↑/↓ select, Enter opens the selected host, ? lists the keys, q quits. A
 * screen gives the table, the hosts' ids in the order drawn, and what opening
 * one does; while a host is open the terminal is handed over to it.
 */
import type { ReactElement } from 'react';
import { Box, Text } from 'ink';
import { startScreen, type Screen, type ScreenEnd } from '../app/screen-loop.js';
import { InkFrames } from '../term/ink-frames.js';
import { fleetIndex, fleetKey, INITIAL_FLEET_VIEW, type FleetView } from '../view/fleet-view.js';
import { keyLine } from '../view/keymap-help.js';
import { HelpOverlay } from '../../ui/HelpOverlay.js';
import { fit } from '../text/width.js';

/** What a fleet screen gives the loop. */
export interface FleetLoopOptions {
  readonly noColor: boolean;
  readonly ascii: boolean;
  /** The hosts' ids (host name, instance) in the order the table draws them. */
  readonly ids: () => readonly string[];
  /** The table at a size, `selected` the index drawn selected. */
  readonly table: (selected: number, width: number, height: number) => ReactElement;
  /** Enter on host `id`: the screen may hand the terminal over (`screen.handOver`) and take it back. */
  readonly open: (id: string, screen: Screen) => void;
  /** Runs first when the screen ends (close the links, stop polling). */
  readonly closing?: (end: ScreenEnd) => void;
}

/** The fleet's help: the `fleet` context's bindings, over the key line. */
function FleetHelp({ width, height }: { readonly width: number; readonly height: number }) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      <HelpOverlay width={width} height={height - 1} scroll={0} context="fleet" />
      <Text wrap="truncate" dimColor>{fit(` ${keyLine('fleet', 'help')}`, width)}</Text>
    </Box>
  );
}

/** Starts a fleet screen; its `done` resolves when it ends (q, a signal). */
export function startFleetLoop(options: FleetLoopOptions): Screen {
  let view: FleetView = INITIAL_FLEET_VIEW;
  const frames = new InkFrames(process.stdout.columns || 80, process.stdout.rows || 24);
  const screen: Screen = startScreen({
    noColor: options.noColor,
    ascii: options.ascii,
    // The status line's ages move between rows.
    tickMs: 1000,
    frame: (width, height, ready) => {
      if (!ready()) return null;
      const element = view.mode === 'help' ? <FleetHelp width={width} height={height} /> : options.table(fleetIndex(view, options.ids()), width, height);
      return frames.frame(element, width, height);
    },
    key: (key) => {
      const ids = options.ids();
      const next = fleetKey(view, key, ids);
      view = next.view;
      const effect = next.effect;
      if (effect?.kind === 'quit') screen.end({ code: 0 });
      else if (effect?.kind === 'redraw') screen.redraw();
      else if (effect?.kind === 'suspend') screen.suspend();
      else if (effect?.kind === 'open') options.open(effect.id, screen);
    },
    closing: (end) => {
      frames.close();
      options.closing?.(end);
    },
  });
  return screen;
}
