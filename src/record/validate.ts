/**
 * Shape checks for messages read from a recording: a hostile file must not
 * reach the model malformed. The schema is generated from the message types
 * (src/build/gen-schema.mjs), so what passes here has the shape the model is
 * typed for, with every number finite and bounded and every list capped.
 */
import type { Message } from '../stream/messages.js';
import { DEFS, MESSAGE } from './message-schema.js';
import { conforms } from './schema.js';

/** Whether `m` is a well-formed message. */
export function validMessage(m: unknown): m is Message {
  return conforms(MESSAGE, m, DEFS);
}
