/**
 * Whether sitrep runs as its single executable (dist/sitrep-linux-<arch>,
 * src/build/build-binary.mjs): the executable's script sets `__sitrepSea`
 * before anything else runs. It carries the ES module bundle as an asset
 * (what `sitrep ssh` sends to a host that has a node).
 */

/** What the executable's script provides. */
export interface SeaGlobals {
  __sitrepSea?: { readonly executable: string; readonly asset: (name: string) => Buffer };
}

/** The executable's path when sitrep runs as its single executable, else null. */
export function executablePath(): string | null {
  return (globalThis as SeaGlobals).__sitrepSea?.executable ?? null;
}

/** The ES module bundle the executable carries, or null when not one. */
export function embeddedBundle(): Buffer | null {
  return (globalThis as SeaGlobals).__sitrepSea?.asset('sitrep.mjs') ?? null;
}

/** What `--version` adds: that this is the executable, and the Node inside it. */
export function executableNote(): string {
  return executablePath() ? ` (single executable, linux-${process.arch}, Node ${process.version} inside)` : '';
}
