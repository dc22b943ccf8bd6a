/** What the bundle's entry (src/app/load-modes.ts) leaves on globalThis for the modes it evaluates: a leaf shared by the wiring and the remote bundle sender. */
export interface BundleGlobals {
  __sitrepRequire?: NodeJS.Require;
  __sitrepBundlePath?: string;
  __sitrepYoga?: unknown;
  /** Loads yoga's wasm once (before Ink is first evaluated); undefined when running from source. */
  __sitrepLoadYoga?: () => Promise<void>;
}
