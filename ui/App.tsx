/**
 * The whole screen for one state and one terminal size. Only App knows the
 * window size; every pane gets its width and height as props.
 */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import type { SshClient } from '../src/stream/messages.js';
import { selectHost, selectLastEvent } from '../src/model/selectors.js';
import { ALL_PANES, type PaneId, type ScreenArgs } from '../src/core/types.js';
import type { ViewState } from '../src/view/view.js';
import type { Dialog } from '../src/view/view-state.js';
import { SIGNALS } from '../src/effects/intents.js';
import type { KeyContext } from '../src/view/keymap.js';
import { Confirm } from './Confirm.js';
import { ServicesOverlay } from './ServicesOverlay.js';
import { HardwareOverlay } from './HardwareOverlay.js';
import { LogDetail } from './LogDetail.js';
import { NetConnections } from './NetConnections.js';
import { DirBrowser } from './DirBrowser.js';
import { ProcessDetail } from './ProcessDetail.js';
import { layoutOf } from '../src/panes/measure.js';
import { paneWants } from '../src/panes/pane-wants.js';
import { HelpOverlay } from './HelpOverlay.js';
import { MessageLog } from './MessageLog.js';
import { PANE_LINES, paneTitle } from '../src/panes/pane-lines.js';
import { StyledLines } from './StyledLines.js';
import { innerSize, tabPanes, type Rect } from '../src/panes/layout.js';
import { Pane } from './Pane.js';
import { StatusBar } from './StatusBar.js';
import { TabBar } from './TabBar.js';

/** Props of the application screen: what the screen is drawn from, and what the help needs. */
export interface AppProps extends ScreenArgs {
  /** Live or replay: which bindings the help lists. */
  readonly context?: KeyContext;
  /** Why actions are off (--read-only, replay), or null: the help marks each binding it turns off. */
  readonly actionsOff?: string | null;
}

function PaneView({ id, rect, model, view, clients }: { id: PaneId; rect: Rect; model: ModelState; view: ViewState; clients: readonly SshClient[] }) {
  const inner = innerSize(rect);
  const focused = view.focus === id;
  const pane = PANE_LINES[id];
  return (
    <Pane title={paneTitle(id, view)} note={pane.note?.(model, view)} width={rect.width} height={rect.height} focused={focused}>
      <StyledLines lines={pane.lines({ model, view, width: inner.width, height: inner.height, focused, clients })} width={inner.width} height={inner.height} />
    </Pane>
  );
}

/** Rows a confirmation's content needs, border included. */
export function dialogRowsWanted(dialog: Dialog): number {
  if (dialog.kind === 'process') return dialog.file ? 10 : 10 + SIGNALS.length;
  if (dialog.kind === 'action') return 7 + dialog.lines.length + (dialog.choices?.length ?? 0);
  return 12 + Math.min(8, dialog.target.members.length) + (dialog.target.guard ? 2 : 0);
}

/** Rows a confirmation takes: what it needs, at the bottom of the body (all of it when the screen is small). */
export function dialogHeight(bodyHeight: number, wanted: number): number {
  return bodyHeight - wanted < 8 ? bodyHeight : wanted;
}

/** The panes laid out in width x height (the body: the status line is not part of it): all of them, or one with tabs. */
function PaneLayout({ model, view, width, height, panes, clients }: { model: ModelState; view: ViewState; width: number; height: number; panes: readonly PaneId[]; clients: readonly SshClient[] }) {
  // computeLayout takes the terminal's size, status line included.
  const layout = layoutOf(model, width, height + 1, panes, view.focus, view.zoomed);
  if (layout.kind === 'too-small') return <Text dimColor wrap="truncate">{`(${width}x${height} left above the dialog)`}</Text>;
  if (layout.kind === 'compact') {
    return (
      <Box flexDirection="column" height={height}>
        <TabBar panes={tabPanes(panes, view.focus, paneWants(model))} focus={layout.pane} />
        <PaneView id={layout.pane} rect={layout.body} model={model} view={view} clients={clients} />
      </Box>
    );
  }
  return (
    <Box width={width} height={height}>
      {layout.panes.map(([id, rect]) => (
        <Box key={id} position="absolute" marginLeft={rect.x} marginTop={rect.y}>
          <PaneView id={id} rect={rect} model={model} view={view} clients={clients} />
        </Box>
      ))}
    </Box>
  );
}

/** Draws the layout for the size: all panes, one pane with tabs, or a message. */
export function App({ model, live, view, width, height, panes = ALL_PANES, banner = null, context = 'live', readOnly = false, actionsOff = null, sshClients = [] }: AppProps) {
  const layout = layoutOf(model, width, height, panes, view.focus, view.zoomed);
  if (layout.kind === 'too-small') {
    return <Text wrap="truncate">{`terminal too small (${width}x${height}): need 40x10`}</Text>;
  }
  const status = (
    <StatusBar
      width={width}
      host={selectHost(live)?.host ?? ''}
      intervalMs={live.header?.intervalMs ?? 1000}
      paused={view.frozen !== null}
      message={view.notice ? { type: 'error', text: view.notice } : selectLastEvent(live, live.lastSampleAt)}
      readOnly={readOnly}
      sampleAt={model.lastSampleAt}
      banner={banner}
    />
  );
  const bodyHeight = height - 1;
  const dialog = view.dialog;
  // A confirmation covers the lower part of the screen; what it is about stays in view above it, still updating.
  const dialogRows = dialog ? dialogHeight(bodyHeight, dialogRowsWanted(dialog)) : 0;
  const baseHeight = bodyHeight - dialogRows;
  let body;
  if (view.mode === 'messages') {
    body = <MessageLog events={live.events} width={width} height={bodyHeight} />;
  } else if (view.mode === 'help') {
    body = <HelpOverlay width={width} height={bodyHeight} scroll={view.helpScroll} context={context} actionsOff={actionsOff} />;
  } else {
    const base = baseHeight <= 0 ? null : (view.mode === 'detail' || (dialog && view.mode !== 'services')) && view.detail ? (
      <ProcessDetail model={model} target={view.detail} width={width} height={baseHeight} />
    ) : view.browse ? (
      <DirBrowser model={model} browse={view.browse} width={width} height={baseHeight} />
    ) : view.mode === 'log-detail' && view.logDetail ? (
      <LogDetail line={view.logDetail} width={width} height={baseHeight} />
    ) : view.mode === 'net-detail' && view.netDetail ? (
      <NetConnections model={model} range={view.netDetail} scroll={view.netScroll} width={width} height={baseHeight} />
    ) : view.mode === 'hardware' ? (
      <HardwareOverlay hardware={model.hardware} width={width} height={baseHeight} />
    ) : view.mode === 'services' ? (
      <ServicesOverlay model={model} selected={view.servicesSelected} width={width} height={baseHeight} />
    ) : (
      <PaneLayout model={model} view={view} width={width} height={baseHeight} panes={panes} clients={sshClients} />
    );
    body = (
      <Box flexDirection="column" width={width} height={bodyHeight}>
        {base}
        {dialog ? <Confirm dialog={dialog} width={width} height={dialogRows} /> : null}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {body}
      {status}
    </Box>
  );
}
