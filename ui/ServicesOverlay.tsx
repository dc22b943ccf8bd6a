/** The Services overlay (u): failed units and units restarting lately, where a crash loop shows. */
import { plural } from '../src/text/format.js';
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import { unitAlerts, type UnitAlert } from '../src/model/services.js';
import { sanitize } from '../src/text/sanitize.js';
import { fit } from '../src/text/width.js';

/** Props of the overlay. */
export interface ServicesOverlayProps {
  readonly model: ModelState;
  readonly selected: number;
  readonly width: number;
  readonly height: number;
}

const HEADER = 'UNIT                             STATE                 RESTARTS  LAST 10m  DESCRIPTION';

function row(a: UnitAlert, width: number): string {
  const u = a.unit;
  const state = `${u.activeState} (${u.subState})${u.result && u.result !== 'success' ? ` ${u.result}` : ''}`;
  return fit(
    `${fit(sanitize(u.id), 32)} ${fit(sanitize(state), 21)} ${fit(String(u.nRestarts), 8, 'right')}  ${fit(a.restartsRecent ? `+${a.restartsRecent}` : '', 8, 'right')}  ${sanitize(u.description)}`,
    width,
  );
}

/** Lists the alerts; the selected one is what S and R act on. */
export function ServicesOverlay({ model, selected, width, height }: ServicesOverlayProps) {
  const services = model.services;
  const alerts = unitAlerts(services);
  const inner = Math.max(1, width - 4);
  const rows = Math.max(1, height - 5);
  const first = Math.max(0, Math.min(selected - rows + 1, alerts.length - rows));
  let message: string | null = null;
  if (!services) message = 'reading the service manager…';
  else if (services.unavailable) message = `${services.unavailable}: service actions are off`;
  else if (alerts.length === 0) message = `no failed units, and none restarted in the last 10 minutes (${plural(services.units.size, 'unit')} watched)`;
  return (
    <Box width={width} height={height} borderStyle="round" borderColor="cyan" flexDirection="column" paddingX={1}>
      <Text bold color="cyanBright" wrap="truncate">{`Services · ${services?.manager ?? '…'} · S stop · R restart · L its log · Esc close`}</Text>
      <Text bold wrap="truncate">{fit(HEADER, inner)}</Text>
      {message ? <Text dimColor wrap="truncate">{message}</Text> : null}
      {alerts.slice(first, first + rows).map((a, i) => (
        <Text key={a.unit.id} wrap="truncate" inverse={first + i === selected} color={a.failed ? 'red' : 'yellow'}>
          {row(a, inner)}
        </Text>
      ))}
    </Box>
  );
}
