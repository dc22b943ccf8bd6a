/** What the bundle's entry (src/app/load-modes.ts) leaves on globalThis for the modes it evaluates: a leaf shared by the wiring and the remote bundle sender. */
export interface BundleGlobals {
  __sitrepRequire?: NodeJS.Require;
  __sitrepBundlePath?: string;
  __sitrepYoga?: unknown;
  /** systeminformation as text (the entry bundle's, through a getter): collectors/hardware/hardware.ts evaluates it for the \`i\` overlay. */
  readonly __sitrepSiText?: string;
  /** Loads yoga's wasm once (before Ink is first evaluated); undefined when running from source. */
  __sitrepLoadYoga?: () => Promise<void>;
  /** Whether V8 took the build's code cache of the modes text (src/app/load-modes.ts); the stats hook reports it. */
  __sitrepModesCache?: 'none' | 'taken' | 'rejected';
  /** Whether V8's optimising compiler is on (src/app/optimizer-switch.ts); the stats hook reports it. */
  __sitrepOptimizer?: 'on' | 'off';
}
