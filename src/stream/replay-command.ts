/**
 * The replay transport's commands: bound in the keymap, run by the replay
 * source (not the view reducer). A leaf type, so sources need not import the keymap.
 */

/** Replay's transport: run by the replay source, not the view reducer. */
export type ReplayCommand =
  | 'replay.toggle' | 'replay.back' | 'replay.forward' | 'replay.back-minute' | 'replay.forward-minute'
  | 'replay.slower' | 'replay.faster' | 'replay.step' | 'replay.start' | 'replay.end';
