/**
 * The console's frames: the fast path (src/draw/screen.ts) draws the panes and
 * the status line as text; anything else goes to Ink (console-ink.tsx), which
 * is loaded and evaluated the first time it is needed, yoga first. While it
 * loads no frame is drawn; once loaded, `loaded` asks for one.
 */
import { fastFrame } from '../draw/screen.js';
import { optimizeFromNow } from './optimizer-switch.js';
import type { AppProps } from '../../ui/App.js';
import type { BundleGlobals } from '../stream/bundle-globals.js';
import type { InkScreen } from './console-ink.js';

/** The console's renderer. */
export interface ConsoleFrames {
  /** The frame text, or null while Ink loads. */
  frame(props: AppProps, onError: (error: Error) => void): string | null;
  /** Whether Ink has been loaded (the bench and the tests ask). */
  inkLoaded(): boolean;
  close(): void;
}

/** The console's renderer; `loaded` is called when Ink has loaded (draw again) or failed to (the error). */
export function consoleFrames(loaded: (error: Error | null) => void): ConsoleFrames {
  let ink: InkScreen | null = null;
  let loading = false;
  let closed = false;
  const load = (width: number, height: number): void => {
    if (loading) return;
    loading = true;
    // Ink's frames (dialogs, overlays, the directory browser) are heavy for V8's interpreter: its optimiser on from now (optimizer-switch.ts).
    optimizeFromNow();
    void (async () => {
      await (globalThis as BundleGlobals).__sitrepLoadYoga?.();
      const { inkScreen } = await import('./console-ink.js');
      if (!closed) ink = inkScreen(width, height);
    })().then(() => !closed && loaded(null), (error: unknown) => !closed && loaded(error instanceof Error ? error : new Error(String(error))));
  };
  return {
    frame(props, onError) {
      const fast = fastFrame(props);
      if (fast !== null) return fast;
      if (!ink) {
        load(props.width, props.height);
        return null;
      }
      return ink.frame(props, onError);
    },
    inkLoaded: () => ink !== null,
    close() {
      closed = true;
      ink?.close();
      ink = null;
    },
  };
}
