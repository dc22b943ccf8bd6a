/**
 * The whole screen for one state and one terminal size. Only App knows the
 * window size; every pane gets its width and height as props.
 */
import { Box, Text } from 'ink';
import type { ModelState } from '../src/model/model.js';
import { selectHost, selectLastEvent } from '../src/model/selectors.js';
import { PANE_TITLES, PRESENT_PANES, type PaneId } from '../src/view/panes.js';
import type { ViewState } from '../src/view/view.js';
import type { KeyContext } from '../src/view/keymap.js';
import { Confirm } from './Confirm.js';
import { ServicesOverlay } from './ServicesOverlay.js';
import { LogDetail } from './LogDetail.js';
import { DirBrowser } from './DirBrowser.js';
import { ProcessDetail } from './ProcessDetail.js';
import { paneWants } from '../src/panes/pane-wants.js';
import { HelpOverlay } from './HelpOverlay.js';
import { MessageLog } from './MessageLog.js';
import { PANE_COMPONENTS } from './pane-components.js';
import { computeLayout, innerSize, type Rect } from '../src/panes/layout.js';
import { Pane } from './Pane.js';
import { StatusBar } from './StatusBar.js';
import { TabBar } from './TabBar.js';

/** Props of the application screen. */
export interface AppProps {
  /** The model on screen (the frozen one while paused). */
  readonly model: ModelState;
  /** The live model, for the status line. */
  readonly live: ModelState;
  readonly view: ViewState;
  readonly width: number;
  readonly height: number;
  readonly panes?: readonly PaneId[];
  /** A standing marker for the status line (REC, REPLAY …). */
  readonly banner?: { readonly text: string; readonly alert: boolean } | null;
  /** Live or replay: which bindings the help lists. */
  readonly context?: KeyContext;
  /** Actions are off (--read-only): the status line says READ-ONLY. */
  readonly readOnly?: boolean;
}

function PaneView({ id, rect, model, view }: { id: PaneId; rect: Rect; model: ModelState; view: ViewState }) {
  const inner = innerSize(rect);
  const focused = view.focus === id;
  const pane = PANE_COMPONENTS[id];
  return (
    <Pane title={PANE_TITLES[id]} note={pane.note?.(model, view)} width={rect.width} height={rect.height} focused={focused}>
      {pane.draw({ model, view, width: inner.width, height: inner.height, focused })}
    </Pane>
  );
}

/** Draws the layout for the size: all panes, one pane with tabs, or a message. */
export function App({ model, live, view, width, height, panes = PRESENT_PANES, banner = null, context = 'live', readOnly = false }: AppProps) {
  const layout = computeLayout(width, height, panes, view.focus, paneWants(model));
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
  let body;
  if (view.mode === 'messages') {
    body = <MessageLog events={live.events} width={width} height={bodyHeight} />;
  } else if (view.mode === 'help') {
    body = <HelpOverlay width={width} height={bodyHeight} scroll={view.helpScroll} context={context} />;
  } else if (view.mode === 'detail' && view.detail) {
    body = <ProcessDetail model={model} target={view.detail} width={width} height={bodyHeight} />;
  } else if (view.dialog?.kind === 'action') {
    body = <Confirm dialog={view.dialog} width={width} height={bodyHeight} />;
  } else if (view.mode === 'browse' && view.browse) {
    body = <DirBrowser model={model} browse={view.browse} width={width} height={bodyHeight} />;
  } else if (view.mode === 'log-detail' && view.logDetail) {
    body = <LogDetail line={view.logDetail} width={width} height={bodyHeight} />;
  } else if (view.mode === 'services') {
    body = <ServicesOverlay model={model} selected={view.servicesSelected} width={width} height={bodyHeight} />;
  } else if (view.dialog) {
    body = <Confirm dialog={view.dialog} width={width} height={bodyHeight} />;
  } else if (layout.kind === 'compact') {
    body = (
      <Box flexDirection="column" height={bodyHeight}>
        <TabBar panes={panes} focus={layout.pane} />
        <PaneView id={layout.pane} rect={layout.body} model={model} view={view} />
      </Box>
    );
  } else {
    body = (
      <Box width={width} height={bodyHeight}>
        {layout.panes.map(([id, rect]) => (
          <Box key={id} position="absolute" marginLeft={rect.x} marginTop={rect.y}>
            <PaneView id={id} rect={rect} model={model} view={view} />
          </Box>
        ))}
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
