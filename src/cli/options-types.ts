/**
 * The CLI's leaf types: what the demos and sources need of the command line
 * without importing the parser (args.ts) and what it pulls in.
 */

/** The demo scenarios `--demo` can run. */
export const DEMOS = ['disk-fill', 'crash-loop', 'memory-leak'] as const;

/** A demo name. */
export type DemoName = (typeof DEMOS)[number];
