/**
 * Every sentence sitrep says when it will not act, written once. Bindings and
 * actions name a refusal from here; tests match on these texts.
 */

/** The words of each refusal. */
export const REFUSALS = {
  notRoot: 'permission denied: run sitrep as root (sudo)',
  readOnly: 'read-only: actions are off (--read-only)',
  replay: 'replay: actions are off in a recording',
  servicesNeedRoot: 'needs root (sudo): service actions are off',
  journalNeedsRoot: 'needs root (sudo) to make the journal persistent',
  changed: 'the file changed since you chose it: nothing done',
} as const;
