/**
 * The console's Ink renderer: the App in its error boundary on one persistent
 * Ink instance. Loaded on first need (a dialog, help, an overlay, a terminal
 * too small: what the fast path leaves to Ink), so a console that only shows
 * panes never evaluates React, Ink or yoga.
 */
import { App, type AppProps } from '../../ui/App.js';
import { ErrorBoundary } from '../../ui/ErrorBoundary.js';
import { InkFrames } from '../term/ink-frames.js';

/** Frames of the App with Ink. */
export interface InkScreen {
  /** The frame text of the App with these props; a render error goes to `onError` (the boundary). */
  frame(props: AppProps, onError: (error: Error) => void): string;
  /** Unmounts the tree. */
  close(): void;
}

/** A persistent Ink renderer of the App, sized width x height at first. */
export function inkScreen(width: number, height: number): InkScreen {
  const frames = new InkFrames(width, height);
  return {
    frame: (props, onError) => frames.frame(<ErrorBoundary onError={onError}><App {...props} /></ErrorBoundary>, props.width, props.height),
    close: () => frames.close(),
  };
}
