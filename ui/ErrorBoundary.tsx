/**
 * Catches any error thrown while rendering (a component or a selector) and
 * hands it to the console, which ends cleanly: terminal restored, one line
 * printed, exit 1. Without it, Ink swallows the error and the console stops
 * drawing while it still holds the terminal.
 */
import { Component, type ReactNode } from 'react';

/** Props of the boundary. */
export interface ErrorBoundaryProps {
  readonly onError: (error: Error) => void;
  readonly children: ReactNode;
}

/** Renders nothing once a child has thrown; reports the error once. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
